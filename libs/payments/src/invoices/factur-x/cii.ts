/**
 * The CII (UN/CEFACT Cross Industry Invoice D22B, as profiled by Factur-X 1.07 "EN 16931") of an invoice or a credit
 * note: the XML a Factur-X PDF carries as `factur-x.xml`. A pure function of what was stored when the document was
 * issued, so that the XML says, to the cent, what the visible PDF says: every amount is copied from the stored
 * document and written from integer cents, never recomputed with floats.
 *
 * Written with a small builder rather than a library: see the README ("Factur-X e-invoices") for why.
 */
import type { InvoiceAddress, InvoiceDocument, InvoiceLineDraft, InvoiceParty } from '../invoice-draft';

/** UNTDID 1001: 380 commercial invoice, 381 credit note. */
export type CiiTypeCode = '380' | '381';

/** UN/ECE Recommendation 20 codes of our units. */
export const REC20_UNITS: Record<InvoiceLineDraft['unit'], string> = { KG: 'KGM', PIECE: 'H87', LITRE: 'LTR' };

/** The figures the XML needs beyond the stored document: what the document is and when it falls due. */
export interface CiiInput {
  typeCode: CiiTypeCode;
  /** BT-1: `FHJ-2026-7`, or `FHJ-AV-2026-1` for a credit note. */
  number: string;
  /** BT-2: YYYY-MM-DD in France. */
  issueDate: string;
  /** BT-9: YYYY-MM-DD; null when nothing is left to pay (a credit note). */
  dueDate: string | null;
  /** BT-20: the payment terms as printed. */
  paymentTerms: string | null;
  /** Paid at issue (card): the whole total is prepaid (BT-113) and nothing is due (BT-115 = 0). */
  paid: boolean;
  /** BG-3: the invoice a credit note corrects. */
  precedingInvoice?: { number: string; issueDate: string } | null;
  /** BT-22 with their UNTDID 4451 subject codes: the legal mentions (penalties PMD, recovery fee PMT, discount AAB…). */
  notes?: { subjectCode: string; content: string }[];
  /** Parties, delivery, lines, VAT breakdown and totals, as stored at issue. */
  document: Pick<
    InvoiceDocument,
    | 'orderNumber'
    | 'seller'
    | 'buyer'
    | 'deliveryAddress'
    | 'deliveryDate'
    | 'lines'
    | 'vatByRate'
    | 'subtotalCents'
    | 'vatCents'
    | 'totalCents'
  >;
}

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** The EN 16931 profile's specification identifier (BT-24) in Factur-X 1.0. */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

// ---- a small XML builder: elements are strings, text and attributes escaped, empty parts dropped ----

type Part = string | null | undefined | false | Part[];

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function flatten(parts: Part[]): string[] {
  return parts.flatMap((part) => (Array.isArray(part) ? flatten(part) : part ? [part] : []));
}

/** An element with child elements; none at all drops the element. */
function el(name: string, ...children: Part[]): string {
  const inner = flatten(children);
  return inner.length ? `<${name}>${inner.join('')}</${name}>` : '';
}

/** An element with text (and attributes); null text drops it. */
function text(name: string, value: string | null | undefined, attributes: Record<string, string> = {}): string {
  if (value === null || value === undefined) return '';
  const attrs = Object.entries(attributes)
    .map(([key, val]) => ` ${key}="${escapeXml(val)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(value)}</${name}>`;
}

// ---- exact decimals from integers ----

/** `value` / 10^`digits` as an exact decimal literal: 123456, 2 → "1234.56"; -5, 2 → "-0.05". */
export function decimalOf(value: number, digits: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer amount: ${value}`);
  const sign = value < 0 ? '-' : '';
  const padded = String(Math.abs(value)).padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Cents as the XML's amount: 4200 → "42.00". */
export const amountOf = (cents: number) => decimalOf(cents, 2);

/** Basis points as a percentage without trailing zeros: 550 → "5.5", 2000 → "20". */
export function percentOf(basisPoints: number): string {
  return decimalOf(basisPoints, 2).replace(/\.?0+$/, '');
}

/** "2026-12-31" → "20261231" (format 102). */
const date102 = (date: string) => date.replace(/-/g, '');

const dateTime = (name: string, date: string) => el(name, text('udt:DateTimeString', date102(date), { format: '102' }));

/** UNCL 5305: S standard rate; Z zero rated (a rate of 0 %). */
export const vatCategoryOf = (basisPoints: number) => (basisPoints === 0 ? 'Z' : 'S');

// ---- the document ----

function address(value: InvoiceAddress | null): string {
  if (!value) return el('ram:PostalTradeAddress', text('ram:CountryID', 'FR'));
  return el(
    'ram:PostalTradeAddress',
    text('ram:PostcodeCode', value.postalCode),
    text('ram:LineOne', value.line1),
    text('ram:CityName', value.city),
    text('ram:CountryID', 'FR'),
  );
}

/**
 * A party: its SIRET as its identifier (BT-29/BT-46, ISO 6523 ICD 0009 "SIRET-CODE"), its SIREN as its legal
 * registration (BT-30/BT-47, ICD 0002 "SIRENE", as France's e-invoicing reform asks), its VAT number (BT-31/BT-48).
 */
function party(name: string, value: InvoiceParty, fallbackAddress: InvoiceAddress | null): string {
  return el(
    name,
    value.siret ? text('ram:GlobalID', value.siret, { schemeID: '0009' }) : null,
    text('ram:Name', value.name.trim() || 'Client particulier'),
    value.siret
      ? el('ram:SpecifiedLegalOrganization', text('ram:ID', value.siret.slice(0, 9), { schemeID: '0002' }))
      : null,
    address(value.address ?? fallbackAddress),
    value.vatNumber ? el('ram:SpecifiedTaxRegistration', text('ram:ID', value.vatNumber, { schemeID: 'VA' })) : null,
  );
}

function lineItem(line: InvoiceLineDraft, index: number): string {
  return el(
    'ram:IncludedSupplyChainTradeLineItem',
    el('ram:AssociatedDocumentLineDocument', text('ram:LineID', String(index + 1))),
    el('ram:SpecifiedTradeProduct', text('ram:Name', line.name)),
    el(
      'ram:SpecifiedLineTradeAgreement',
      el('ram:NetPriceProductTradePrice', text('ram:ChargeAmount', amountOf(line.unitPriceCents))),
    ),
    el(
      'ram:SpecifiedLineTradeDelivery',
      text('ram:BilledQuantity', decimalOf(line.quantityThousandths, 3), { unitCode: REC20_UNITS[line.unit] }),
    ),
    el(
      'ram:SpecifiedLineTradeSettlement',
      el(
        'ram:ApplicableTradeTax',
        text('ram:TypeCode', 'VAT'),
        text('ram:CategoryCode', vatCategoryOf(line.vatRateBasisPoints)),
        text('ram:RateApplicablePercent', percentOf(line.vatRateBasisPoints)),
      ),
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', text('ram:LineTotalAmount', amountOf(line.totalCents))),
    ),
  );
}

/** The CII XML, UTF-8, of an invoice (380) or a credit note (381), EN 16931 profile. */
export function buildCii(input: CiiInput): string {
  const { document } = input;
  const prepaidCents = input.paid ? document.totalCents : 0;
  const root = `<rsm:CrossIndustryInvoice ${Object.entries(NS)
    .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
    .join(' ')}>`;
  const body = [
    el(
      'rsm:ExchangedDocumentContext',
      el('ram:GuidelineSpecifiedDocumentContextParameter', text('ram:ID', EN16931_GUIDELINE)),
    ),
    el(
      'rsm:ExchangedDocument',
      text('ram:ID', input.number),
      text('ram:TypeCode', input.typeCode),
      dateTime('ram:IssueDateTime', input.issueDate),
      (input.notes ?? []).map((note) =>
        el('ram:IncludedNote', text('ram:Content', note.content), text('ram:SubjectCode', note.subjectCode)),
      ),
    ),
    el(
      'rsm:SupplyChainTradeTransaction',
      document.lines.map(lineItem),
      el(
        'ram:ApplicableHeaderTradeAgreement',
        party('ram:SellerTradeParty', document.seller, null),
        party('ram:BuyerTradeParty', document.buyer, document.deliveryAddress),
        el('ram:BuyerOrderReferencedDocument', text('ram:IssuerAssignedID', document.orderNumber)),
      ),
      el(
        'ram:ApplicableHeaderTradeDelivery',
        el(
          'ram:ShipToTradeParty',
          text('ram:Name', document.buyer.name.trim() || 'Client particulier'),
          address(document.deliveryAddress),
        ),
        document.deliveryDate
          ? el('ram:ActualDeliverySupplyChainEvent', dateTime('ram:OccurrenceDateTime', document.deliveryDate))
          : null,
      ),
      el(
        'ram:ApplicableHeaderTradeSettlement',
        text('ram:InvoiceCurrencyCode', 'EUR'),
        // UNTDID 4461 48 "bank card": a card payment. 58 "SEPA credit transfer": an invoice paid by transfer to the
        // seller's account (BG-17: IBAN BT-84, BIC BT-86), when the invoice carries it; otherwise no means is named.
        input.paid && input.typeCode === '380'
          ? el('ram:SpecifiedTradeSettlementPaymentMeans', text('ram:TypeCode', '48'))
          : !input.paid && input.typeCode === '380' && document.seller.bankAccount
            ? el(
                'ram:SpecifiedTradeSettlementPaymentMeans',
                text('ram:TypeCode', '58'),
                el('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', document.seller.bankAccount.iban)),
                document.seller.bankAccount.bic
                  ? el(
                      'ram:PayeeSpecifiedCreditorFinancialInstitution',
                      text('ram:BICID', document.seller.bankAccount.bic),
                    )
                  : null,
              )
            : null,
        document.vatByRate.map((rate) =>
          el(
            'ram:ApplicableTradeTax',
            text('ram:CalculatedAmount', amountOf(rate.vatCents)),
            text('ram:TypeCode', 'VAT'),
            text('ram:BasisAmount', amountOf(rate.baseCents)),
            text('ram:CategoryCode', vatCategoryOf(rate.vatRateBasisPoints)),
            text('ram:RateApplicablePercent', percentOf(rate.vatRateBasisPoints)),
          ),
        ),
        input.paymentTerms || input.dueDate
          ? el(
              'ram:SpecifiedTradePaymentTerms',
              text('ram:Description', input.paymentTerms),
              input.dueDate ? dateTime('ram:DueDateDateTime', input.dueDate) : null,
            )
          : null,
        el(
          'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
          text('ram:LineTotalAmount', amountOf(document.subtotalCents)),
          text('ram:TaxBasisTotalAmount', amountOf(document.subtotalCents)),
          text('ram:TaxTotalAmount', amountOf(document.vatCents), { currencyID: 'EUR' }),
          text('ram:GrandTotalAmount', amountOf(document.totalCents)),
          text('ram:TotalPrepaidAmount', input.paid ? amountOf(prepaidCents) : null),
          text('ram:DuePayableAmount', amountOf(document.totalCents - prepaidCents)),
        ),
        input.precedingInvoice
          ? el(
              'ram:InvoiceReferencedDocument',
              text('ram:IssuerAssignedID', input.precedingInvoice.number),
              el(
                'ram:FormattedIssueDateTime',
                text('qdt:DateTimeString', date102(input.precedingInvoice.issueDate), { format: '102' }),
              ),
            )
          : null,
      ),
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}${body.join('')}</rsm:CrossIndustryInvoice>\n`;
}
