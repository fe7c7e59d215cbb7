import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pupil_keys (
  pupil_ref  TEXT PRIMARY KEY,
  ine_digest TEXT NOT NULL UNIQUE,
  key        BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS erased_pupils (pupil_ref TEXT PRIMARY KEY, erased_at TEXT NOT NULL);
`;

export interface PupilKey {
  pupilRef: string;
  key: Buffer;
}

/**
 * One random 256-bit key per pupil, kept OUTSIDE the event log, in its own SQLite file
 * (data/pix-ledger.keys.db). A pupil is found by a keyed digest of the INE (HMAC with a secret
 * of this file), never by the INE itself. Destroying a key is the erasure: the deleted bytes are
 * zeroed in the file (secure_delete) and the WAL is truncated, so no copy stays on this disk.
 * Several processes (API, CLI import) may use the file at once.
 */
export class PupilKeyStore {
  private readonly db: Database.Database;
  private readonly pepper: Buffer;
  private readonly statements;
  /** Keys used for sealing, by INE digest. Opening always asks the file, so an erasure by another process is seen at once. */
  private readonly sealingKeys = new Map<string, PupilKey>();

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') chmodSync(path, 0o600);
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.db
      .prepare('INSERT OR IGNORE INTO vault_settings (name, value) VALUES (?, ?)')
      .run('ine-pepper', randomBytes(32));
    this.pepper = this.db
      .prepare('SELECT value FROM vault_settings WHERE name = ?')
      .pluck()
      .get('ine-pepper') as Buffer;
    this.statements = {
      byDigest: this.db.prepare(
        'SELECT pupil_ref AS pupilRef, key FROM pupil_keys WHERE ine_digest = ?',
      ),
      byRef: this.db.prepare('SELECT key FROM pupil_keys WHERE pupil_ref = ?').pluck(),
      insert: this.db.prepare(
        'INSERT OR IGNORE INTO pupil_keys (pupil_ref, ine_digest, key, created_at) VALUES (?, ?, ?, ?)',
      ),
      remove: this.db.prepare('DELETE FROM pupil_keys WHERE pupil_ref = ?'),
      tombstone: this.db.prepare(
        'INSERT OR IGNORE INTO erased_pupils (pupil_ref, erased_at) VALUES (?, ?)',
      ),
      erased: this.db.prepare('SELECT 1 FROM erased_pupils WHERE pupil_ref = ?').pluck(),
    };
  }

  private digestOf(ine: string): string {
    return createHmac('sha256', this.pepper).update(ine.trim().toUpperCase()).digest('hex');
  }

  /** The pupil's key, created on first use (the same INE always finds the same pupil). */
  keyForIne(ine: string, now: Date): PupilKey {
    const digest = this.digestOf(ine);
    const cached = this.sealingKeys.get(digest);
    if (cached) return cached;
    this.keysForInes([ine], now);
    return this.sealingKeys.get(digest) as PupilKey;
  }

  /**
   * Finds or creates the keys of many pupils in one transaction (one disk sync), e.g. before
   * an import batch is sealed, and keeps them at hand for sealing.
   */
  keysForInes(ines: readonly string[], now: Date): void {
    const digests = [...new Set(ines.map((ine) => this.digestOf(ine)))].filter(
      (digest) => !this.sealingKeys.has(digest),
    );
    if (digests.length === 0) return;
    this.db
      .transaction(() => {
        for (const digest of digests) {
          let key = this.statements.byDigest.get(digest) as PupilKey | undefined;
          if (!key) {
            key = { pupilRef: randomUUID(), key: randomBytes(32) };
            this.statements.insert.run(key.pupilRef, digest, key.key, now.toISOString());
          }
          this.remember(digest, key);
        }
      })
      .immediate();
  }

  private remember(digest: string, key: PupilKey): void {
    if (this.sealingKeys.size >= 50_000) this.sealingKeys.clear();
    this.sealingKeys.set(digest, key);
  }

  /** The key of a pupil, or undefined once erased (or never known). */
  keyOf(pupilRef: string): Buffer | undefined {
    return this.statements.byRef.get(pupilRef) as Buffer | undefined;
  }

  /** The registry reference of the pupil with this INE, if the registry holds data about them. */
  refOfIne(ine: string): string | undefined {
    return (this.statements.byDigest.get(this.digestOf(ine)) as PupilKey | undefined)?.pupilRef;
  }

  wasErased(pupilRef: string): boolean {
    return this.statements.erased.get(pupilRef) === 1;
  }

  /** Destroys the key for good; true when there was one. */
  destroy(pupilRef: string, now: Date): boolean {
    for (const [digest, key] of this.sealingKeys) {
      if (key.pupilRef === pupilRef) this.sealingKeys.delete(digest);
    }
    const removed = this.db
      .transaction(() => {
        this.statements.tombstone.run(pupilRef, now.toISOString());
        return this.statements.remove.run(pupilRef).changes > 0;
      })
      .immediate();
    // The WAL still holds the page as it was before the delete: fold it in and empty it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return removed;
  }

  close(): void {
    this.db.close();
  }
}
