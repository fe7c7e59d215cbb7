import { CommandRejected } from '../shared/decider';
import { isIsoDate, isSchoolYear } from '../shared/dates';
import { CONFIDENCES, type SourceRef, SEED_KEYS } from './vocabulary';

/** Guards shared by the regulation deciders: each throws CommandRejected naming the field. */

export function requireDate(field: string, value: unknown): string {
  if (!isIsoDate(value))
    throw CommandRejected.invalid(field, `must be a calendar date YYYY-MM-DD, got ${show(value)}`);
  return value;
}

export function optionalDate(field: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireDate(field, value);
}

export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0)
    throw CommandRejected.invalid(field, 'must not be empty');
  return value;
}

export function requireSchoolYear(field: string, value: unknown): string {
  if (!isSchoolYear(value)) {
    throw CommandRejected.invalid(
      field,
      `must be a school year YYYY-(YYYY+1) such as 2024-2025, got ${show(value)}`,
    );
  }
  return value;
}

export function requireSource(field: string, source: SourceRef | undefined): void {
  if (!source || typeof source.reference !== 'string' || source.reference.trim() === '') {
    throw CommandRejected.invalid(`${field}.reference`, 'every fact needs its source reference');
  }
  if (source.seed !== undefined && !(SEED_KEYS as readonly string[]).includes(source.seed)) {
    throw CommandRejected.invalid(`${field}.seed`, `must be one of ${SEED_KEYS.join(', ')}`);
  }
}

export function requireConfidence(field: string, value: unknown): void {
  if (!(CONFIDENCES as readonly unknown[]).includes(value)) {
    throw CommandRejected.invalid(field, `must be one of ${CONFIDENCES.join(', ')} (DOMAIN.md §0)`);
  }
}

/** A period whose end is not before its start. */
export function requirePeriod(
  field: string,
  period: { start?: unknown; end?: unknown } | undefined,
) {
  if (!period) throw CommandRejected.invalid(field, 'is required');
  const start = requireDate(`${field}.start`, period.start);
  const end = requireDate(`${field}.end`, period.end);
  if (end < start)
    throw CommandRejected.invalid(`${field}.end`, `${end} is before the start ${start}`);
  return { start, end };
}

/** First and last day of a school year (1 September to 31 August). */
export function schoolYearBounds(schoolYear: string): { start: string; end: string } {
  const first = Number(schoolYear.slice(0, 4));
  return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
