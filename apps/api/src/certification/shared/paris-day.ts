/** The Europe/Paris calendar day of an instant: dates in the registry are Paris days. */
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function parisDay(instant: Date): string {
  return PARIS_DAY.format(instant);
}
