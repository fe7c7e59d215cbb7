import type { TSchema } from '@sinclair/typebox';

/**
 * Every event type the system records, described once: its TypeBox schema gives the TypeScript
 * type (Static<>), the JSON Schema published in AsyncAPI, and runtime checks, so the three
 * cannot drift apart. Each bounded context exports its list; catalogue.ts gathers them.
 */
export interface EventDefinition<Schema extends TSchema = TSchema> {
  type: string;
  /** Stream category the event is written to (`<category>-<id>`). */
  category: string;
  schemaVersion: number;
  description: string;
  schema: Schema;
}

export function defineEvent<Schema extends TSchema>(
  definition: EventDefinition<Schema>,
): EventDefinition<Schema> {
  return definition;
}
