import { pdfDocumentClass, pdfFonts } from './pdf-fonts';

/** A4 in PDF points, with the margin every document of the product keeps. */
export const A4 = { width: 595.28, height: 841.89, margin: 50 };

export type PdfFont = 'regular' | 'bold';
export type PdfAlign = 'left' | 'right';

export interface PdfTableColumn {
  title: string;
  width: number;
  align: PdfAlign;
}

export interface PdfTableRow {
  cells: string[];
  font?: PdfFont;
}

/** The inks of text, muted notes and table rules. */
export const PDF_COLORS = { text: '#1a1a1a', muted: '#5f6368', rule: '#9e9e9e' };

const TABLE_FONT_SIZE = 8.5;
/** A cell keeps to a few lines (then "…"), so that one long name cannot push a row past a page. */
const MAX_CELL_HEIGHT = 40;

export interface NewPdfOptions {
  title: string;
  author: string;
  /** Room kept under the content for a footer (pdfkit's own page breaks keep it too). */
  footerRoom?: number;
  /** Keep the pages in memory until the end (to number them). */
  bufferPages?: boolean;
  creationDate?: Date;
  /** More of pdfkit's document options (e.g. a Factur-X's PDF/A settings). */
  documentOptions?: PDFKit.PDFDocumentOptions;
}

/** An A4 document in French with the product's fonts registered as `regular` and `bold`. */
export function newPdfDocument(options: NewPdfOptions): PDFKit.PDFDocument {
  const { regular, bold } = pdfFonts();
  const { margin } = A4;
  const doc = new (pdfDocumentClass())({
    size: 'A4',
    margins: { top: margin, left: margin, right: margin, bottom: margin + (options.footerRoom ?? 0) },
    bufferPages: options.bufferPages ?? false,
    info: {
      Title: options.title,
      Author: options.author,
      Creator: 'Ancrage',
      ...(options.creationDate ? { CreationDate: options.creationDate } : {}),
    },
    ...options.documentOptions,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  return doc;
}

/** The document's bytes once it ends (call before `doc.end()`). */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * A cursor over an A4 document: every block asks for the room it needs first and goes to a new page when it does
 * not fit, so that nothing is drawn below the content area and no title is left alone at the bottom of a page.
 * Invoices, credit notes and RSE reports are laid out with it.
 */
export class PdfLayout {
  readonly left = A4.margin;
  readonly contentWidth = A4.width - 2 * A4.margin;
  /** The lowest point content may reach. */
  readonly bottom: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    { footerRoom = 0 }: { footerRoom?: number } = {},
  ) {
    this.bottom = A4.height - A4.margin - footerRoom;
  }

  get y(): number {
    return this.doc.y;
  }

  /** Starts a new page unless `height` still fits under the cursor. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(height: number): void {
    this.doc.y += height;
  }

  heightOf(text: string, font: PdfFont, size: number, width = this.contentWidth): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width });
  }

  /** A section title, kept with at least `keep` points of what follows it. */
  heading(text: string, { keep = 80, size = 13 }: { keep?: number; size?: number } = {}): void {
    this.space(10);
    this.ensure(this.heightOf(text, 'bold', size) + keep);
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor(PDF_COLORS.text)
      .text(text, this.left, this.doc.y, { width: this.contentWidth });
    this.space(4);
  }

  /**
   * A paragraph. One that fits a page is moved whole to the next page when it does not fit here; a longer one
   * flows, and pdfkit breaks it at the same bottom margin.
   */
  paragraph(text: string, options: { font?: PdfFont; size?: number; color?: string; indent?: number } = {}): void {
    const { font = 'regular', size = 9, color = PDF_COLORS.text, indent = 0 } = options;
    const width = this.contentWidth - indent;
    const height = this.heightOf(text, font, size, width);
    if (height <= this.bottom - A4.margin) this.ensure(height);
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, this.left + indent, this.doc.y, { width });
    this.doc.fillColor(PDF_COLORS.text);
    this.space(3);
  }

  /**
   * A label and its figure on one line, the figure right-aligned at the right margin. The label starts `indent`
   * from the left margin and its column ends at `labelEnd` (the figure takes the rest).
   */
  figure(
    label: string,
    value: string,
    options: { font?: PdfFont; valueFont?: PdfFont; size?: number; indent?: number; labelEnd?: number } = {},
  ): void {
    const { font = 'regular', valueFont = 'bold', size = 10, indent = 0, labelEnd = 300 } = options;
    const labelWidth = labelEnd - indent;
    const valueWidth = this.contentWidth - labelEnd;
    const height = Math.max(
      this.heightOf(label, font, size, labelWidth),
      this.heightOf(value, valueFont, size, valueWidth),
    );
    this.ensure(height);
    const top = this.doc.y;
    this.doc
      .font(font)
      .fontSize(size)
      .text(label, this.left + indent, top, { width: labelWidth });
    this.doc
      .font(valueFont)
      .fontSize(size)
      .text(value, this.left + labelEnd, top, { width: valueWidth, align: 'right' });
    this.doc.y = top + height + 4;
  }

  /** Text blocks side by side, each a bold title over its lines, in equal columns; the cursor goes under the tallest. */
  columns(blocks: readonly { title: string; lines: string[] }[], { gap = 20 }: { gap?: number } = {}): void {
    const width = (this.contentWidth - gap * (blocks.length - 1)) / blocks.length;
    const top = this.doc.y;
    let lowest = top;
    blocks.forEach((block, index) => {
      const x = this.left + index * (width + gap);
      this.doc.font('bold').fontSize(10).text(block.title, x, top, { width });
      this.doc
        .font('regular')
        .fontSize(9)
        .text(block.lines.join('\n'), x, this.doc.y + 2, { width });
      lowest = Math.max(lowest, this.doc.y);
    });
    this.doc.y = lowest;
  }

  /** A horizontal rule across the content, just above the cursor. */
  rule(color = PDF_COLORS.rule): void {
    const y = this.doc.y - 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.contentWidth, y)
      .lineWidth(0.5)
      .strokeColor(color)
      .stroke();
    this.space(2);
  }

  /** A table whose header is repeated on each page it runs onto; a bold row (a total) has a rule above it. */
  table(columns: readonly PdfTableColumn[], rows: readonly PdfTableRow[]): void {
    const rowHeight = (cells: string[], font: PdfFont) =>
      Math.min(
        MAX_CELL_HEIGHT,
        Math.max(...cells.map((cell, index) => this.heightOf(cell, font, TABLE_FONT_SIZE, columns[index].width - 6))),
      );
    const draw = (cells: string[], font: PdfFont) => {
      const height = rowHeight(cells, font);
      const top = this.doc.y;
      let x = this.left;
      this.doc.font(font).fontSize(TABLE_FONT_SIZE);
      cells.forEach((cell, index) => {
        const { width, align } = columns[index];
        this.doc.text(cell, x + 3, top, { width: width - 6, height: MAX_CELL_HEIGHT, ellipsis: true, align });
        x += width;
      });
      this.doc.y = top + height + 4;
    };
    const header = () => {
      draw(
        columns.map((column) => column.title),
        'bold',
      );
      this.rule();
    };

    const titles = columns.map((column) => column.title);
    this.ensure(
      rowHeight(titles, 'bold') + 8 + (rows.length ? rowHeight(rows[0].cells, rows[0].font ?? 'regular') : 0),
    );
    header();
    for (const row of rows) {
      const font = row.font ?? 'regular';
      if (this.doc.y + rowHeight(row.cells, font) > this.bottom) {
        this.doc.addPage();
        header();
      }
      if (font === 'bold') this.rule();
      draw(row.cells, font);
    }
  }
}
