/** The name Factur-X gives the embedded XML, and the one its XMP metadata repeats. */
export const FACTUR_X_FILE_NAME = 'factur-x.xml';

/** The Factur-X XMP namespace (Factur-X 1.0 spec, §A.5). */
export const FACTUR_X_XMP_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

const escapeXmp = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What a PDF renderer needs to make its document a Factur-X: the options of the pdfkit document, and a last step. */
export interface PdfEmbedding {
  /** Merged into the pdfkit document's options: PDF/A-3b (pdfkit then adds the sRGB output intent and pdfaid XMP). */
  documentOptions: PDFKit.PDFDocumentOptions;
  /** Called once the pages are drawn, right before `doc.end()`: attaches the XML and writes the Factur-X XMP. */
  beforeEnd(doc: PDFKit.PDFDocument): void;
}

/**
 * The XMP Factur-X requires: the PDF/A extension schema that declares the `fx` properties (PDF/A forbids
 * undeclared ones), then their values. Credit notes are "INVOICE" documents too (Factur-X: fx:DocumentType is
 * INVOICE for every invoice type code, 380 and 381 alike).
 */
export function facturXXmp(conformanceLevel = 'EN 16931'): string {
  const property = (name: string, description: string) => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FACTUR_X_XMP_NAMESPACE}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'The name of the embedded XML document')}${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}${property('Version', 'The actual version of the standard applying to the embedded XML document')}${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="${FACTUR_X_XMP_NAMESPACE}">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>${FACTUR_X_FILE_NAME}</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>${conformanceLevel}</fx:ConformanceLevel>
        </rdf:Description>
        `;
}

/**
 * A Factur-X PDF: PDF/A-3b (fonts embedded, as every PDF of the product embeds DejaVu; sRGB output intent from
 * pdfkit), the CII XML attached as `factur-x.xml` with the relationship `Data` (the visible PDF stays the legal
 * reading, the XML carries the same data), listed in the catalogue's /AF array, and the Factur-X XMP.
 * `issuedAt` dates the attachment: the XML is the one of the invoice as issued.
 */
export function facturXEmbedding(xml: string, issuedAt: Date): PdfEmbedding {
  return {
    documentOptions: { subset: 'PDF/A-3b', pdfVersion: '1.7', lang: 'fr-FR', displayTitle: true },
    beforeEnd(doc) {
      // pdfkit copies the Info entries into the XMP unescaped: a seller named "Dupont & fils" would make the XMP
      // ill-formed, which PDF/A forbids. The author goes to the XMP alone, escaped.
      const author = doc.info.Author;
      delete doc.info.Author;
      if (author) {
        doc.appendXML(
          `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${escapeXmp(author)}</rdf:li></rdf:Seq></dc:creator></rdf:Description>`,
        );
      }
      const attachment: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
        name: FACTUR_X_FILE_NAME,
        type: 'text/xml',
        relationship: 'Data',
        description: 'Factur-X (EN 16931) invoice data',
        creationDate: issuedAt,
        modifiedDate: issuedAt,
      };
      doc.file(Buffer.from(xml, 'utf8'), attachment);
      doc.appendXML(facturXXmp());
    },
  };
}
