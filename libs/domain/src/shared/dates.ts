/** Calendar dates (Europe/Paris days) are kept as ISO `YYYY-MM-DD` strings: no time zone games. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A school year `YYYY-(YYYY+1)`, from the rentrée to the summer. */
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

export function isSchoolYear(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SCHOOL_YEAR.exec(value);
  return !!match && Number(match[2]) === Number(match[1]) + 1;
}

/** The school year a date falls in, taking 1 September as its start. */
export function schoolYearOf(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}
