import { isSchoolYear } from '@pix-ledger/domain';
import { ProgressReporter } from '../progress';
import { duration, openRunner } from './runtime';

export const REBUILD_USAGE = `rebuild [--year YYYY-YYYY] [--projection NAME]

Rebuilds projections blue/green: the new tables build beside the live ones, which keep
answering, and replace them in one transaction once caught up. With --year, only that school
year's events are read and only its rows replaced (projections partitioned by year).
Default: every projection (every year-partitioned one with --year). Interrupted (Ctrl-C, crash),
it resumes where it stopped when run again, or in the projector process.
Progress: a bar on a terminal, plain lines otherwise.`;

function parse(args: string[]) {
  const options: { year?: string; projection?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--year') options.year = value();
    else if (arg === '--projection') options.projection = value();
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.year !== undefined && !isSchoolYear(options.year)) {
    throw new Error(`--year must be a school year like 2024-2025, got "${options.year}"`);
  }
  return options;
}

export async function rebuildCommand(args: string[]): Promise<number> {
  const options = parse(args);
  const { runner, close } = await openRunner();
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  try {
    await runner.init();
    const statuses = await runner.status();
    const names = options.projection
      ? [runner.projection(options.projection).name]
      : statuses
          .map((s) => s.name)
          .filter((name) => !options.year || runner.projection(name).yearColumns);
    for (const name of names) {
      const job = await runner.requestRebuild(name, { schoolYear: options.year });
      const scope = job.schoolYear || 'every year';
      const span = (await runner.rebuildSpan(name)) ?? { from: 0, target: 0 };
      const total = Math.max(1, span.target - span.from);
      const progress = new ProgressReporter(process.stderr, total);
      const started = Date.now();
      let events = 0;
      let switched = false;
      await runner.runRebuilds({
        only: name,
        signal: abort.signal,
        onBatch: (step) => {
          events += step.events;
          switched ||= step.switched;
          const elapsed = (Date.now() - started) / 1000;
          const done = Math.min(total, Math.max(0, step.position - span.from)) / total;
          const eta = done > 0 ? (elapsed / done) * (1 - done) : Number.NaN;
          const rate = Math.round(events / Math.max(elapsed, 0.001));
          progress.update(
            done * total,
            `${name} ${scope}: ${events} events, ${rate}/s, ETA ${duration(eta)}`,
          );
        },
      });
      progress.done();
      const seconds = (Date.now() - started) / 1000;
      if (abort.signal.aborted) {
        process.stdout.write(
          `${name} ${scope}: interrupted after ${events} events; run again to resume\n`,
        );
        return 130;
      }
      process.stdout.write(
        `${name} v${job.version} ${scope}: ${events} events in ${seconds.toFixed(1)} s` +
          `${switched ? ', switched to the rebuilt tables' : ''}\n`,
      );
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    await close();
  }
}
