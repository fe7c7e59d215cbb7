/**
 * INE (Identifiant National Élève): 11 characters in one of three formats (DOMAIN.md §5.2).
 * No check-character algorithm is known, so only the format is checked.
 */
const INE_FORMATS = [
  { format: 'INE-RNIE', pattern: /^[0-9]{9}[A-Za-z]{2}$/ },
  { format: 'INE-BEA', pattern: /^[0-9_]{10}[A-Za-z]$/ },
  { format: 'INE-apprentissage', pattern: /^[0-9]{4}A[0-9]{5}[A-Za-z]$/ },
] as const;

export type IneFormat = (typeof INE_FORMATS)[number]['format'];

export function ineFormatOf(value: unknown): IneFormat | undefined {
  if (typeof value !== 'string') return undefined;
  return INE_FORMATS.find(({ pattern }) => pattern.test(value))?.format;
}

/** Why a value is not an INE, or undefined when it is one. */
export function ineProblem(value: unknown): string | undefined {
  return ineFormatOf(value)
    ? undefined
    : 'must be an INE: 9 digits + 2 letters (RNIE), 10 digits + 1 letter (BEA) or 4 digits + A + 5 digits + 1 letter (apprentissage)';
}
