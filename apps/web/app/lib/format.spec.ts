import { describe, expect, it } from '@jest/globals';
import {
  PAYMENT_STATUS_LABELS,
  PRODUCER_STATUS_LABELS,
  PRODUCT_COUNT_CAP,
  STATUS_LABELS,
  deliveryFee,
  deliveryTerms,
  disputeStanding,
  disputedPaymentLabel,
  invoicePaymentStanding,
  partDeliveryFee,
  productCount,
  productTotal,
  shelfPrice,
  siretText,
  ibanText,
  phoneText,
  date,
  dateTime,
  deliveryDay,
  kgCo2e,
  km,
} from './format';
import { priceBasisOf, priceBasisOfBuyer } from './price-basis';

// The API counts products exactly up to 1,000 and answers 1,001 for more (ProductConnection.totalCount).
describe('dates and units as French writes them', () => {
  it('says the first of a month « 1er », every other day as its number', () => {
    expect(date('2026-01-01')).toBe('1er janvier 2026');
    expect(date('2026-01-11')).toBe('11 janvier 2026');
    expect(date('2026-03-21')).toBe('21 mars 2026');
    expect(deliveryDay('2026-12-01')).toBe('mardi 1er décembre');
    expect(deliveryDay('2026-12-08')).toBe('mardi 8 décembre');
    expect(dateTime('2026-05-01T08:30:00Z')).toBe('1er mai 2026 à 10:30');
  });

  it('prints an IBAN in groups of 4, as banks do', () => {
    expect(ibanText('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(ibanText('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });

  it('prints a French phone number in pairs from its 0, never split across lines', () => {
    expect(phoneText('+33199000101')).toBe('01\u00a099\u00a000\u00a001\u00a001');
    expect(phoneText('+33612345678')).toBe('06\u00a012\u00a034\u00a056\u00a078');
    expect(phoneText('+3212345678')).toBe('+3212345678');
  });

  it('keeps a figure with its unit (no-break spaces)', () => {
    expect(kgCo2e(28.27)).toBe('28,27\u00a0kg\u00a0CO₂e');
    expect(km(65.6)).toBe('65,6\u00a0km');
  });
});

describe('product counts as the pages say them', () => {
  it('says an exact count as it is, agreed in number', () => {
    expect(productCount(1)).toBe('1 produit');
    expect(productCount(12)).toBe('12 produits');
    expect(productCount(PRODUCT_COUNT_CAP)).toBe('1000 produits');
    expect(productCount(3, 'produit labellisé', 'produits labellisés')).toBe('3 produits labellisés');
    expect(productTotal(1000)).toBe('1000');
  });

  it('says the capped count as "plus de 1 000", never as 1,001', () => {
    expect(PRODUCT_COUNT_CAP).toBe(1000);
    expect(productCount(1001).replace(/\s/g, ' ')).toBe('plus de 1 000 produits');
    expect(productCount(1001, 'produit en vente', 'produits en vente').replace(/\s/g, ' ')).toBe(
      'plus de 1 000 produits en vente',
    );
    expect(productTotal(1001).replace(/\s/g, ' ')).toBe('plus de 1 000');
  });
});

// PAY-17: once the buyer's bank disputes a card payment, « Payée » is no longer what became of the money.
describe('the payment line of a disputed card payment', () => {
  const paid = PAYMENT_STATUS_LABELS.SUCCEEDED;

  it('says the payment as it is when no dispute touches it', () => {
    expect(disputedPaymentLabel(paid, null)).toBe('Payée');
    expect(disputedPaymentLabel(PAYMENT_STATUS_LABELS.PARTIALLY_REFUNDED, undefined)).toBe('Remboursée en partie');
  });

  it('says the dispute while it is open, the bank’s refund once lost, the payment kept once won', () => {
    expect(disputedPaymentLabel(paid, { outcome: 'OPEN' })).toBe('Contestée par la banque');
    expect(disputedPaymentLabel(paid, { outcome: 'LOST' })).toBe('Remboursée par la banque (contestation acceptée)');
    expect(disputedPaymentLabel(PAYMENT_STATUS_LABELS.PARTIALLY_REFUNDED, { outcome: 'LOST' })).toBe(
      'Remboursée par la banque (contestation acceptée)',
    );
    expect(disputedPaymentLabel(paid, { outcome: 'WON' })).toBe('Payée — contestation rejetée');
  });
});

// Every place an invoice's payment shows (invoice cards on both lists, the order's invoice line) reads it from here.
describe('an invoice’s payment, as the pages show it', () => {
  const paid = { status: 'PAID', paidOn: '2026-12-01' };

  it('is its status, and the day it was paid, when no dispute touches its payment', () => {
    expect(invoicePaymentStanding(paid, null)).toEqual({ label: 'Payée', tone: 'paid', paidOn: '2026-12-01' });
    expect(invoicePaymentStanding({ status: 'OVERDUE', paidOn: null }, undefined)).toEqual({
      label: 'En retard de paiement',
      tone: 'overdue',
      paidOn: null,
    });
    expect(invoicePaymentStanding({ status: 'ISSUED' }, null)).toMatchObject({ label: 'À payer', tone: 'due' });
  });

  it('is disputed while the bank examines the card payment, paid again once the dispute is rejected', () => {
    expect(invoicePaymentStanding(paid, { outcome: 'OPEN' })).toEqual({
      label: 'Contestée par la banque',
      tone: 'disputed',
      paidOn: '2026-12-01',
    });
    expect(invoicePaymentStanding(paid, { outcome: 'WON' })).toEqual({
      label: 'Payée — contestation rejetée',
      tone: 'paid',
      paidOn: '2026-12-01',
    });
  });

  it('is no longer paid on any day once the buyer’s bank took the card payment back, even cancelled by a credit note', () => {
    expect(invoicePaymentStanding(paid, { outcome: 'LOST' })).toEqual({
      label: 'Remboursée par la banque (contestation acceptée)',
      tone: 'disputed',
      paidOn: null,
    });
    expect(invoicePaymentStanding({ status: 'CANCELLED', paidOn: '2026-12-01' }, { outcome: 'LOST' })).toEqual({
      label: 'Annulée',
      tone: 'cancelled',
      paidOn: null,
    });
  });
});

describe('where a dispute stands', () => {
  it('says once the seller’s evidence is with the bank (Stripe’s under_review), then the outcome', () => {
    expect(disputeStanding({ outcome: 'OPEN', status: 'needs_response' })).toBe('en cours d’examen');
    expect(disputeStanding({ outcome: 'OPEN', status: 'under_review' })).toBe(
      'en cours d’examen, les pièces du vendeur transmises à la banque',
    );
    expect(disputeStanding({ outcome: 'LOST', status: 'lost' })).toBe('acceptée, montant rendu par la banque');
    expect(disputeStanding({ outcome: 'WON', status: 'won' })).toBe('rejetée, paiement maintenu');
  });
});

/** fr-FR formatting puts no-break spaces in amounts: compare texts with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('prices as each viewer reads them', () => {
  it('shows consumers and visitors the price including VAT, businesses the price excluding it', () => {
    const comte = { priceCents: 1950, vatRate: 0.055, unit: 'KG' };
    expect(plain(shelfPrice(comte, 'TTC'))).toBe('20,57 € TTC / kg');
    expect(plain(shelfPrice(comte, 'HT'))).toBe('19,50 € HT / kg');
    expect(plain(shelfPrice({ priceCents: 560, vatRate: 0.055, unit: 'PIECE' }, 'TTC'))).toBe('5,91 € TTC / pièce');
  });

  it('takes the basis from the viewer: excluding VAT only for a member of a business', () => {
    const member = (kind: string) => ({ memberships: [{ organization: { kind } }] }) as never;
    expect(priceBasisOf(undefined)).toBe('TTC');
    expect(priceBasisOf(null)).toBe('TTC');
    expect(priceBasisOf(member('PRODUCER'))).toBe('TTC');
    expect(priceBasisOf(member('BRAND'))).toBe('TTC');
    expect(priceBasisOf(member('BUSINESS'))).toBe('HT');
  });

  it('takes a cart’s or an order’s basis from who buys: excluding VAT only when a business does', () => {
    expect(priceBasisOfBuyer('organization-id')).toBe('HT');
    expect(priceBasisOfBuyer(null)).toBe('TTC');
    expect(priceBasisOfBuyer(undefined)).toBe('TTC');
  });
});

describe('a delivery option’s terms', () => {
  it('says its fee on the buyer’s basis: including VAT, what the API says it adds to the part', () => {
    const option = { mode: 'PRODUCER_DELIVERY', feeCents: 800, minOrderCents: 4000 };
    // 8,00 € carrying 45,00 € of potatoes at 5,5 % (the API: 8,44 € TTC); the option's own figures, not a rate here.
    const fee = { feeCents: 800, feeInclVatCents: 844 };
    expect(plain(deliveryTerms(option, () => partDeliveryFee(fee, 'TTC')))).toBe(
      'Livraison par le producteur · 8,44 € TTC · dès 40,00 € HT de commande',
    );
    expect(plain(deliveryTerms(option, () => partDeliveryFee(fee, 'HT')))).toBe(
      'Livraison par le producteur · 8,00 € HT · dès 40,00 € HT de commande',
    );
    expect(plain(deliveryTerms({ ...option, feeCents: 0 }, () => 'never'))).toBe(
      'Livraison par le producteur · gratuit · dès 40,00 € HT de commande',
    );
  });

  it('says a fee on its own at one rate where there is no cart (a product’s page)', () => {
    expect(plain(deliveryFee(800, 'TTC', 0.2))).toBe('9,60 € TTC');
    expect(plain(deliveryFee(800, 'HT', 0.2))).toBe('8,00 € HT');
  });
});

describe('a supplier order’s status, as the producer reads it', () => {
  it('calls an order just placed one to confirm, the buyers still reading « Passée »', () => {
    expect(PRODUCER_STATUS_LABELS.PLACED).toBe('À confirmer');
    expect(STATUS_LABELS.PLACED).toBe('Passée');
  });

  it('says every other status as the buyers do', () => {
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED', 'CANCELLED'])
      expect(PRODUCER_STATUS_LABELS[status]).toBe(STATUS_LABELS[status]);
  });
});

describe('a SIRET as people read it', () => {
  it('groups the SIREN by three and keeps the establishment’s five digits, with no-break spaces', () => {
    expect(siretText('12345678900012')).toBe('123\u00a0456\u00a0789\u00a000012');
  });

  it('leaves anything but 14 digits as it is', () => {
    expect(siretText('123456789')).toBe('123456789');
    expect(siretText('1234567890001X')).toBe('1234567890001X');
    expect(siretText('123 456 789 00012')).toBe('123 456 789 00012');
  });
});
