/**
 * A batch of text gathered as UTF-8 bytes, one piece (a CSV line, a row's XML) at a time, outside the JavaScript
 * heap. Concatenating a batch's lines into one string kept every piece of every line alive until the batch was
 * written (a rope of tens of thousands of short strings), so the young generation's collections copied them and
 * promoted them into a 128 MB old space: the collector ran a third of a CSV export's time and nearly half of an
 * XLSX one's. Encoded as it comes, each line is garbage at once; the bytes are those the string would have become.
 */
export class TextBytes {
  private bytes: Buffer;
  private length = 0;

  constructor(private capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafeSlow(capacity);
  }

  append(text: string): void {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
    if (this.length + text.length * 3 > this.bytes.length) this.grow(this.length + text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** The bytes appended since the last call, handed over (a stream may hold them): later ones go to new memory. */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    // A quarter more than the largest batch so far: a batch like the last one fits without growing (a copy of the
    // whole batch and a buffer twice its size, each batch, when the room was only what the last one took).
    this.capacity = Math.max(this.capacity, this.length + (this.length >> 2));
    this.bytes = Buffer.allocUnsafeSlow(this.capacity);
    this.length = 0;
    return taken;
  }

  get byteLength(): number {
    return this.length;
  }

  private grow(needed: number): void {
    const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}
