import { Client } from 'pg';

/** The server started by the jest global setup (test/support/postgres-server.mjs), if any. */
export const POSTGRES_URL = process.env.PIX_LEDGER_TEST_POSTGRES_URL;
export const POSTGRES_SKIP_REASON =
  process.env.PIX_LEDGER_PG_SKIP ?? 'PIX_LEDGER_TEST_POSTGRES_URL is not set';

/** `describe` when a PostgreSQL server is there, `describe.skip` (saying why) otherwise. */
export const describeWithPostgres: jest.Describe = POSTGRES_URL
  ? describe
  : (((name: string, fn: () => void) => {
      describe.skip(`${name} (skipped: ${POSTGRES_SKIP_REASON})`, fn);
    }) as jest.Describe);

let counter = 0;

/**
 * A fresh database for one test, collated like SQLite (byte order, 'C'), so that both stores
 * sort text the same way. Returns its URL and a function that drops it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_SKIP_REASON);
  const name = `pix_ledger_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
