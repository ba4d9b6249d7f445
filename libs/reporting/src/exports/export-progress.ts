/**
 * When an export's running count is worth writing, and what its progress is: at most once per hundredth of the lines
 * (about a hundred updates, however long the export), never 1 before the file is complete. The lines are counted
 * while the first batches are read and written (the count took ≈ 0.3 s of a million-line export when it came first):
 * until the count is known nothing is written, and a count that fails leaves the progress unknown, not the export.
 */
export function exportProgress(
  lineCount: Promise<number>,
  write: (rowsSoFar: number, progress: number) => Promise<void>,
  onCountFailed: (error: unknown) => void,
): (rowsSoFar: number) => Promise<void> {
  let expectedRows: number | undefined;
  lineCount.then((count) => (expectedRows = count), onCountFailed);
  let written: number | undefined;
  return async (rowsSoFar) => {
    if (expectedRows === undefined) return;
    const step = Math.max(1, Math.floor(expectedRows / 100));
    if (written !== undefined && rowsSoFar - written < step) return;
    written = rowsSoFar;
    await write(rowsSoFar, expectedRows > 0 ? Math.min(0.99, rowsSoFar / expectedRows) : 0.99);
  };
}
