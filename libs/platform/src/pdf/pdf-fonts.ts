import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type PDFKitDocument from 'pdfkit';
import { onFirstUse } from '../async/on-first-use';

/**
 * The DejaVu Sans fonts every PDF of the product embeds (invoices, RSE reports): PDF's standard fonts only know
 * Latin-1, so no "€", no "−", no narrow no-break space. Beside this file in the sources and, once built, in dist/
 * (nest-cli.json copies the folder as an asset). Read once per process.
 */
const FONT_DIR = join(__dirname, 'fonts');
const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

export interface PdfFonts {
  regular: Buffer;
  bold: Buffer;
}

let fonts: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  if (!fonts) {
    if (!existsSync(join(FONT_DIR, REGULAR))) {
      throw new Error(
        `The PDF font is missing from ${FONT_DIR}: the build must copy libs/platform/src/pdf/fonts (nest-cli.json assets).`,
      );
    }
    fonts = { regular: readFileSync(join(FONT_DIR, REGULAR)), bold: readFileSync(join(FONT_DIR, BOLD)) };
  }
  return fonts;
}

/** pdfkit's document class, loaded with the first PDF a process writes (8 MB a worker that never writes one does not carry). */
export const pdfDocumentClass = onFirstUse(() => require('pdfkit') as typeof PDFKitDocument);
