import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExportedEvent, SqliteEventStore, verifyChain } from '@pix-ledger/event-store';

/** Flips one byte of the file where `marker` is stored, as someone editing the file would. */
function flipByteOf(path: string, marker: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(marker));
  if (at < 0) throw new Error(`marker ${marker} not found in ${path}`);
  const fd = openSync(path, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, at);
  one[0] ^= 0x01;
  writeSync(fd, one, 0, 1, at);
  closeSync(fd);
}

describe('SQLite log tamper evidence (hash chain)', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pix-ledger-chain-'));
    path = join(dir, 'events.db');
    const store = new SqliteEventStore(path);
    for (let i = 1; i <= 120; i++) {
      await store.append(`result-${i % 9}`, [
        {
          type: 'ResultPublished',
          data: { note: `marker-${String(i).padStart(4, '0')}`, pixScore: i },
        },
      ]);
    }
    await store.close(); // checkpoints the WAL into the main file
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an untouched log verifies, and every read carries the chained hash', async () => {
    const store = new SqliteEventStore(path);
    expect(await store.verifyIntegrity()).toMatchObject({ ok: true, checked: 120 });
    const [first] = await store.readStream('result-1');
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });

  it('one byte changed in the file breaks the chain at that event, named by its position', async () => {
    flipByteOf(path, 'marker-0077');
    const store = new SqliteEventStore(path);
    const verdict = await store.verifyIntegrity();
    await store.close();
    expect(verdict).toMatchObject({ ok: false, checked: 76, firstBrokenPosition: 77 });
  });

  it('an export carries the chain, so a third party can verify it offline', async () => {
    const store = new SqliteEventStore(path);
    const exported: ExportedEvent[] = [];
    for await (const line of store.exportLog())
      exported.push(JSON.parse(JSON.stringify(line)) as ExportedEvent);
    await store.close();
    expect(await verifyChain(exported)).toMatchObject({ ok: true, checked: 120 });

    const edited = exported.map((e) =>
      e.position === 50 ? { ...e, data: e.data.replace('"pixScore":50', '"pixScore":51') } : e,
    );
    expect(await verifyChain(edited)).toMatchObject({ ok: false, firstBrokenPosition: 50 });
    const dropped = exported.filter((e) => e.position !== 90);
    expect(await verifyChain(dropped)).toMatchObject({ ok: false, firstBrokenPosition: 90 });
  });
});
