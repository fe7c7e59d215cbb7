import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCatalogue } from '@pix-ledger/domain/catalogue';
import { asyncApiYaml } from './asyncapi-document';

/** `npm run docs:asyncapi`: regenerates docs/asyncapi.yaml from the event catalogue. */
export const ASYNCAPI_PATH = join(__dirname, '../../../../../docs/asyncapi.yaml');

if (require.main === module) {
  writeFileSync(ASYNCAPI_PATH, asyncApiYaml(eventCatalogue));
  console.log(`wrote ${ASYNCAPI_PATH} (${eventCatalogue.length} event types)`);
}
