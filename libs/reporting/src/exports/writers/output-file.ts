import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';

/** What the file may hold in memory, not yet written, before `write` waits: a few batches of lines. */
const BUFFERED_BYTES = 1 << 20;

/**
 * The file an export writes, with the two things every writer needs from it:
 * - backpressure: `write` waits for 'drain' when the disk is slower than the producer, so memory holds at most
 *   `BUFFERED_BYTES` and a batch whatever the number of lines; below that, the next batch is formatted while the
 *   last one is written (with Node's 16 kB, every batch of a CSV waited for its own write);
 * - no half-written report: on any failure the partial file is removed, so that a download never serves a
 *   truncated CSV that looks complete.
 */
export class OutputFile {
  readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: BUFFERED_BYTES });
    // Always listening: an 'error' with no listener would crash the process (a full disk while the caller awaits
    // the next batch from the database, say). The error is rethrown at the next write or at close.
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Throws the stream's error, if one happened since the last call. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async write(chunk: string | Buffer): Promise<void> {
    this.check();
    if (!this.stream.write(chunk)) await this.drained();
  }

  /** Resolves once the stream's buffer has been flushed below its high-water mark (rejects on a stream error). */
  async drained(): Promise<void> {
    this.check();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  /** Ends the file and waits until it is flushed and closed. */
  async close(): Promise<void> {
    this.stream.end();
    await this.finished();
  }

  /** Waits until a source piped into the file (pdfkit, exceljs's zip) has ended it, and the file is closed. */
  async finished(): Promise<void> {
    await finished(this.stream);
    this.check();
  }

  /** Stops writing and removes what was written; the original error is what the caller reports. */
  async discard(): Promise<void> {
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}
