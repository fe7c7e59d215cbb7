/**
 * Progress on the terminal: a redrawn bar on a TTY, plain lines otherwise (logs, CI, pipes),
 * at most one every `everyPercent` so a log stays readable.
 */
export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export class ProgressReporter {
  private lastPercent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly out: ProgressOutput,
    private readonly total: number,
    private readonly everyPercent = 10,
  ) {}

  update(done: number, detail: string): void {
    const percent = this.total > 0 ? Math.min(100, Math.floor((done / this.total) * 100)) : 0;
    if (this.out.isTTY) {
      const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - detail.length - 10));
      const filled = Math.round((percent / 100) * width);
      this.out.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${detail}`,
      );
      return;
    }
    if (
      percent >= this.lastPercent + this.everyPercent ||
      (percent === 100 && this.lastPercent < 100)
    ) {
      this.lastPercent = percent;
      this.out.write(`progress ${percent}% ${detail}\n`);
    }
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
