import { ProgressReporter } from './progress';

const recorder = (isTTY: boolean) => {
  const written: string[] = [];
  return { out: { isTTY, columns: 80, write: (text: string) => written.push(text) }, written };
};

describe('ProgressReporter', () => {
  it('redraws one bar on a TTY', () => {
    const { out, written } = recorder(true);
    const progress = new ProgressReporter(out, 200);
    progress.update(50, '50 rows');
    progress.update(200, '200 rows');
    progress.done();
    expect(written[0]).toMatch(/^\r\[#+-+\] {2}25% 50 rows$/);
    expect(written[1]).toMatch(/^\r\[#+\] 100% 200 rows$/);
    expect(written[2]).toBe('\n');
  });

  it('writes plain lines, one per step, elsewhere', () => {
    const { out, written } = recorder(false);
    const progress = new ProgressReporter(out, 100, 25);
    for (let done = 0; done <= 100; done += 5) progress.update(done, `${done} rows`);
    progress.done();
    expect(written).toEqual([
      'progress 0% 0 rows\n',
      'progress 25% 25 rows\n',
      'progress 50% 50 rows\n',
      'progress 75% 75 rows\n',
      'progress 100% 100 rows\n',
    ]);
  });
});
