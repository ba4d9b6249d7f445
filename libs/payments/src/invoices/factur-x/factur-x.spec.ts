import { facturXXsdProblems, facturXXsdProblemsOfAll, readFacturXPdf } from '@app/test-support';
import type { Invoice } from '../../entities/invoice.entity';
import {
  sampleCardInvoice as cardInvoice,
  sampleDocument as document,
  sampleInvoice as invoiceOf,
  sampleTransferInvoice,
} from '../testing/invoice-samples';
import { renderInvoicePdf } from '../invoice-pdf';
import { amountOf, buildCii, type CiiInput, decimalOf, percentOf } from './cii';
import { checkEn16931Rules } from './en16931-rules';
import { ciiInputOfInvoice, facturXXmlOfInvoice, renderInvoiceFacturX } from './invoice-factur-x';
import { creditNoteDocumentOf } from '../credit-notes/credit-note-draft';
import { renderCreditNotePdf, type CreditNoteToPrint } from '../credit-notes/credit-note-pdf';
import { facturXXmlOfCreditNote, renderCreditNoteFacturX } from './credit-note-factur-x';

/** A credit note for the whole invoice, built by hand the way a credit note of a refunded part would be. */
const creditNote = (): CiiInput => ({
  typeCode: '381',
  number: 'FHJ-AV-2027-1',
  issueDate: '2027-01-05',
  dueDate: '2027-01-05',
  paymentTerms: 'Avoir remboursé par virement.',
  paid: false,
  precedingInvoice: { number: 'FHJ-2026-7', issueDate: '2026-12-31' },
  document,
});

const valueOf = (xml: string, element: string) => new RegExp(`<${element}[^>]*>([^<]*)</${element}>`).exec(xml)?.[1];
const valuesOf = (xml: string, element: string) =>
  [...xml.matchAll(new RegExp(`<${element}[^>]*>([^<]*)</${element}>`, 'g'))].map((match) => match[1]);

describe('exact decimals', () => {
  it('writes cents, thousandths and basis points without floats', () => {
    expect(amountOf(156693)).toBe('1566.93');
    expect(amountOf(5)).toBe('0.05');
    expect(amountOf(-5)).toBe('-0.05');
    expect(decimalOf(1500, 3)).toBe('1.500');
    expect(percentOf(550)).toBe('5.5');
    expect(percentOf(2000)).toBe('20');
    expect(percentOf(1000)).toBe('10');
    expect(() => amountOf(0.5)).toThrow('Not an integer amount');
  });
});

describe('the CII of an invoice (EN 16931 profile)', () => {
  it('validates against the official Factur-X EN 16931 XSD and breaks no EN 16931 rule checked', () => {
    for (const xml of [
      facturXXmlOfInvoice(invoiceOf()),
      facturXXmlOfInvoice(cardInvoice()),
      facturXXmlOfInvoice(sampleTransferInvoice()),
      facturXXmlOfInvoice(sampleTransferInvoice(null)),
      buildCii(creditNote()),
    ]) {
      expect(facturXXsdProblems(xml)).toEqual([]);
      expect(checkEn16931Rules(xml)).toEqual([]);
    }
  });

  it('carries the figures of the PDF to the cent: lines, VAT per rate and totals', () => {
    const xml = facturXXmlOfInvoice(invoiceOf());
    expect(valueOf(xml, 'ram:ID')).toBe('urn:cen.eu:en16931:2017');
    expect(xml).toContain('<ram:ID>FHJ-2026-7</ram:ID><ram:TypeCode>380</ram:TypeCode>');
    expect(xml).toContain(
      '<ram:IssueDateTime><udt:DateTimeString format="102">20261231</udt:DateTimeString></ram:IssueDateTime>',
    );
    expect(valuesOf(xml, 'ram:BilledQuantity')).toEqual(['1.500', '30.000', '6.000', '1.000']);
    expect([...xml.matchAll(/unitCode="(\w+)"/g)].map((match) => match[1])).toEqual(['KGM', 'H87', 'LTR', 'H87']);
    expect(valuesOf(xml, 'ram:ChargeAmount')).toEqual(['28.00', '0.40', '4.50', '1234.56']);
    expect(valuesOf(xml, 'ram:RateApplicablePercent')).toEqual(['5.5', '5.5', '5.5', '20', '5.5', '20']);
    expect(xml).toContain(
      '<ram:ApplicableTradeTax><ram:CalculatedAmount>4.46</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>81.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>5.5</ram:RateApplicablePercent></ram:ApplicableTradeTax>',
    );
    expect(xml).toContain(
      '<ram:CalculatedAmount>246.91</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>1234.56</ram:BasisAmount>',
    );
    expect(valueOf(xml, 'ram:TaxBasisTotalAmount')).toBe('1315.56');
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="EUR">251.37</ram:TaxTotalAmount>');
    expect(valueOf(xml, 'ram:GrandTotalAmount')).toBe('1566.93');
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('1566.93');
    expect(xml).not.toContain('TotalPrepaidAmount');
  });

  it('names the parties by SIRET (0009), SIREN (0002) and VAT number, and the delivery, order, terms and due date', () => {
    const xml = facturXXmlOfInvoice(invoiceOf());
    expect(xml).toContain(
      '<ram:SellerTradeParty><ram:GlobalID schemeID="0009">41234567800012</ram:GlobalID><ram:Name>Ferme du Haut-Jura &amp; fils</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">412345678</ram:ID></ram:SpecifiedLegalOrganization>',
    );
    expect(xml).toContain(
      '<ram:PostalTradeAddress><ram:PostcodeCode>39300</ram:PostcodeCode><ram:LineOne>12 rue du Collège</ram:LineOne><ram:CityName>Champagnole</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR83412345678</ram:ID>',
    );
    expect(xml).toContain(
      '<ram:BuyerTradeParty><ram:GlobalID schemeID="0009">52345678900027</ram:GlobalID><ram:Name>Bistrot des Lacs</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">523456789</ram:ID>',
    );
    expect(xml).toContain('<ram:ID schemeID="VA">FR40523456789</ram:ID>');
    expect(xml).toContain('<ram:Name>Œufs fermiers &lt;bio&gt;</ram:Name>');
    expect(xml).toContain(
      '<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>CMD-2026-000042</ram:IssuerAssignedID>',
    );
    expect(xml).toContain(
      '<ram:ShipToTradeParty><ram:Name>Bistrot des Lacs</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>39130</ram:PostcodeCode><ram:LineOne>5 chemin du Lac</ram:LineOne>',
    );
    expect(xml).toContain(
      '<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20261230</udt:DateTimeString>',
    );
    expect(xml).toContain(
      '<ram:SpecifiedTradePaymentTerms><ram:Description>Paiement à 30 jours date de livraison, échéance le 29/01/2027.</ram:Description><ram:DueDateDateTime><udt:DateTimeString format="102">20270129</udt:DateTimeString>',
    );
    expect(valuesOf(xml, 'ram:SubjectCode')).toEqual(['AAB', 'PMD', 'PMT']);
  });

  it("names a SEPA credit transfer (58) to the seller's IBAN and BIC as the means of an invoice paid by transfer", () => {
    const xml = facturXXmlOfInvoice(sampleTransferInvoice());
    expect(xml).toContain(
      '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR7630006000011234567890189</ram:IBANID></ram:PayeePartyCreditorFinancialAccount><ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>AGRIFRPP839</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution></ram:SpecifiedTradeSettlementPaymentMeans>',
    );
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('1566.93');
    const withoutBic = facturXXmlOfInvoice(sampleTransferInvoice(null));
    expect(valueOf(withoutBic, 'ram:IBANID')).toBe('FR7630006000011234567890189');
    expect(withoutBic).not.toContain('BICID');
    // The notes stay the legal mentions, the terms (BT-20) the due date: the IBAN goes to the means only.
    expect(valuesOf(xml, 'ram:SubjectCode')).toEqual(['AAB', 'PMD', 'PMT']);
    expect(facturXXmlOfInvoice(invoiceOf())).not.toContain('SpecifiedTradeSettlementPaymentMeans');
  });

  it('says a card invoice to a consumer is paid: all prepaid, nothing due, the bank card as means', () => {
    const xml = facturXXmlOfInvoice(cardInvoice());
    expect(valueOf(xml, 'ram:TotalPrepaidAmount')).toBe('1566.93');
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('0.00');
    expect(xml).toContain('<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>48</ram:TypeCode>');
    expect(xml).toContain(
      '<ram:BuyerTradeParty><ram:Name>Camille Martin</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>39130</ram:PostcodeCode>',
    );
    expect(xml).not.toContain('ActualDeliverySupplyChainEvent');
    expect(xml).not.toContain('SubjectCode');
    expect(ciiInputOfInvoice(cardInvoice()).paymentTerms).toBe(
      'Facture acquittée\u00a0: payée par carte bancaire le 31/12/2026.',
    );
  });

  it('makes a credit note type 381 that names the invoice it corrects', () => {
    const xml = buildCii(creditNote());
    expect(xml).toContain('<ram:ID>FHJ-AV-2027-1</ram:ID><ram:TypeCode>381</ram:TypeCode>');
    expect(xml).toContain(
      '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>FHJ-2026-7</ram:IssuerAssignedID><ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261231</qdt:DateTimeString>',
    );
    expect(
      checkEn16931Rules(xml.replace(/<ram:InvoiceReferencedDocument>.*<\/ram:InvoiceReferencedDocument>/, '')),
    ).toEqual(['BR-FR (credit note): a credit note names the invoice it corrects (BT-25)']);
  });

  it('is refused by the XSD when an element is out of place', () => {
    const xml = facturXXmlOfInvoice(invoiceOf())
      .replace('<ram:TypeCode>380</ram:TypeCode>', '')
      .replace('<ram:ID>FHJ-2026-7</ram:ID>', '<ram:ID>FHJ-2026-7</ram:ID><ram:Unknown>1</ram:Unknown>');
    expect(facturXXsdProblems(xml).join('\n')).toMatch(/Unknown.*not expected/);
    expect(
      facturXXsdProblemsOfAll([facturXXmlOfInvoice(invoiceOf()), xml, facturXXmlOfInvoice(cardInvoice())]).join('\n'),
    ).toMatch(/1\.xml.*Unknown.*not expected/);
    expect(facturXXsdProblemsOfAll([facturXXmlOfInvoice(invoiceOf()), facturXXmlOfInvoice(cardInvoice())])).toEqual([]);
  });
});

describe('checkEn16931Rules', () => {
  const xml = () => facturXXmlOfInvoice(invoiceOf());

  it('finds lines that do not add up to the total (BR-CO-10) and a grand total that is not basis + VAT (BR-CO-15)', () => {
    const broken = xml().replace(
      '<ram:LineTotalAmount>42.00</ram:LineTotalAmount>',
      '<ram:LineTotalAmount>42.01</ram:LineTotalAmount>',
    );
    expect(checkEn16931Rules(broken)).toEqual([
      'BR-CO-10: sum of line net amounts 131557 ≠ LineTotalAmount 131556 (cents)',
      'BR-S-08: VAT basis S/550 is 8100, its lines add up to 8101 (cents)',
    ]);
    expect(checkEn16931Rules(xml().replace('<ram:GrandTotalAmount>1566.93', '<ram:GrandTotalAmount>1566.94'))).toEqual([
      'BR-CO-15: GrandTotalAmount 156694 ≠ TaxBasisTotalAmount 131556 + TaxTotalAmount 25137',
      'BR-CO-16: DuePayableAmount 156693 ≠ GrandTotalAmount 156694 − TotalPrepaidAmount 0',
    ]);
  });

  it('finds a VAT breakdown that is not the sum per rate (BR-S-08, BR-S-09, BR-CO-14)', () => {
    expect(
      checkEn16931Rules(
        xml().replace(
          '<ram:CalculatedAmount>4.46</ram:CalculatedAmount>',
          '<ram:CalculatedAmount>5.46</ram:CalculatedAmount>',
        ),
      ),
    ).toEqual([
      'BR-S-09: VAT S/550 is 546, basis × rate is 446 (cents)',
      'BR-CO-14: TaxTotalAmount 25137 ≠ sum of the VAT breakdown 25237',
    ]);
    // The Factur-X Schematron's tolerance: a cent off is accepted by BR-S-09, but the sums must still hold.
    expect(
      checkEn16931Rules(
        xml().replace(
          '<ram:CalculatedAmount>4.46</ram:CalculatedAmount>',
          '<ram:CalculatedAmount>4.45</ram:CalculatedAmount>',
        ),
      ),
    ).toEqual(['BR-CO-14: TaxTotalAmount 25137 ≠ sum of the VAT breakdown 25136']);
    const twentyPercentLine = xml().replace(
      /(<ram:LineID>3<\/ram:LineID>[\s\S]*?<ram:RateApplicablePercent>)5\.5/,
      '$120',
    );
    expect(checkEn16931Rules(twentyPercentLine)).toEqual([
      'BR-S-08: VAT basis S/550 is 8100, its lines add up to 5400 (cents)',
      'BR-S-08: VAT basis S/2000 is 123456, its lines add up to 126156 (cents)',
    ]);
  });

  it('finds missing mandatory fields and amounts with more than two decimals', () => {
    const broken = xml()
      .replace('<ram:Name>Bistrot des Lacs</ram:Name>', '')
      .replace(/<ram:SpecifiedTradePaymentTerms>.*<\/ram:SpecifiedTradePaymentTerms>/, '')
      .replace('<ram:DuePayableAmount>1566.93', '<ram:DuePayableAmount>1566.930');
    expect(checkEn16931Rules(broken)).toEqual([
      'BR-07: buyer name (BT-44) missing',
      'BR-15: DuePayableAmount missing or not an amount with at most 2 decimals',
    ]);
    expect(
      checkEn16931Rules(xml().replace(/<ram:SpecifiedTradePaymentTerms>.*<\/ram:SpecifiedTradePaymentTerms>/, '')),
    ).toEqual(['BR-CO-25: an amount due needs a due date (BT-9) or payment terms (BT-20)']);
    expect(checkEn16931Rules('<invoice/>')).toEqual(['XML: not a CII CrossIndustryInvoice']);
  });
});

describe('the Factur-X PDF', () => {
  it('is a PDF/A-3b with the XML attached as factur-x.xml (Data), the Factur-X XMP and the sRGB output intent', async () => {
    const invoice = invoiceOf();
    const pdf = await renderInvoiceFacturX(invoice);
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.7');
    const read = await readFacturXPdf(pdf);
    expect(read.xmpWellFormed).toBe(true);
    expect(read.pdfa).toEqual({ part: '3', conformance: 'B' });
    expect(read.fx).toEqual({
      DocumentType: 'INVOICE',
      DocumentFileName: 'factur-x.xml',
      Version: '1.0',
      ConformanceLevel: 'EN 16931',
    });
    expect(Object.keys(read.attachments)).toEqual(['factur-x.xml']);
    expect(read.attachments['factur-x.xml']).toBe(facturXXmlOfInvoice(invoice));
    expect(read.relationship).toBe('Data');
    expect(read.listedInAF).toBe(true);
    expect(read.hasOutputIntent).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2 \d+ 0 R/);
  });

  it('shows the same page as the plain invoice PDF', async () => {
    const invoice = invoiceOf();
    const plain = await readFacturXPdf(await renderInvoicePdf(invoice));
    const facturX = await readFacturXPdf(await renderInvoiceFacturX(invoice));
    expect(facturX.text).toBe(plain.text);
    expect(facturX.text).toContain('Total TTC 1 566,93 €');
    expect(plain.attachments).toEqual({});
  });
});

describe('the Factur-X of a credit note', () => {
  const noteOf = (invoice: Invoice, amountCents: number): CreditNoteToPrint => ({
    number: 'FHJ-AV-2027-0001',
    issuedAt: new Date('2027-01-05T10:00:00Z'),
    document: creditNoteDocumentOf(invoice, [], amountCents, 'Commande annulée par le client'),
  });

  it('credits a whole invoice with its own lines, type 381, naming the invoice, valid against the XSD and the rules', () => {
    const invoice = invoiceOf();
    const xml = facturXXmlOfCreditNote(noteOf(invoice, invoice.totalCents));
    expect(facturXXsdProblems(xml)).toEqual([]);
    expect(checkEn16931Rules(xml)).toEqual([]);
    expect(xml).toContain('<ram:ID>FHJ-AV-2027-0001</ram:ID><ram:TypeCode>381</ram:TypeCode>');
    expect(xml).toContain(
      '<ram:IncludedNote><ram:Content>Commande annulée par le client</ram:Content><ram:SubjectCode>ACD</ram:SubjectCode>',
    );
    expect(xml).toContain(
      '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>FHJ-2026-7</ram:IssuerAssignedID><ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261231</qdt:DateTimeString>',
    );
    expect(valuesOf(xml, 'ram:LineTotalAmount')).toEqual(['42.00', '12.00', '27.00', '1234.56', '1315.56']);
    expect(valueOf(xml, 'ram:GrandTotalAmount')).toBe('1566.93');
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('1566.93');
    expect(valueOf(xml, 'ram:Description')?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Montant de 1 566,93 € TTC à déduire du règlement de la facture FHJ-2026-7.',
    );
  });

  it('credits part of a card invoice with one line per VAT rate, refunded already (nothing due)', async () => {
    const invoice = cardInvoice();
    const note = noteOf(invoice, 10_000);
    expect(note.document.lines.map((line) => line.name)).toEqual(
      note.document.vatByRate.map(
        (rate) =>
          `Remboursement partiel de la facture ${invoice.number} (TVA ${String(rate.vatRateBasisPoints / 100).replace('.', ',')} %)`,
      ),
    );
    const xml = facturXXmlOfCreditNote(note);
    expect(facturXXsdProblems(xml)).toEqual([]);
    expect(checkEn16931Rules(xml)).toEqual([]);
    expect(valueOf(xml, 'ram:GrandTotalAmount')).toBe('100.00');
    expect(valueOf(xml, 'ram:TotalPrepaidAmount')).toBe('100.00');
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('0.00');

    const read = await readFacturXPdf(await renderCreditNoteFacturX(note));
    expect(read.xmpWellFormed).toBe(true);
    expect(read.pdfa).toEqual({ part: '3', conformance: 'B' });
    expect(read.fx).toEqual({
      DocumentType: 'INVOICE',
      DocumentFileName: 'factur-x.xml',
      Version: '1.0',
      ConformanceLevel: 'EN 16931',
    });
    expect(read.attachments['factur-x.xml']).toBe(xml);
    expect(read.relationship).toBe('Data');
    expect(read.text).toBe((await readFacturXPdf(await renderCreditNotePdf(note))).text);
    expect(read.text).toContain('Montant de 100,00 € TTC remboursé sur la carte bancaire');
  });

  it('says, when the buyer’s bank gave the amount back through a lost card dispute, that it did and nothing more is refunded', async () => {
    const invoice = cardInvoice();
    const note: CreditNoteToPrint = {
      ...noteOf(invoice, 10_000),
      document: creditNoteDocumentOf(invoice, [], 10_000, 'Annulation — montant rendu par la banque', 'BUYER_BANK'),
    };
    expect(note.document.settledBy).toBe('BUYER_BANK');
    // Every other credit note stores no `settledBy`: its document (and wording) is the same as before it existed.
    expect(noteOf(invoice, 10_000).document).not.toHaveProperty('settledBy');
    const xml = facturXXmlOfCreditNote(note);
    expect(facturXXsdProblems(xml)).toEqual([]);
    expect(checkEn16931Rules(xml)).toEqual([]);
    const wording =
      'Montant de 100,00 € TTC rendu à l’acheteur par sa banque à la suite d’une contestation du paiement par carte ; aucun remboursement supplémentaire.';
    expect(valueOf(xml, 'ram:Description')?.replace(/[\u00a0\u202f]/g, ' ')).toBe(wording);
    // Nothing is due: the money is back with the buyer.
    expect(valueOf(xml, 'ram:DuePayableAmount')).toBe('0.00');
    const read = await readFacturXPdf(await renderCreditNoteFacturX(note));
    expect(read.text).toBe((await readFacturXPdf(await renderCreditNotePdf(note))).text);
    expect(read.text).toContain(wording);
    expect(read.text).not.toContain('remboursé sur la carte');
    // Part of the invoice: its lines (one per VAT rate) say the bank gave it back, not a refund of the seller's.
    expect(note.document.wholeInvoice).toBe(false);
    const names = note.document.lines.map((line) => line.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).toMatch(/^Montant rendu à l’acheteur par sa banque sur la facture \S+ \(TVA [\d,]+ %\)$/);
      expect(xml).toContain(`<ram:Name>${name}</ram:Name>`);
    }
    expect(xml).not.toContain('Remboursement');
  });
});
