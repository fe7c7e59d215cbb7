// EventStoreDB for the contract suite: the server named by EVENTSTORE_CONNECTION_STRING, else a
// KurrentDB container when testcontainers finds a runtime, else the suite is skipped and says why.
const IMAGE = process.env.EVENTSTORE_IMAGE ?? 'kurrentplatform/kurrentdb:26.1.1';

export async function startEventStoreDb() {
  if (process.env.EVENTSTORE_CONNECTION_STRING) {
    process.env.PIX_LEDGER_ESDB_SOURCE = 'EVENTSTORE_CONNECTION_STRING';
    return {};
  }
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    const reason = `no EVENTSTORE_CONNECTION_STRING and no container runtime (${String(error.message ?? error).split('\n')[0]})`;
    process.env.PIX_LEDGER_ESDB_SKIP = reason;
    process.stdout.write(`\nEventStoreDB contract suite skipped: ${reason}\n`);
    return {};
  }
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'All',
      KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
      KURRENTDB_MEM_DB: 'true',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  process.env.EVENTSTORE_CONNECTION_STRING = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  process.env.PIX_LEDGER_ESDB_SOURCE = `testcontainers (${IMAGE})`;
  return { stop: () => container.stop() };
}
