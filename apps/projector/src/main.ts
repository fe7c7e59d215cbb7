import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../api/src/config';
import { loadProjectionsConfig } from '../../api/src/projections/projections.config';
import { ProjectorModule } from './projector.module';

/**
 * `npm run projector`: configured by the same environment as the API (README, configuration),
 * plus PIX_LEDGER_PROJECTOR_PORT (default 3001; 0 = any free port) for its status and metrics.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const projections = loadProjectionsConfig(process.env, config.dataDir);
  const port = Number(process.env.PIX_LEDGER_PROJECTOR_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PIX_LEDGER_PROJECTOR_PORT must be an integer from 0 to 65535`);
  }
  const app = await NestFactory.create(ProjectorModule.forRoot(config, projections), {
    logger: process.env.PIX_LEDGER_PROJECTOR_QUIET ? ['error', 'warn'] : undefined,
  });
  app.enableShutdownHooks();
  await app.listen(port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  Logger.log(
    `projector running (${config.eventStore.adapter} log, ${projections.readModels.adapter} read models); ` +
      `status at http://${config.host}:${address.port}/projections`,
    'Projector',
  );
  process.send?.({ ready: true, port: address.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
