/**
 * UAI (ex-RNE), the establishment code: 7 digits and a check letter (DOMAIN.md §5.1).
 * The letter is `ALPHABET[int(digits) mod 23]`, an alphabet of 23 letters without I, O, Q.
 */
const UAI_FORMAT = /^[0-9]{7}[A-Z]$/;
const CHECK_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type Uai = string;

/** The check letter the seven digits call for. */
export function uaiCheckLetter(digits: string): string {
  if (!/^[0-9]{7}$/.test(digits)) throw new Error(`uaiCheckLetter needs 7 digits, got "${digits}"`);
  return CHECK_ALPHABET[Number(digits) % 23];
}

/** Why a value is not a UAI, or undefined when it is one. */
export function uaiProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !UAI_FORMAT.test(value)) {
    return 'must be 7 digits followed by an upper-case letter (e.g. 0951099D)';
  }
  const expected = uaiCheckLetter(value.slice(0, 7));
  if (value[7] !== expected) return `check letter must be ${expected}, not ${value[7]}`;
  return undefined;
}

export function isUai(value: unknown): value is Uai {
  return uaiProblem(value) === undefined;
}
