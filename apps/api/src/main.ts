import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { firstStartMessage } from './auth/tokens/first-start-token';
import { createApp } from './bootstrap';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  Logger.log(
    `pix-ledger listening on ${url} (store: ${config.eventStore.adapter}); API docs at ${url}/docs`,
    'Main',
  );
  const once = firstStartMessage(app, url);
  if (once) process.stdout.write(`${once}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
