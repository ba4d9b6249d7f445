import sharp from 'sharp';
import { AppError } from '@app/platform';

/** What `POST /media` accepts: JPEG, PNG or WebP, at most 8 MB and 40 million pixels (a decompression bomb is refused before it is decoded). */
export const MEDIA_MAX_BYTES = 8 * 1024 * 1024;
export const MEDIA_MAX_PIXELS = 40_000_000;
/** The widths the pictures are served at. */
export const MEDIA_WIDTHS = [320, 800, 1600] as const;

sharp.cache(false);

export interface ImageVariant {
  width: number;
  height: number;
  data: Buffer;
}

const FORMATS: Record<string, (bytes: Buffer) => boolean> = {
  jpeg: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  png: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  webp: (bytes) =>
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

const notAnImage = () => AppError.badInput('file', 'The file must be a JPEG, PNG or WebP picture.');

/**
 * Checks an uploaded picture and re-encodes it to WebP at each width of MEDIA_WIDTHS narrower than it (and at its
 * own width when it is narrower than the widest), turned upright from its EXIF orientation. sharp writes no
 * metadata unless asked: EXIF (with its GPS position), XMP and ICC profiles are gone from every file.
 */
export async function processImage(bytes: Buffer): Promise<ImageVariant[]> {
  if (bytes.length === 0) throw AppError.badInput('file', 'The file is empty.');
  if (bytes.length > MEDIA_MAX_BYTES) throw AppError.badInput('file', 'The picture must be at most 8 MB.');
  const format = Object.keys(FORMATS).find((name) => FORMATS[name](bytes));
  if (!format) throw notAnImage();
  const options = { limitInputPixels: MEDIA_MAX_PIXELS, failOn: 'error' as const, pages: 1 };
  let metadata: sharp.Metadata;
  try {
    // The header only (nothing is decoded): the pixel count is checked below, with a message that says so.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage();
  }
  if (metadata.format !== format || !metadata.width || !metadata.height) throw notAnImage();
  if (metadata.width * metadata.height > MEDIA_MAX_PIXELS) {
    throw AppError.badInput(
      'file',
      `The picture has too many pixels (at most ${MEDIA_MAX_PIXELS / 1_000_000} million).`,
    );
  }
  const uprightWidth = (metadata.orientation ?? 1) >= 5 ? metadata.height : metadata.width;
  const widths: number[] = MEDIA_WIDTHS.filter((width) => width < uprightWidth);
  if (widths.length < MEDIA_WIDTHS.length) widths.push(uprightWidth);
  try {
    return await Promise.all(
      widths.map(async (width) => {
        const { data, info } = await sharp(bytes, options)
          .rotate()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, data };
      }),
    );
  } catch {
    throw notAnImage();
  }
}
