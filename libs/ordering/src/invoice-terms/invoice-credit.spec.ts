import { invoiceRefusal, invoiceRefusalMessage, newBuyerCapOf } from './invoice-credit';

const facts = {
  producerId: 'p',
  producerName: 'Ferme',
  partCents: 10_000,
  openInvoiceCents: 0,
  deliveredBefore: false,
  refused: false,
  capCents: 30_000,
};

describe('invoice credit of a buyer with a producer', () => {
  it('lets a new buyer order by invoice up to the cap, included', () => {
    expect(invoiceRefusal({ ...facts, partCents: 30_000 })).toBeNull();
    expect(invoiceRefusal({ ...facts, partCents: 10_000, openInvoiceCents: 20_000 })).toBeNull();
  });

  it('refuses a new buyer past the cap, counting its open invoice orders', () => {
    expect(invoiceRefusal({ ...facts, partCents: 30_001 })).toEqual({
      reason: 'NEW_BUYER_INVOICE_CAP',
      producerId: 'p',
      producerName: 'Ferme',
      capCents: 30_000,
      openInvoiceCents: 0,
      partCents: 30_001,
    });
    expect(invoiceRefusal({ ...facts, partCents: 10_000, openInvoiceCents: 20_001 })?.reason).toBe(
      'NEW_BUYER_INVOICE_CAP',
    );
  });

  it('lifts the cap once the producer delivered to the buyer', () => {
    expect(invoiceRefusal({ ...facts, partCents: 5_000_000, deliveredBefore: true })).toBeNull();
  });

  it('refuses a buyer the producer refused, delivered before or not', () => {
    expect(invoiceRefusal({ ...facts, refused: true, deliveredBefore: true })).toEqual({
      reason: 'INVOICE_REFUSED',
      producerId: 'p',
      producerName: 'Ferme',
    });
  });

  it("takes the producer's own cap, else the platform's", () => {
    expect(newBuyerCapOf(50_000, 30_000)).toBe(50_000);
    expect(newBuyerCapOf(0, 30_000)).toBe(0);
    expect(newBuyerCapOf(null, 30_000)).toBe(30_000);
  });

  it('says what is left under the cap', () => {
    expect(invoiceRefusalMessage(invoiceRefusal({ ...facts, partCents: 15_000, openInvoiceCents: 20_000 })!)).toBe(
      'Ferme has not delivered to this business yet: its invoice orders with it are limited to 300.00 € VAT included until a first delivery (100.00 € left, this part is 150.00 €); pay by card or order less.',
    );
  });
});
