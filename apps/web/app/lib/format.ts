/** French formatting of every figure the pages show: euros, kilograms, kg CO₂e, kilometres, dates in Paris time. */
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const decimalFormat = (digits: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const oneDecimal = decimalFormat(1);
const twoDecimals = decimalFormat(2);
const quantityFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export const euros = (cents: number): string => euroFormat.format(cents / 100);
export const kg = (value: number): string => `${twoDecimals.format(value)} kg`;
export const kgCo2e = (value: number): string => `${twoDecimals.format(value)} kg CO₂e`;
export const km = (value: number): string => `${oneDecimal.format(value)} km`;
export const quantity = (value: number): string => quantityFormat.format(value);
export const percent = (share: number): string => `${oneDecimal.format(share * 100)} %`;
export const date = (iso: string): string => dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
export const dateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

const UNIT_LABELS: Record<string, [string, string]> = { KG: ['kg', 'kg'], PIECE: ['pièce', 'pièces'], LITRE: ['litre', 'litres'] };
export const unitLabel = (unit: string, amount = 1): string => (UNIT_LABELS[unit] ?? [unit, unit])[amount > 1 ? 1 : 0];
export const pricePerUnit = (cents: number, unit: string): string => `${euros(cents)} HT / ${unitLabel(unit)}`;

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

export const DELIVERY_MODE_LABELS: Record<string, string> = {
  PRODUCER_DELIVERY: 'Livraison par le producteur',
  PICKUP: 'Retrait chez le producteur',
  CARRIER: 'Transporteur',
};
