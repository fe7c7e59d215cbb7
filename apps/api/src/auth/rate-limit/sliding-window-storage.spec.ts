import { SlidingWindowThrottlerStorage } from './sliding-window-storage';

describe('SlidingWindowThrottlerStorage', () => {
  let now = 0;
  const storage = () => new SlidingWindowThrottlerStorage(() => now);
  const hit = (s: SlidingWindowThrottlerStorage, key = 'a') =>
    s.increment(key, 60_000, 3, 0, 'client');

  beforeEach(() => (now = 1_000_000));

  it('lets `limit` requests through in a window, then blocks until the window has slid', async () => {
    const s = storage();
    for (let i = 1; i <= 3; i++)
      expect(await hit(s)).toMatchObject({ totalHits: i, isBlocked: false });
    const refused = await hit(s);
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBe(60);
    now += 30_000;
    expect((await hit(s)).isBlocked).toBe(true);
    now += 30_001;
    // A new window: half of the previous window's 3 hits still count.
    expect(await hit(s)).toMatchObject({ isBlocked: false });
  });

  it('counts each key apart', async () => {
    const s = storage();
    for (let i = 0; i < 3; i++) await hit(s, 'a');
    expect((await hit(s, 'a')).isBlocked).toBe(true);
    expect((await hit(s, 'b')).isBlocked).toBe(false);
  });

  it('weighs the previous window by how much of it is still within the last ttl', async () => {
    const s = storage();
    for (let i = 0; i < 3; i++) await hit(s);
    now += 60_000 + 15_000; // next window, a quarter through: 3 × 0.75 = 2 still count
    expect(await hit(s)).toMatchObject({ totalHits: 3, isBlocked: false });
    expect((await hit(s)).isBlocked).toBe(true);
  });

  it('forgets the past after two idle windows', async () => {
    const s = storage();
    for (let i = 0; i < 3; i++) await hit(s);
    now += 120_001;
    expect(await hit(s)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
