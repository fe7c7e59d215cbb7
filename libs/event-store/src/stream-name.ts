import { InvalidStreamNameError } from './errors';

/**
 * Stream names follow EventStoreDB conventions, `<category>-<id>` with a category free of '-',
 * so `$ce-<category>` projections work natively there and category filters work everywhere.
 */
const CATEGORY = /^[A-Za-z][A-Za-z0-9]*$/;

export function streamName(category: string, id: string): string {
  if (!CATEGORY.test(category)) {
    throw new InvalidStreamNameError(`${category}-${id}`, 'category must be alphanumeric, no "-"');
  }
  if (id.length === 0) throw new InvalidStreamNameError(`${category}-`, 'id is empty');
  return `${category}-${id}`;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

export function assertValidStreamName(streamId: string): void {
  if (streamId.startsWith('$'))
    throw new InvalidStreamNameError(streamId, 'system streams are reserved');
  const dash = streamId.indexOf('-');
  if (dash <= 0 || dash === streamId.length - 1) {
    throw new InvalidStreamNameError(streamId, 'expected <category>-<id>');
  }
  if (!CATEGORY.test(streamId.slice(0, dash))) {
    throw new InvalidStreamNameError(streamId, 'category must be alphanumeric, no "-"');
  }
}
