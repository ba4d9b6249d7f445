import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { OutputFile } from './output-file';
import { ZipWriter } from './zip-writer';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rse-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ReadEntry {
  name: string;
  version: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** The ZIP64 extended information's sizes, when the central header carries one. */
  zip64?: { size: bigint; compressedSize: bigint };
}

/**
 * The archive read back by the book (APPNOTE 6.3), independently of the writer: the end of central directory, each
 * central header, and the local header and data it points to.
 */
function readZip(bytes: Buffer): {
  entries: ReadEntry[];
  dataOf(entry: ReadEntry): Buffer;
  afterData(entry: ReadEntry): number;
} {
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  let at = bytes.readUInt32LE(end + 16);
  expect(at + directorySize).toBe(end);
  const entries: ReadEntry[] = [];
  for (let index = 0; index < count; index++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const entry: ReadEntry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      version: bytes.readUInt16LE(at + 6),
      flags: bytes.readUInt16LE(at + 8),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    };
    if (extraLength) {
      const extra = at + 46 + nameLength;
      expect(bytes.readUInt16LE(extra)).toBe(0x0001);
      expect(bytes.readUInt16LE(extra + 2)).toBe(16);
      entry.zip64 = { size: bytes.readBigUInt64LE(extra + 4), compressedSize: bytes.readBigUInt64LE(extra + 12) };
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength;
  }
  const dataStart = (entry: ReadEntry) => {
    expect(bytes.readUInt32LE(entry.offset)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(entry.offset + 8)).toBe(8); // deflate
    return entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
  };
  return {
    entries,
    dataOf: (entry) => bytes.subarray(dataStart(entry), dataStart(entry) + entry.compressedSize),
    afterData: (entry) => dataStart(entry) + entry.compressedSize,
  };
}

async function archive(name: string, fill: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const path = join(dir, name);
  const zip = new ZipWriter(new OutputFile(path), 6, new Date(2026, 11, 5, 13, 30, 10));
  await fill(zip);
  await zip.finish();
  return readFile(path);
}

describe('ZipWriter', () => {
  it('writes entries a zip reader finds by the central directory, each inflating to its content with its CRC', async () => {
    // Several runs of deflate blocks (each flush is 1 MiB): the entry's data must still be one deflate stream.
    const rows = Array.from({ length: 80_000 }, (_, index) => `<row r="${index}"><c><v>${index * 7.25}</v></c></row>`);
    const sheet = Buffer.from(rows.join(''));
    const bytes = await archive('plain.zip', async (zip) => {
      zip.add('/[Content_Types].xml', '<Types>é</Types>');
      const stream = zip.stream('/xl/worksheets/sheet1.xml');
      for (let from = 0; from < rows.length; from += 10_000) {
        stream.write(rows.slice(from, from + 10_000).join(''));
        await stream.drained();
      }
      stream.end();
      zip.add('xl/workbook.xml', Buffer.from('<workbook/>'));
    });

    const { entries, dataOf, afterData } = readZip(bytes);
    expect(entries.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml',
      'xl/worksheets/sheet1.xml',
      'xl/workbook.xml',
    ]);
    const contents = [Buffer.from('<Types>é</Types>'), sheet, Buffer.from('<workbook/>')];
    expect(sheet.length).toBeGreaterThan(2 << 20);
    entries.forEach((entry, index) => {
      const content = inflateRawSync(dataOf(entry));
      expect(content.equals(contents[index])).toBe(true);
      expect(entry).toMatchObject({ crc: crc32(contents[index]), size: contents[index].length, version: 20 });
      expect(entry.flags & 0x0800).toBe(0x0800); // UTF-8 names
      expect(entry.zip64).toBeUndefined();
    });
    // The stream entry: sizes after its data (bit 3), in a 16-byte data descriptor; the others in the local header.
    const [types, stream, workbook] = entries;
    expect(types.flags & 0x0008).toBe(0);
    expect(bytes.readUInt32LE(types.offset + 18)).toBe(types.compressedSize);
    expect(stream.flags & 0x0008).toBe(0x0008);
    expect(bytes.readUInt32LE(stream.offset + 14)).toBe(0);
    const descriptor = afterData(stream);
    expect(bytes.readUInt32LE(descriptor)).toBe(0x08074b50);
    expect([
      bytes.readUInt32LE(descriptor + 4),
      bytes.readUInt32LE(descriptor + 8),
      bytes.readUInt32LE(descriptor + 12),
    ]).toEqual([stream.crc, stream.compressedSize, stream.size]);
    expect(workbook.offset).toBe(descriptor + 16);
    // The MS-DOS time of the entries: 2026-12-05 13:30:10 local time.
    expect(bytes.readUInt16LE(types.offset + 12)).toBe(((2026 - 1980) << 9) | (12 << 5) | 5);
    expect(bytes.readUInt16LE(types.offset + 10)).toBe((13 << 11) | (30 << 5) | 5);
  });

  it('keeps the order the entries were opened in, however their deflating ends', async () => {
    const bytes = await archive('order.zip', async (zip) => {
      const stream = zip.stream('a.xml');
      zip.add('b.xml', 'b');
      await new Promise((settle) => setTimeout(settle, 20));
      stream.end('a');
    });
    const { entries, dataOf } = readZip(bytes);
    expect(entries.map((entry) => entry.name)).toEqual(['a.xml', 'b.xml']);
    expect(entries[0].offset).toBe(0);
    expect(entries.map((entry) => inflateRawSync(dataOf(entry)).toString())).toEqual(['a', 'b']);
  });

  it('gives a stream entry of 4 GiB or more ZIP64 sizes in its data descriptor and central header', async () => {
    // 4 GiB of XML is not written in a test: the entry's byte count is set past 2^32 before it ends (its CRC and
    // content are then those of the bytes written; only the size fields are looked at).
    const huge = 2 ** 32 + 17;
    const bytes = await archive('zip64.zip', async (zip) => {
      const stream = zip.stream('xl/worksheets/sheet1.xml');
      stream.write('<sheetData/>');
      (stream as unknown as { size: number }).size = huge;
      stream.end('');
      zip.add('xl/workbook.xml', '<workbook/>');
    });
    const { entries, afterData } = readZip(bytes);
    const [sheet, workbook] = entries;
    expect(sheet).toMatchObject({ version: 45, compressedSize: 0xffffffff, size: 0xffffffff });
    expect(sheet.zip64!.size).toBe(BigInt(huge));
    const descriptor = afterData({ ...sheet, compressedSize: Number(sheet.zip64!.compressedSize) });
    expect(bytes.readUInt32LE(descriptor)).toBe(0x08074b50);
    expect(bytes.readBigUInt64LE(descriptor + 8)).toBe(sheet.zip64!.compressedSize);
    expect(bytes.readBigUInt64LE(descriptor + 16)).toBe(BigInt(huge));
    // The 24-byte descriptor is followed by the next entry; an entry below 4 GiB keeps the plain fields.
    expect(workbook.offset).toBe(descriptor + 24);
    expect(workbook.version).toBe(20);
    expect(workbook.zip64).toBeUndefined();
  });

  it('fails the archive with the first error of a write, and writes no central directory', async () => {
    const path = join(dir, 'missing', 'failed.zip');
    const zip = new ZipWriter(new OutputFile(path));
    zip.add('a.xml', 'a');
    await expect(zip.finish()).rejects.toThrow(/ENOENT/);
  });
});
