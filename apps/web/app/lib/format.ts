import { withVat } from './vat-inclusive';

export { withVat };

/** French formatting of every figure the pages show: euros, kilograms, kg CO₂e, kilometres, dates in Paris time. */
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const decimalFormat = (digits: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const oneDecimal = decimalFormat(1);
const twoDecimals = decimalFormat(2);
const quantityFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export const euros = (cents: number): string => euroFormat.format(cents / 100);
/** A figure and its unit never split across two lines (no-break spaces): "28,27 kg CO₂e", not "28,27 kg" then "CO₂e". */
export const kg = (value: number): string => `${twoDecimals.format(value)}\u00a0kg`;
export const kgCo2e = (value: number): string => `${twoDecimals.format(value)}\u00a0kg\u00a0CO₂e`;
export const km = (value: number): string => `${oneDecimal.format(value)}\u00a0km`;
export const quantity = (value: number): string => quantityFormat.format(value);
/**
 * A SIRET as people read it, SIREN in groups of three then the establishment's five digits, never split across lines:
 * « 123 456 789 00012 ». Anything but 14 digits is shown as it is.
 */
export const siretText = (digits: string): string =>
  digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1\u00a0$2\u00a0$3\u00a0$4');
/**
 * A French phone number as the API keeps it (E.164, "+33199000101") as people read it, in pairs from the 0, never split
 * across lines: « 01 99 00 01 01 ». Anything else is shown as it is.
 */
export const phoneText = (e164: string): string =>
  e164.replace(/^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/, '0$1\u00a0$2\u00a0$3\u00a0$4\u00a0$5');
/** An IBAN in groups of 4, as banks print it: "FR76 3000 6000 0112 3456 7890 189". */
export const ibanText = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');
/** A share in per cent; the sign never alone at a line's start (a no-break space before it): "7,2 %". */
export const percent = (share: number): string => `${oneDecimal.format(share * 100)}\u00a0%`;
/**
 * French says the first day of a month « 1er »: « 1er janvier 2026 », « mardi 1er décembre » (Intl writes « 1 janvier »).
 * Every date the pages write goes through it.
 */
export const firstOfMonth = (text: string): string => text.replace(/(^|\s)1(?=\s)/, '$11er');
export const date = (iso: string): string =>
  firstOfMonth(dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)));
export const dateTime = (iso: string): string => firstOfMonth(dateTimeFormat.format(new Date(iso)));
const deliveryDayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
/** A delivery date (YYYY-MM-DD, a day of the Paris calendar) as people say it: « vendredi 11 décembre ». */
export const deliveryDay = (day: string): string =>
  firstOfMonth(deliveryDayFormat.format(new Date(`${day}T00:00:00Z`)));

const UNIT_LABELS: Record<string, [string, string]> = {
  KG: ['kg', 'kg'],
  PIECE: ['pièce', 'pièces'],
  LITRE: ['litre', 'litres'],
};
export const unitLabel = (unit: string, amount = 1): string => (UNIT_LABELS[unit] ?? [unit, unit])[amount > 1 ? 1 : 0];
export const pricePerUnit = (cents: number, unit: string): string => `${euros(cents)} HT / ${unitLabel(unit)}`;

/**
 * How a viewer reads prices: including VAT (« TTC ») for consumers and visitors, as French law asks of prices shown to
 * consumers; excluding VAT (« HT ») for a member of a business, who buys and deducts VAT.
 */
export type PriceBasis = 'TTC' | 'HT';

/** A product's price per unit on the viewer's basis: « 4,75 € TTC / kg » or « 4,50 € HT / kg ». */
export const shelfPrice = (
  product: { priceCents: number; vatRate: number; unit: string },
  basis: PriceBasis,
): string =>
  basis === 'HT'
    ? pricePerUnit(product.priceCents, product.unit)
    : `${euros(withVat(product.priceCents, product.vatRate))} TTC / ${unitLabel(product.unit)}`;

/**
 * A delivery fee on the viewer's basis, on its own at one VAT rate (a product's page, with no cart): « 8,44 € TTC »,
 * « 8,00 € HT ». In a cart, `partDeliveryFee` with the API's figure.
 */
export const deliveryFee = (feeCents: number, basis: PriceBasis, vatRate: number): string =>
  basis === 'HT' ? `${euros(feeCents)} HT` : `${euros(withVat(feeCents, vatRate))} TTC`;

/**
 * A delivery fee of a producer's part on the buyer's basis, before or once it is chosen: including VAT, the API's
 * figure of what it adds to the part (`feeInclVatCents`, at its goods' rates), the one of its row in the part's lines.
 */
export const partDeliveryFee = (fee: { feeCents: number; feeInclVatCents: number }, basis: PriceBasis): string =>
  basis === 'HT' ? `${euros(fee.feeCents)} HT` : `${euros(fee.feeInclVatCents)} TTC`;

export const CATEGORY_LABELS: Record<string, string> = {
  FRESH_VEGETABLES: 'Légumes frais',
  FRESH_FRUITS: 'Fruits frais',
  MEAT_CHARCUTERIE: 'Viande et charcuterie',
  DAIRY_CHEESE: 'Produits laitiers et fromages',
  EGGS: 'Œufs',
  BAKERY: 'Boulangerie',
  BEVERAGES: 'Boissons',
  DRY_GROCERIES: 'Épicerie sèche',
  CRAFTS_NON_FOOD: 'Artisanat (non alimentaire)',
};

export const CERTIFICATION_LABELS: Record<string, string> = {
  AB: 'Agriculture biologique',
  LABEL_ROUGE: 'Label Rouge',
  AOP: 'AOP',
  IGP: 'IGP',
  HVE: 'Haute valeur environnementale',
  STG: 'Spécialité traditionnelle garantie',
};

export const STATUS_LABELS: Record<string, string> = {
  PLACED: 'Passée',
  CONFIRMED: 'Confirmée',
  READY: 'Prête',
  SHIPPED: 'En livraison',
  IN_PROGRESS: 'En cours',
  DELIVERED: 'Livrée',
  CANCELLED: 'Annulée',
};

/**
 * A supplier order's status as its producer reads it, on the producer's pages: an order just placed is one for it to
 * confirm (the buyers' « Passée » says what they did, not what the producer has to do).
 */
export const PRODUCER_STATUS_LABELS: Record<string, string> = { ...STATUS_LABELS, PLACED: 'À confirmer' };

export const DELIVERY_MODE_LABELS: Record<string, string> = {
  PRODUCER_DELIVERY: 'Livraison par le producteur',
  PICKUP: 'Retrait chez le producteur',
  CARRIER: 'Transporteur',
};

// — Buying pages (cart, checkout, orders) —

/** A quantity with its unit, agreed in number: "6 kg", "1 pièce", "20 pièces". */
export const quantityWithUnit = (amount: number, unit: string): string =>
  `${quantity(amount)} ${unitLabel(unit, amount)}`;

/** A French VAT rate as printed on receipts: "5,5 %", "20 %" (a no-break space: "%" never alone on a line). */
export const vatRate = (rate: number): string =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(rate * 100)}\u00a0%`;

/** How a footprint's distance was obtained (CarbonFootprint.distanceType). */
export const DISTANCE_TYPE_LABELS: Record<string, string> = {
  GCD_ESTIMATED: 'estimée à vol d’oiseau, corrigée pour la route',
  ROUTED: 'calculée par itinéraire',
  ODOMETER: 'relevée au compteur par le producteur',
};

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  CARD: 'Carte bancaire',
  INVOICE: 'Sur facture, à 30 jours après livraison',
};

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  PENDING: 'En attente de paiement',
  SUCCEEDED: 'Payée',
  FAILED: 'Paiement refusé',
  CANCELLED: 'Paiement annulé',
  REFUNDED: 'Remboursée',
  PARTIALLY_REFUNDED: 'Remboursée en partie',
  INVOICED: 'Facturée',
  PAID: 'Payée',
};

/** Where a card payment's dispute (a chargeback) stands, as the buyer and the producers read it. */
export const DISPUTE_OUTCOME_LABELS: Record<string, string> = {
  OPEN: 'en cours d’examen',
  WON: 'rejetée, paiement maintenu',
  LOST: 'acceptée, montant rendu par la banque',
};

/**
 * Where a dispute stands, in words: its outcome, and while open, whether the seller's evidence is with the bank yet
 * (Stripe's status `under_review`, after `needs_response`).
 */
export const disputeStanding = (dispute: { outcome: string; status: string }): string =>
  dispute.outcome === 'OPEN' && dispute.status === 'under_review'
    ? 'en cours d’examen, les pièces du vendeur transmises à la banque'
    : (DISPUTE_OUTCOME_LABELS[dispute.outcome] ?? dispute.outcome);

/**
 * The « Paiement » line of a card payment its buyer's bank disputed: what is true of the money now, by the dispute's
 * outcome (open, the bank has taken it back for the time of its review; lost, for good; won, the payment stands).
 */
export const DISPUTED_PAYMENT_LABELS: Record<string, string> = {
  OPEN: 'Contestée par la banque',
  WON: 'Payée — contestation rejetée',
  LOST: 'Remboursée par la banque (contestation acceptée)',
};

/** A payment's status in words (`label`, the page's own), unless a dispute says better what became of the money. */
export const disputedPaymentLabel = (label: string, dispute: { outcome: string } | null | undefined): string =>
  dispute ? (DISPUTED_PAYMENT_LABELS[dispute.outcome] ?? label) : label;

/** Why the card holder's bank disputes a payment (Stripe's `reason`), in plain words. */
export const DISPUTE_REASON_LABELS: Record<string, string> = {
  fraudulent: 'paiement non reconnu par le titulaire de la carte',
  unrecognized: 'paiement non reconnu par le titulaire de la carte',
  product_not_received: 'marchandise déclarée non reçue',
  product_unacceptable: 'marchandise déclarée non conforme',
  duplicate: 'paiement déclaré en double',
  credit_not_processed: 'remboursement promis déclaré non reçu',
  subscription_canceled: 'abonnement déclaré résilié',
  general: 'motif non précisé',
};

/** What a dispute means for the buyer who paid, by its outcome: what happens next, and what to do. */
export const DISPUTE_BUYER_NEXT: Record<string, string> = {
  OPEN: 'Votre banque examine la contestation avec notre prestataire de paiement, Stripe, et vous informera de sa décision. Vous n’avez rien à faire sur Ancrage. Si vous reconnaissez finalement cet achat, dites-le à votre banque\u00a0: elle peut retirer la contestation.',
  WON: 'La banque a donné raison au vendeur\u00a0: le montant reste débité de votre carte. Pour une réclamation sur les produits, contactez le producteur.',
  LOST: 'Ce remboursement passe par votre banque\u00a0: Ancrage ne vous remboursera pas une seconde fois.',
};

/** What a dispute means for a producer paid by that card payment, by its outcome. */
export const DISPUTE_PRODUCER_NEXT: Record<string, string> = {
  OPEN: 'En attendant la décision de la banque, votre part du montant contesté vous est reprise (ou retenue, si elle ne vous était pas encore versée). Elle vous sera reversée si la contestation est rejetée.',
  WON: 'Votre part du montant contesté, reprise pendant l’examen, vous est reversée.',
  LOST: 'Votre part du montant contesté, reprise pendant l’examen, ne vous sera pas reversée.',
};

export const INVOICE_STATUS_LABELS: Record<string, string> = {
  ISSUED: 'À payer',
  PAID: 'Payée',
  OVERDUE: 'En retard de paiement',
  CANCELLED: 'Annulée',
};

/** How an invoice's payment reads wherever an invoice is shown (invoice cards, the order's invoice line). */
export interface InvoicePaymentStanding {
  /** The status in words. */
  label: string;
  /** Its style: the status's own, or `disputed` while the buyer's bank disputes the card payment or once it took it back. */
  tone: 'due' | 'overdue' | 'paid' | 'cancelled' | 'disputed' | 'other';
  /** The day it was paid, while it still is: none once the buyer's bank took the card payment back. */
  paidOn: string | null;
}

const INVOICE_STATUS_TONES: Record<string, InvoicePaymentStanding['tone']> = {
  ISSUED: 'due',
  OVERDUE: 'overdue',
  PAID: 'paid',
  CANCELLED: 'cancelled',
};

/**
 * An invoice's payment as the pages show it, from its status, the day it was paid and the dispute on the card payment
 * that paid it: issued paid by a card payment its buyer's bank disputes, it is not simply « Payée » (nor in green);
 * once the bank took the money back (a dispute lost), it says so and no longer « Payée le … » — not even once a
 * credit note cancelled it.
 */
export function invoicePaymentStanding(
  invoice: { status: string; paidOn?: string | null },
  dispute: { outcome: string } | null | undefined,
): InvoicePaymentStanding {
  const paidOn = dispute?.outcome === 'LOST' ? null : (invoice.paidOn ?? null);
  if (invoice.status !== 'PAID')
    return {
      label: INVOICE_STATUS_LABELS[invoice.status] ?? invoice.status,
      tone: INVOICE_STATUS_TONES[invoice.status] ?? 'other',
      paidOn,
    };
  return {
    label: disputedPaymentLabel(INVOICE_STATUS_LABELS.PAID, dispute),
    tone: dispute && dispute.outcome !== 'WON' ? 'disputed' : 'paid',
    paidOn,
  };
}

/** A delivery option as an order names it, its own label then its mode: "Retrait à la ferme (retrait chez le producteur)". */
export const deliveryOptionName = (option: { label: string; mode: string }): string =>
  `${option.label} (${(DELIVERY_MODE_LABELS[option.mode] ?? option.mode).toLowerCase()})`;

/**
 * A delivery option's terms in one line: mode, fee (`feeText`: on the buyer's basis, at its goods' VAT rates), minimum
 * order (of goods excluding VAT, as the API checks it), area.
 */
export function deliveryTerms(
  option: {
    mode: string;
    feeCents: number;
    minOrderCents: number;
    maxDistanceKm?: number | null;
  },
  feeText: (feeCents: number) => string,
): string {
  return [
    DELIVERY_MODE_LABELS[option.mode] ?? option.mode,
    option.feeCents ? feeText(option.feeCents) : 'gratuit',
    option.minOrderCents ? `dès ${euros(option.minOrderCents)} HT de commande` : 'sans minimum',
    option.maxDistanceKm != null && option.mode !== 'PICKUP' ? `jusqu’à ${km(option.maxDistanceKm)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

// — RSE report and brand pages (/pro/rse, /marque) —

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
const monthTickFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'Europe/Paris' });
const monthInitialFormat = new Intl.DateTimeFormat('fr-FR', { month: 'narrow', timeZone: 'Europe/Paris' });

/** Transport activity, mass × distance: "0,51 t·km". */
export const tonneKm = (value: number): string => `${twoDecimals.format(value)}\u00a0t·km`;

const monthOf = (yearMonth: string) => new Date(`${yearMonth}-15T12:00:00Z`);
/** A report's month (YYYY-MM): "décembre 2026"; on a chart's axis "déc.", or "D" where space is short. */
export const monthName = (yearMonth: string): string => monthFormat.format(monthOf(yearMonth));
export const monthTick = (yearMonth: string): string => monthTickFormat.format(monthOf(yearMonth));
export const monthInitial = (yearMonth: string): string => monthInitialFormat.format(monthOf(yearMonth)).toUpperCase();

/** A brand's territory by its departments, agreed in number: "département 23", "départements 23, 87". */
export const departments = (codes: readonly string[]): string =>
  `${codes.length > 1 ? 'départements' : 'département'} ${codes.join(', ')}`;

/** A count with its noun agreed in number: "1 fournisseur", "3 fournisseurs". */
export const countOf = (count: number, singular: string, plural = `${singular}s`): string =>
  `${count} ${count > 1 ? plural : singular}`;

/**
 * How many products a `ProductConnection.totalCount` says: the API counts exactly up to 1,000 and answers 1,001 for
 * "more than 1,000" (it stops counting there), which the pages say as such, never as a count of 1,001.
 */
export const PRODUCT_COUNT_CAP = 1000;
export const productTotal = (count: number): string =>
  count > PRODUCT_COUNT_CAP ? `plus de ${quantity(PRODUCT_COUNT_CAP)}` : String(count);
/** `countOf` for a product count: "1 produit", "12 produits", "plus de 1 000 produits". */
export const productCount = (count: number, singular = 'produit', plural = `${singular}s`): string =>
  count > PRODUCT_COUNT_CAP ? `${productTotal(count)} ${plural}` : countOf(count, singular, plural);

/** A brand's decision on an application or a label (ApprovalStatus). */
/** A brand's decision on a label (masculine in French: "le label"). */
export const LABEL_STATUS_LABELS: Record<string, string> = {
  PENDING: 'En attente',
  APPROVED: 'Accordé',
  REJECTED: 'Refusé',
  REVOKED: 'Retiré',
};

export const APPROVAL_STATUS_LABELS: Record<string, string> = {
  PENDING: 'En attente',
  APPROVED: 'Acceptée',
  REJECTED: 'Refusée',
  REVOKED: 'Retirée',
};
