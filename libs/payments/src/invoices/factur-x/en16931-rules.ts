/**
 * The EN 16931 business rules an XSD cannot check, read back from a CII XML: mandatory fields, sums (BR-CO-10…16),
 * the VAT breakdown per rate (BR-S-08, BR-S-09, BR-CO-14, BR-CO-17), and a credit note's reference to its invoice.
 * A pure function of the XML text; it answers the broken rules, [] when there are none. The amounts are compared in
 * integer cents read from the decimal text, never as floats.
 *
 * Not the whole EN 16931 Schematron: only the rules our documents can break (no allowances, charges, or
 * exemptions are ever written).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const RSM = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

/** Child elements of `parent` named `ram:<name>` (or rsm:/udt: with a prefix). */
function children(parent: Element | null | undefined, name: string): Element[] {
  if (!parent) return [];
  const [prefix, local] = name.includes(':') ? name.split(':') : ['ram', name];
  const namespace = { ram: RAM, rsm: RSM, udt: UDT }[prefix];
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === local && (node as Element).namespaceURI === namespace)
      found.push(node as Element);
  }
  return found;
}

/** The element at `path` (slash-separated names) below `parent`, the first of each step. */
function at(parent: Element | null | undefined, path: string): Element | null {
  return path.split('/').reduce<Element | null>((node, step) => children(node, step)[0] ?? null, parent ?? null);
}

const textAt = (parent: Element | null | undefined, path: string): string | null =>
  at(parent, path)?.textContent?.trim() || null;

/** "1234.5" → 123450 cents; null when absent or not a number with at most 2 decimals. */
export function centsOf(value: string | null): number | null {
  const match = value ? /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value) : null;
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** "5.5" → 550 basis points. */
const basisPointsOf = (value: string | null) => centsOf(value);

/**
 * VAT of a basis at a rate, rounded half-up to the cent (BR-S-09: basis × rate / 100, two decimals). The Factur-X
 * Schematron accepts a VAT amount within one currency unit of it (a credit note that splits a refund over the rates
 * may differ by a cent); our invoices write it exactly (their unit test compares the amounts themselves).
 */
const vatOf = (baseCents: number, basisPoints: number) =>
  Math.sign(baseCents) * Math.round((Math.abs(baseCents) * basisPoints) / 10_000);

export function checkEn16931Rules(xml: string): string[] {
  const problems: string[] = [];
  const broken = (rule: string, what: string) => problems.push(`${rule}: ${what}`);
  let root: Element | null;
  try {
    root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  } catch (error) {
    return [`XML: not well-formed (${(error as Error).message})`];
  }
  if (!root || root.localName !== 'CrossIndustryInvoice' || root.namespaceURI !== RSM)
    return ['XML: not a CII CrossIndustryInvoice'];

  const document = at(root, 'rsm:ExchangedDocument');
  const transaction = at(root, 'rsm:SupplyChainTradeTransaction');
  const agreement = at(transaction, 'ApplicableHeaderTradeAgreement');
  const settlement = at(transaction, 'ApplicableHeaderTradeSettlement');
  const summation = at(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');

  // Mandatory fields (BR-01 … BR-11).
  if (!textAt(root, 'rsm:ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID'))
    broken('BR-01', 'specification identifier (BT-24) missing');
  if (!textAt(document, 'ID')) broken('BR-02', 'invoice number (BT-1) missing');
  if (!/^\d{8}$/.test(textAt(document, 'IssueDateTime/udt:DateTimeString') ?? ''))
    broken('BR-03', 'issue date (BT-2) missing');
  const typeCode = textAt(document, 'TypeCode');
  if (!typeCode) broken('BR-04', 'invoice type code (BT-3) missing');
  if (!textAt(settlement, 'InvoiceCurrencyCode')) broken('BR-05', 'currency (BT-5) missing');
  const seller = at(agreement, 'SellerTradeParty');
  const buyer = at(agreement, 'BuyerTradeParty');
  if (!textAt(seller, 'Name')) broken('BR-06', 'seller name (BT-27) missing');
  if (!textAt(buyer, 'Name')) broken('BR-07', 'buyer name (BT-44) missing');
  if (!textAt(seller, 'PostalTradeAddress/CountryID')) broken('BR-09', 'seller country (BT-40) missing');
  if (!textAt(buyer, 'PostalTradeAddress/CountryID')) broken('BR-11', 'buyer country (BT-55) missing');
  for (const [rule, path] of [
    ['BR-12', 'LineTotalAmount'],
    ['BR-13', 'TaxBasisTotalAmount'],
    ['BR-14', 'GrandTotalAmount'],
    ['BR-15', 'DuePayableAmount'],
  ] as const) {
    if (centsOf(textAt(summation, path)) === null)
      broken(rule, `${path} missing or not an amount with at most 2 decimals`);
  }

  // Lines (BR-16, BR-21 … BR-27, BR-CO-04) and the sum per VAT category and rate.
  const lines = children(transaction, 'IncludedSupplyChainTradeLineItem');
  if (!lines.length) broken('BR-16', 'an invoice has at least one line');
  const lineBases = new Map<string, number>();
  let linesTotal = 0;
  lines.forEach((line, index) => {
    const id = textAt(line, 'AssociatedDocumentLineDocument/LineID') ?? `#${index + 1}`;
    if (!textAt(line, 'AssociatedDocumentLineDocument/LineID')) broken('BR-21', `line ${id}: identifier missing`);
    const quantity = at(line, 'SpecifiedLineTradeDelivery/BilledQuantity');
    if (!quantity?.textContent?.trim()) broken('BR-22', `line ${id}: quantity missing`);
    if (!quantity?.getAttribute('unitCode')) broken('BR-23', `line ${id}: unit of measure missing`);
    const net = centsOf(
      textAt(line, 'SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount'),
    );
    if (net === null) broken('BR-24', `line ${id}: net amount missing`);
    if (!textAt(line, 'SpecifiedTradeProduct/Name')) broken('BR-25', `line ${id}: item name missing`);
    const price = centsOf(textAt(line, 'SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount'));
    if (price === null) broken('BR-26', `line ${id}: net price missing`);
    else if (price < 0) broken('BR-27', `line ${id}: net price negative`);
    const category = textAt(line, 'SpecifiedLineTradeSettlement/ApplicableTradeTax/CategoryCode');
    const rate = basisPointsOf(textAt(line, 'SpecifiedLineTradeSettlement/ApplicableTradeTax/RateApplicablePercent'));
    if (!category) broken('BR-CO-04', `line ${id}: VAT category missing`);
    if (category === 'S' && !(rate !== null && rate > 0))
      broken('BR-S-05', `line ${id}: a standard-rated line has a rate above 0`);
    if (net !== null) {
      linesTotal += net;
      const key = `${category}/${rate}`;
      lineBases.set(key, (lineBases.get(key) ?? 0) + net);
    }
  });

  // Totals (BR-CO-10, 13, 15, 16).
  const lineTotal = centsOf(textAt(summation, 'LineTotalAmount'));
  const taxBasis = centsOf(textAt(summation, 'TaxBasisTotalAmount'));
  const taxTotal = centsOf(textAt(summation, 'TaxTotalAmount'));
  const grandTotal = centsOf(textAt(summation, 'GrandTotalAmount'));
  const prepaid = centsOf(textAt(summation, 'TotalPrepaidAmount')) ?? 0;
  const duePayable = centsOf(textAt(summation, 'DuePayableAmount'));
  const allowances = centsOf(textAt(summation, 'AllowanceTotalAmount')) ?? 0;
  const charges = centsOf(textAt(summation, 'ChargeTotalAmount')) ?? 0;
  if (lineTotal !== null && lineTotal !== linesTotal)
    broken('BR-CO-10', `sum of line net amounts ${linesTotal} ≠ LineTotalAmount ${lineTotal} (cents)`);
  if (lineTotal !== null && taxBasis !== null && taxBasis !== lineTotal - allowances + charges)
    broken('BR-CO-13', `TaxBasisTotalAmount ${taxBasis} ≠ lines ${lineTotal} − allowances + charges`);
  if (taxBasis !== null && grandTotal !== null && grandTotal !== taxBasis + (taxTotal ?? 0))
    broken('BR-CO-15', `GrandTotalAmount ${grandTotal} ≠ TaxBasisTotalAmount ${taxBasis} + TaxTotalAmount ${taxTotal}`);
  if (grandTotal !== null && duePayable !== null && duePayable !== grandTotal - prepaid)
    broken(
      'BR-CO-16',
      `DuePayableAmount ${duePayable} ≠ GrandTotalAmount ${grandTotal} − TotalPrepaidAmount ${prepaid}`,
    );
  if (
    taxTotal !== null &&
    at(summation, 'TaxTotalAmount')?.getAttribute('currencyID') !== textAt(settlement, 'InvoiceCurrencyCode')
  )
    broken('BR-53', 'TaxTotalAmount in the invoice currency');

  // VAT breakdown (BR-CO-18, BR-CO-14, BR-S-08, BR-S-09, BR-Z-08, BR-Z-09, BR-S-02).
  const breakdown = children(settlement, 'ApplicableTradeTax');
  if (!breakdown.length) broken('BR-CO-18', 'at least one VAT breakdown');
  let breakdownVat = 0;
  const breakdownKeys = new Set<string>();
  for (const tax of breakdown) {
    const category = textAt(tax, 'CategoryCode');
    const rate = basisPointsOf(textAt(tax, 'RateApplicablePercent'));
    const base = centsOf(textAt(tax, 'BasisAmount'));
    const vat = centsOf(textAt(tax, 'CalculatedAmount'));
    const key = `${category}/${rate}`;
    if (breakdownKeys.has(key)) broken('BR-CO-17', `VAT breakdown ${key} appears twice`);
    breakdownKeys.add(key);
    if (base === null || vat === null || rate === null) {
      broken('BR-45/46/48', `VAT breakdown ${key}: basis, amount and rate are mandatory`);
      continue;
    }
    breakdownVat += vat;
    if (base !== (lineBases.get(key) ?? 0))
      broken(
        category === 'Z' ? 'BR-Z-08' : 'BR-S-08',
        `VAT basis ${key} is ${base}, its lines add up to ${lineBases.get(key) ?? 0} (cents)`,
      );
    // As the Factur-X 1.07 Schematron tests it (FX-SCH-A-000057): within one currency unit of basis × rate, rounded.
    if (category === 'S' && Math.abs(Math.abs(vat) - vatOf(Math.abs(base), rate)) >= 100)
      broken('BR-S-09', `VAT ${key} is ${vat}, basis × rate is ${vatOf(base, rate)} (cents)`);
    if (category === 'Z' && vat !== 0) broken('BR-Z-09', `VAT ${key} is ${vat}, a zero-rated breakdown has none`);
  }
  for (const key of lineBases.keys())
    if (!breakdownKeys.has(key)) broken('BR-S-08', `lines at ${key} have no VAT breakdown`);
  if (taxTotal !== null && taxTotal !== breakdownVat)
    broken('BR-CO-14', `TaxTotalAmount ${taxTotal} ≠ sum of the VAT breakdown ${breakdownVat}`);
  if (
    breakdownKeys.size &&
    [...breakdownKeys].some((key) => key.startsWith('S/')) &&
    !textAt(seller, 'SpecifiedTaxRegistration/ID')
  ) {
    broken('BR-S-02', "standard-rated: the seller's VAT identifier (BT-31) is mandatory");
  }

  // Payment (BR-CO-25) and the corrected invoice of a credit note.
  const terms = at(settlement, 'SpecifiedTradePaymentTerms');
  if (
    duePayable !== null &&
    duePayable > 0 &&
    !textAt(terms, 'DueDateDateTime/udt:DateTimeString') &&
    !textAt(terms, 'Description')
  ) {
    broken('BR-CO-25', 'an amount due needs a due date (BT-9) or payment terms (BT-20)');
  }
  if (typeCode === '381' && !textAt(settlement, 'InvoiceReferencedDocument/IssuerAssignedID'))
    broken('BR-FR (credit note)', 'a credit note names the invoice it corrects (BT-25)');

  return problems;
}
