import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parse } from 'yaml';
import { eventCatalogue } from '@pix-ledger/domain/catalogue';
import {
  asyncApiDocument,
  asyncApiYaml,
} from '../../apps/api/src/integrations/asyncapi/asyncapi-document';
import { ASYNCAPI_PATH } from '../../apps/api/src/integrations/asyncapi/write-asyncapi';
import { startTestApp, type TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const asyncApi3Schema = require('@asyncapi/specs/schemas/3.0.0-without-$id.json');

describe('AsyncAPI document of the feed and webhooks', () => {
  const generated = asyncApiYaml(eventCatalogue);

  it('docs/asyncapi.yaml is the one generated from the event catalogue', () => {
    const committed = readFileSync(ASYNCAPI_PATH, 'utf8');
    if (committed !== generated) {
      throw new Error(
        'docs/asyncapi.yaml is out of date with libs/domain/src/catalogue.ts (an event was added ' +
          'or changed): run `npm run docs:asyncapi` and commit docs/asyncapi.yaml.',
      );
    }
  });

  it('is a valid AsyncAPI 3.0.0 document (official JSON Schema), and a broken one is not', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(asyncApi3Schema);
    const document = parse(generated);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    const broken = structuredClone(document);
    delete broken.operations.publishFeed.action;
    expect(validate(broken)).toBe(false);
  });

  it('describes every catalogued event type with its own schema, on the feed and the webhooks', () => {
    const document = asyncApiDocument(eventCatalogue) as {
      channels: Record<string, { messages: Record<string, unknown> }>;
      components: { schemas: Record<string, { allOf?: unknown[] }> };
    };
    expect(eventCatalogue.length).toBeGreaterThan(0);
    for (const definition of eventCatalogue) {
      expect(document.components.schemas[`${definition.type}Data`]).toEqual(
        JSON.parse(JSON.stringify(definition.schema)),
      );
      expect(document.channels.feed.messages[definition.type]).toBeDefined();
      expect(document.channels.webhook.messages[definition.type]).toBeDefined();
    }
    expect(document.components.schemas.WebhookSubscriptionCreatedEvent.allOf?.[1]).toMatchObject({
      properties: {
        type: { const: 'fr.pix-ledger.webhook-subscription.webhook-subscription-created.v1' },
      },
    });
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('serves the same document at /docs/asyncapi (YAML) and /docs/asyncapi.json', async () => {
      const server = t.app.getHttpServer();
      const yaml = await request(server).get('/docs/asyncapi').expect(200);
      expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
      expect(yaml.text).toBe(generated);
      const json = await request(server).get('/docs/asyncapi.json').expect(200);
      expect(json.body).toEqual(parse(generated));
    });
  });
});
