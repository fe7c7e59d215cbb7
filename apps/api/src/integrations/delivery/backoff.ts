/** Delay before attempt n+1 after n failures: base, 2×base, 4×base… capped. */
export function backoffDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}
