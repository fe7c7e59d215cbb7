import { uuidv7 } from './uuid-v7';

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID carrying the millisecond timestamp', () => {
    const id = uuidv7(Date.UTC(2026, 10, 22, 8, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 10, 22, 8, 0, 0));
  });

  it('sorts in generation order, also within one millisecond and when the clock steps back', () => {
    const t = Date.UTC(2030, 0, 1);
    const ids = [
      ...Array.from({ length: 5000 }, () => uuidv7(t)),
      uuidv7(t - 1000),
      ...Array.from({ length: 10 }, (_, i) => uuidv7(t + 1 + i)),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
