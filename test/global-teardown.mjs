export default async function globalTeardown() {
  for (const server of globalThis.__PIX_LEDGER_SERVERS__ ?? []) await server.stop();
}
