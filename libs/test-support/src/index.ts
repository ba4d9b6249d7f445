/** Tools shared by the unit specs beside the code (libs/) and the end-to-end tests (test/); never imported by product code. */
export { check, checkEqual, checkSafeNonNegative, quantityThousandths } from './property-testing';
export {
  FACTUR_X_EN16931_XSD,
  facturXXsdProblems,
  facturXXsdProblemsOfAll,
  readFacturXPdf,
  type FacturXPdfContents,
} from './factur-x';
