export { buildCii, type CiiInput, type CiiTypeCode, REC20_UNITS } from './cii';
export { checkEn16931Rules } from './en16931-rules';
export { FACTUR_X_FILE_NAME, facturXEmbedding, type PdfEmbedding } from './factur-x-pdf';
export { creditNoteFacturXPath, facturXFileName, invoiceFacturXPath } from './factur-x.controller';
export { ciiInputOfCreditNote, facturXXmlOfCreditNote, renderCreditNoteFacturX } from './credit-note-factur-x';
export { ciiInputOfInvoice, facturXXmlOfInvoice, renderInvoiceFacturX } from './invoice-factur-x';
