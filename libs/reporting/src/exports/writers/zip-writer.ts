import { EventEmitter } from 'node:events';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback } from 'node:zlib';
import type { OutputFile } from './output-file';

/**
 * A zip archive (PKWARE APPNOTE 6.3) written straight into an export's file, for the XLSX package: what exceljs's
 * archiver did, without its cost on a million-line sheet. archiver deflated the sheet's XML through streams in small
 * chunks, and the writer had to wait for it after every batch; here each batch of XML is deflated in one call on
 * libuv's thread pool (so on another core while the next batch is built), as a run of deflate blocks ended by a sync
 * flush, and those runs follow one another to form the entry's deflate stream (the last one ends it).
 *
 * Entries are written one after the other, in the order they were opened: one still being written holds the next
 * until it ends. An entry whose size is not known when it starts (a stream) has a data descriptor after its data
 * (bit 3), as archiver wrote it; one above 4 GiB of XML gets ZIP64 sizes in its data descriptor and the central
 * directory. The archive itself is expected to stay below 4 GiB (a million lines compress to about 10 MB).
 */

const deflateRaw = promisify(deflateRawCallback);

/** The compression level of the export's entries: zlib's default; see bench/RESULTS.md for the others measured. */
export const XLSX_DEFLATE_LEVEL = 6;

/** A stream entry's XML is deflated once this much of it is waiting (one batch of lines is several MB). */
const FLUSH_BYTES = 1 << 20;

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const VERSION_ZIP64 = 45;
const MAX_32 = 0xffffffff;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time of the entries (local time, 2-second precision), as zip stores them. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

export class ZipWriter {
  private written = 0;
  private readonly entries: Entry[] = [];
  /** The previous entry's completion: each entry starts once the one before it is in the file. */
  private turn: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private readonly dos: { time: number; date: number };

  constructor(
    private readonly file: OutputFile,
    private readonly level = XLSX_DEFLATE_LEVEL,
    modifiedAt = new Date(),
  ) {
    this.dos = dosDateTime(modifiedAt);
  }

  /** The first error of any entry, if one happened. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** An entry whose content is all known: deflated in one call, sizes in its local header. */
  add(name: string, content: string | Buffer): void {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const compressed = deflateRaw(data, { level: this.level });
    // Not awaited by the caller: a rejection is kept as the archive's failure, thrown by `finish`.
    compressed.catch(() => undefined);
    this.enqueue(async () => {
      if (this.failure) return;
      const entry = this.entry(name, FLAG_UTF8_NAME);
      const bytes = await compressed;
      Object.assign(entry, { crc: crc32(data), size: data.length, compressedSize: bytes.length });
      await this.put(this.localHeader(entry));
      await this.put(bytes);
      this.entries.push(entry);
    });
  }

  /** An entry written as it comes (a worksheet): see `ZipEntryStream`. */
  stream(name: string): ZipEntryStream {
    let started!: () => void;
    let refused!: (error: Error) => void;
    const headerWritten = new Promise<void>((resolve, reject) => {
      started = resolve;
      refused = reject;
    });
    headerWritten.catch(() => undefined);
    const stream = new ZipEntryStream(this, headerWritten, this.level);
    this.enqueue(async () => {
      // An entry before this one failed: this one's writes fail with that error rather than wait for their turn.
      if (this.failure) return refused(this.failure);
      const entry = this.entry(name, FLAG_UTF8_NAME | FLAG_DATA_DESCRIPTOR);
      await this.put(this.localHeader(entry));
      started();
      const { crc, size, compressedSize } = await stream.completed;
      Object.assign(entry, { crc, size, compressedSize });
      const zip64 = size > MAX_32 || compressedSize > MAX_32;
      const descriptor = Buffer.alloc(zip64 ? 24 : 16);
      descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
      descriptor.writeUInt32LE(crc, 4);
      if (zip64) {
        descriptor.writeBigUInt64LE(BigInt(compressedSize), 8);
        descriptor.writeBigUInt64LE(BigInt(size), 16);
      } else {
        descriptor.writeUInt32LE(compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
      }
      await this.put(descriptor);
      this.entries.push(entry);
    });
    return stream;
  }

  /** Writes the central directory once every entry is in, and ends the file; throws the first entry's error. */
  async finish(): Promise<void> {
    await this.turn;
    if (this.failure) throw this.failure;
    const start = this.written;
    for (const entry of this.entries) await this.put(this.centralHeader(entry));
    const size = this.written - start;
    if (start > MAX_32 || this.entries.length > 0xffff) throw new Error('zip: an archive of 4 GiB or more');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    await this.file.close();
  }

  /** Bytes for the file, in order: only called from the entry whose turn it is. */
  async put(bytes: Buffer): Promise<void> {
    this.written += bytes.length;
    await this.file.write(bytes);
  }

  fail(error: Error): void {
    this.failure ??= error;
  }

  private enqueue(task: () => Promise<void>): void {
    this.turn = this.turn.then(async () => {
      try {
        await task();
      } catch (error) {
        this.fail(error as Error);
      }
    });
  }

  private entry(name: string, flags: number): Entry {
    // exceljs names its parts "/xl/…": a zip entry's name has no leading slash.
    return {
      name: Buffer.from(name.replace(/^\/+/, '')),
      flags,
      crc: 0,
      size: 0,
      compressedSize: 0,
      offset: this.written,
    };
  }

  private localHeader(entry: Entry): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(this.dos.time, 10);
    header.writeUInt16LE(this.dos.date, 12);
    // With a data descriptor, CRC and sizes are zero here and follow the data.
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(entry.name.length, 26);
    header.writeUInt16LE(0, 28);
    entry.name.copy(header, 30);
    return header;
  }

  private centralHeader(entry: Entry): Buffer {
    const zip64 = entry.size > MAX_32 || entry.compressedSize > MAX_32;
    const extra = zip64 ? 20 : 0;
    const header = Buffer.alloc(46 + entry.name.length + extra);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 4);
    header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 6);
    header.writeUInt16LE(entry.flags, 8);
    header.writeUInt16LE(METHOD_DEFLATE, 10);
    header.writeUInt16LE(this.dos.time, 12);
    header.writeUInt16LE(this.dos.date, 14);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(zip64 ? MAX_32 : entry.compressedSize, 20);
    header.writeUInt32LE(zip64 ? MAX_32 : entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt16LE(extra, 30);
    // Comment length, disk number, internal and external attributes: zero.
    header.writeUInt32LE(entry.offset, 42);
    entry.name.copy(header, 46);
    if (zip64) {
      // The ZIP64 extended information: the original size, then the compressed size (the fields set to 0xFFFFFFFF).
      const at = 46 + entry.name.length;
      header.writeUInt16LE(0x0001, at);
      header.writeUInt16LE(16, at + 2);
      header.writeBigUInt64LE(BigInt(entry.size), at + 4);
      header.writeBigUInt64LE(BigInt(entry.compressedSize), at + 12);
    }
    return header;
  }
}

/**
 * One entry written as it comes, with the part of a writable stream exceljs's worksheet writer uses (`write`, `end`,
 * `pause`, 'finish'). Text is gathered until `FLUSH_BYTES`, then deflated on the thread pool while the caller goes
 * on; `drained()` waits until all but the last deflated run are in the file, which bounds memory to about two runs
 * whatever the number of lines.
 */
export class ZipEntryStream extends EventEmitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private crc = 0;
  private size = 0;
  private compressedSize = 0;
  /** The runs written so far, in order, and the one before the last. */
  private written: Promise<void>;
  private beforeLast: Promise<void> = Promise.resolve();
  private ended = false;
  readonly completed: Promise<{ crc: number; size: number; compressedSize: number }>;
  private complete!: (sizes: { crc: number; size: number; compressedSize: number }) => void;
  private abort!: (error: Error) => void;

  constructor(
    private readonly zip: ZipWriter,
    headerWritten: Promise<void>,
    private readonly level: number,
  ) {
    super();
    this.written = headerWritten;
    this.completed = new Promise((resolve, reject) => {
      this.complete = resolve;
      this.abort = reject;
    });
    this.completed.catch(() => undefined);
  }

  /** A text, bytes, or exceljs's StringBuf (whose `toBuffer()` is a copy of its text). */
  write(chunk: string | Buffer | { toBuffer(): Buffer }): boolean {
    if (this.ended) throw new Error('zip: write after end');
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : chunk.toBuffer();
    if (data.length === 0) return true;
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush(false);
    return true;
  }

  /** exceljs pauses the streams it opens; nothing flows out of this one. */
  pause(): this {
    return this;
  }

  end(chunk?: string | Buffer | { toBuffer(): Buffer }): this {
    if (chunk !== undefined) this.write(chunk);
    this.ended = true;
    this.flush(true);
    void this.written.then(
      () => {
        this.complete({ crc: this.crc, size: this.size, compressedSize: this.compressedSize });
        this.emit('finish');
      },
      (error: Error) => {
        this.zip.fail(error);
        this.abort(error);
        if (this.listenerCount('error') > 0) this.emit('error', error);
      },
    );
    return this;
  }

  /** Deflates what is waiting, then resolves once every run but this last one is in the file. */
  async drained(): Promise<void> {
    if (this.pendingBytes > 0) this.flush(false);
    await this.beforeLast;
    if (this.zip.error) throw this.zip.error;
  }

  private flush(last: boolean): void {
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // Deflated now, on the thread pool; written after the runs before it. A sync flush ends each run on a byte
    // boundary with no final block, so that the next run continues the same deflate stream; the last one finishes it.
    const compressed = deflateRaw(data, {
      level: this.level,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    });
    compressed.catch(() => undefined);
    this.beforeLast = this.written;
    this.written = this.written.then(async () => {
      const bytes = await compressed;
      this.compressedSize += bytes.length;
      await this.zip.put(bytes);
    });
    this.written.catch((error: Error) => this.zip.fail(error));
  }
}
