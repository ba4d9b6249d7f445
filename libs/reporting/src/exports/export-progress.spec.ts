import { exportProgress } from './export-progress';

/** A promise settled by the test, and the writes an export's progress made. */
function setUp() {
  let settle!: { resolve: (count: number) => void; reject: (error: unknown) => void };
  const lineCount = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  const writes: [number, number][] = [];
  const failures: unknown[] = [];
  const report = exportProgress(
    lineCount,
    async (rows, progress) => void writes.push([rows, progress]),
    (error) => failures.push(error),
  );
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { settle, writes, failures, report, settled };
}

describe('exportProgress', () => {
  it('writes nothing until the lines are counted, then the count so far against it', async () => {
    const { settle, writes, report, settled } = setUp();
    await report(100);
    await report(200);
    expect(writes).toEqual([]);
    settle.resolve(1_000);
    await settled();
    await report(300);
    expect(writes).toEqual([[300, 0.3]]);
  });

  it('writes at most once per hundredth of the lines, and never 1 before the file is complete', async () => {
    const { settle, writes, report, settled } = setUp();
    settle.resolve(10_000);
    await settled();
    for (const rows of [50, 100, 149, 150, 250, 10_000, 12_000]) await report(rows);
    expect(writes).toEqual([
      [50, 0.005],
      [150, 0.015],
      [250, 0.025],
      [10_000, 0.99],
      [12_000, 0.99],
    ]);
  });

  it('writes 0.99 for lines it did not expect (none counted, or more than counted)', async () => {
    const { settle, writes, report, settled } = setUp();
    settle.resolve(0);
    await settled();
    await report(3);
    expect(writes).toEqual([[3, 0.99]]);
  });

  it('leaves the progress unknown when the count fails, and says so once', async () => {
    const { settle, writes, failures, report, settled } = setUp();
    settle.reject(new Error('connection lost'));
    await settled();
    await report(100);
    expect(writes).toEqual([]);
    expect(failures).toEqual([new Error('connection lost')]);
  });
});
