/** ISO dates (YYYY-MM-DD) shown the French way, and as day numbers for the charts. */
const DAY_MS = 86_400_000;

export function frDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

export function frPeriod(start: string | null | undefined, end: string | null | undefined): string {
  return `${frDate(start)} → ${end ? frDate(end) : '…'}`;
}

export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The school year YYYY-(YYYY+1): from 1 September to 31 August. */
export function schoolYearPeriod(year: string): { start: string; end: string } {
  const first = Number(year.slice(0, 4));
  return { start: `${first}-09-01`, end: `${first + 1}-08-31` };
}

/** The day before an exclusive end date (rules end the day their successor starts). */
export function dayBefore(iso: string): string {
  return isoOfDay(dayNumber(iso) - 1);
}

/** Chart ticks on the first day of months between two day numbers (at most about 13 of them). */
export function monthTicks(minDay: number, maxDay: number): number[] {
  const first = new Date(minDay * DAY_MS);
  const months: number[] = [];
  for (
    let d = new Date(
      Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0), 1),
    );
    d.getTime() <= maxDay * DAY_MS;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  ) {
    months.push(Math.round(d.getTime() / DAY_MS));
  }
  const step = Math.ceil(months.length / 13);
  return months.filter((_, i) => i % step === 0);
}
