import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { PDFParse } from 'pdf-parse';

/** The official Factur-X 1.07.3 EN 16931 XSD, vendored with its licence (test/fixtures/factur-x-xsd/LICENCE.md). */
export const FACTUR_X_EN16931_XSD = join(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'factur-x-xsd',
  'Factur-X_1.07.3_EN16931.xsd',
);

/**
 * What xmllint (Debian's libxml2-utils, installed by .ci/run when missing) says of the XML against the Factur-X
 * EN 16931 XSD: [] when valid, else its messages. No network: the schemas import each other by relative path.
 */
export function facturXXsdProblems(xml: string): string[] {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', FACTUR_X_EN16931_XSD, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error)
    throw new Error(`xmllint is needed to validate Factur-X XML (apt-get install libxml2-utils): ${run.error.message}`);
  if (run.status === 0) return [];
  return run.stderr.split('\n').filter((line) => line.trim() && !/validates$/.test(line));
}

/** The same for many documents in one xmllint run (the schema read once): the problems of each, [] when all are valid. */
export function facturXXsdProblemsOfAll(xmls: string[]): string[] {
  if (!xmls.length) return [];
  const dir = mkdtempSync(join(tmpdir(), 'factur-x-'));
  try {
    const files = xmls.map((xml, index) => {
      const file = join(dir, `${index}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', FACTUR_X_EN16931_XSD, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error)
      throw new Error(
        `xmllint is needed to validate Factur-X XML (apt-get install libxml2-utils): ${run.error.message}`,
      );
    return run.status === 0 ? [] : run.stderr.split('\n').filter((line) => line.trim() && !/ validates$/.test(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FacturXPdfContents {
  /** Whether the XMP packet parses as XML (PDF/A requires it). */
  xmpWellFormed: boolean;
  /** The PDF/A part and conformance from the XMP (pdfaid). */
  pdfa: { part: string | null; conformance: string | null };
  /** fx:DocumentType, fx:DocumentFileName, fx:Version, fx:ConformanceLevel. */
  fx: Record<'DocumentType' | 'DocumentFileName' | 'Version' | 'ConformanceLevel', string | null>;
  /** The embedded files by name, with their text. */
  attachments: Record<string, string>;
  /** The raw PDF's /AFRelationship of the factur-x.xml file spec, and whether the catalogue lists it in /AF. */
  relationship: string | null;
  /** Whether the catalogue lists a file spec in /AF (PDF/A-3's associated files). */
  listedInAF: boolean;
  hasOutputIntent: boolean;
  text: string;
}

/**
 * Reads a Factur-X PDF back from its bytes, independently of the code that wrote it: the XMP packet, each embedded
 * file stream (inflated) with its file spec's name and /AFRelationship, the catalogue's /AF and /OutputIntents, and
 * the visible text (pdf.js, through pdf-parse).
 */
export async function readFacturXPdf(pdf: Buffer): Promise<FacturXPdfContents> {
  const raw = pdf.toString('latin1');
  const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(raw)?.[0] ?? '';
  // A plain PDF has no XMP packet: nothing to parse (and no parser error to log).
  const xmpWellFormed = (() => {
    if (!xmp) return false;
    try {
      return new DOMParser().parseFromString(xmp, 'text/xml').documentElement?.localName === 'xmpmeta';
    } catch {
      return false;
    }
  })();
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1] ?? null;
  const objects = new Map<string, string>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(match[1], match[2]);
  const attachments: Record<string, string> = {};
  let relationship: string | null = null;
  for (const body of objects.values()) {
    if (!/\/Type \/Filespec/.test(body)) continue;
    const name = /\/F \(([^)]*)\)/.exec(body)?.[1] ?? '';
    const fileRef = /\/EF <<\s*\/F (\d+) 0 R/.exec(body)?.[1];
    const file = fileRef ? objects.get(fileRef) : undefined;
    if (!file) continue;
    const keyword = file.indexOf('stream');
    const start = keyword + 'stream'.length + (file.startsWith('\r\n', keyword + 6) ? 2 : 1);
    // The stream's own /Length when it is written directly: the compressed bytes may end in \r or \n themselves.
    const length = /\/Length (\d+)(?=\s*[/>])/.exec(file.slice(0, keyword))?.[1];
    let bytes = Buffer.from(
      length
        ? file.slice(start, start + Number(length))
        : file.slice(start, file.lastIndexOf('endstream')).replace(/\r?\n$/, ''),
      'latin1',
    );
    if (/\/Filter \/FlateDecode/.test(file)) bytes = inflateSync(bytes);
    attachments[name] = bytes.toString('utf8');
    if (name === 'factur-x.xml') relationship = /\/AFRelationship \/(\w+)/.exec(body)?.[1] ?? null;
  }
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text } = await parser.getText();
    return {
      xmpWellFormed,
      pdfa: { part: tag('pdfaid:part'), conformance: tag('pdfaid:conformance') },
      fx: {
        DocumentType: tag('fx:DocumentType'),
        DocumentFileName: tag('fx:DocumentFileName'),
        Version: tag('fx:Version'),
        ConformanceLevel: tag('fx:ConformanceLevel'),
      },
      attachments,
      relationship,
      listedInAF: /\/AF \[\d+ 0 R/.test(raw),
      hasOutputIntent: /\/OutputIntents \[/.test(raw) && /\/S \/GTS_PDFA1/.test(raw) && /sRGB IEC61966-2\.1/.test(raw),
      text: text.replace(/[\s\u00a0\u202f]+/g, ' '),
    };
  } finally {
    await parser.destroy();
  }
}
