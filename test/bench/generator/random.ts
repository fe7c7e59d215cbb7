/**
 * A seeded pseudo-random source (mulberry32). `fork(label)` derives an independent source from
 * the seed and a label, so a year or an establishment gets the same data whatever else is
 * generated around it (1 year or 5 years stored hold the same year).
 */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** Box-Muller. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  fork(label: string | number): Random {
    let hash = this.seed ^ 0x811c9dc5;
    for (const char of String(label)) {
      hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    }
    return new Random(hash >>> 0);
  }
}
