import { TextBytes } from './text-bytes';

describe('TextBytes', () => {
  it('gives the UTF-8 bytes of the texts appended, in order, past its first capacity', () => {
    const texts = ['abc;', 'Légumes « frais »', '😀', '\uD800 lone', 'x'.repeat(100)];
    const bytes = new TextBytes(8);
    for (const text of texts) bytes.append(text);
    expect(bytes.byteLength).toBe(Buffer.byteLength(texts.join('')));
    expect(bytes.take().equals(Buffer.from(texts.join('')))).toBe(true);
  });

  it('starts afresh after take, leaving the bytes handed over untouched', () => {
    const bytes = new TextBytes(16);
    bytes.append('first batch;');
    const first = bytes.take();
    bytes.append('second batch, longer than the first;');
    expect(bytes.byteLength).toBe(36);
    const second = bytes.take();
    expect(first.toString()).toBe('first batch;');
    expect(second.toString()).toBe('second batch, longer than the first;');
    expect(bytes.take().length).toBe(0);
  });
});
