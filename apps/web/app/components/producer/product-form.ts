import type { FormError } from '../../lib/api-error';
import { centsOfEuros, eurosText, quantityOf, quantityText } from '../../lib/product-input';

/**
 * The product form as typed: every field a string, so that what the producer typed comes back as it was when the
 * API refuses it. Errors name the API's own fields (`priceCents`, `b2bPriceTiers.0.unitPriceCents`…), whether they
 * come from the API or from reading the text here, so one `FieldError` per input shows both.
 */
export interface ProductFormValues {
  name: string;
  description: string;
  category: string;
  unit: string;
  unitMassKg: string;
  price: string;
  vatRate: string;
  stock: string;
  minOrderQuantity: string;
  tiers: { minQuantity: string; unitPrice: string }[];
  certifications: string[];
  ciqualCode: string;
}

/** The VAT rates the API accepts (libs/catalog product-rules: CGI art. 278 ff. and 296), in the form's words. */
export const VAT_RATE_OPTIONS = [
  { value: '0.055', label: '5,5 % — taux réduit (alimentation)' },
  { value: '0.1', label: '10 % — taux intermédiaire' },
  { value: '0.2', label: '20 % — taux normal (boissons alcoolisées, non alimentaire)' },
  { value: '0.021', label: '2,1 % — taux particulier' },
  { value: '0.085', label: '8,5 % — Guadeloupe, Martinique, La Réunion' },
] as const;

export const UNITS = ['KG', 'PIECE', 'LITRE'] as const;
export const UNIT_OPTION_LABELS: Record<string, string> = {
  KG: 'Au kilo (kg)',
  PIECE: 'À la pièce',
  LITRE: 'Au litre',
};

/** Rows of B2B price tiers a form shows at least (the empty ones are left out). */
export const MIN_TIER_ROWS = 3;

export const EMPTY_PRODUCT: ProductFormValues = {
  name: '',
  description: '',
  category: '',
  unit: 'KG',
  unitMassKg: '',
  price: '',
  vatRate: '0.055',
  stock: '',
  minOrderQuantity: '',
  tiers: [],
  certifications: [],
  ciqualCode: '',
};

export interface ProductData {
  name: string;
  description: string;
  category: string;
  unit: string;
  unitMassKg: number;
  priceCents: number;
  vatRate: number;
  stock: number;
  minOrderQuantity: number;
  b2bPriceTiers: { minQuantity: number; unitPriceCents: number }[];
  certifications: string[];
  ciqualCode: string | null;
}

export function valuesOfProduct(product: ProductData): ProductFormValues {
  return {
    name: product.name,
    description: product.description,
    category: product.category,
    unit: product.unit,
    unitMassKg: quantityText(product.unitMassKg),
    price: eurosText(product.priceCents),
    vatRate: String(product.vatRate),
    stock: quantityText(product.stock),
    minOrderQuantity: product.minOrderQuantity ? quantityText(product.minOrderQuantity) : '',
    tiers: product.b2bPriceTiers.map((tier) => ({
      minQuantity: quantityText(tier.minQuantity),
      unitPrice: eurosText(tier.unitPriceCents),
    })),
    certifications: product.certifications,
    ciqualCode: product.ciqualCode ?? '',
  };
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '');

export function valuesOfForm(form: FormData): ProductFormValues {
  const tiers = form.getAll('tierMinQuantity').map((minQuantity, index) => ({
    minQuantity: String(minQuantity),
    unitPrice: String(form.getAll('tierUnitPrice')[index] ?? ''),
  }));
  return {
    name: text(form, 'name'),
    description: text(form, 'description'),
    category: text(form, 'category'),
    unit: text(form, 'unit'),
    unitMassKg: text(form, 'unitMassKg'),
    price: text(form, 'price'),
    vatRate: text(form, 'vatRate'),
    stock: text(form, 'stock'),
    minOrderQuantity: text(form, 'minOrderQuantity'),
    tiers: tiers.filter((tier) => tier.minQuantity.trim() !== '' || tier.unitPrice.trim() !== ''),
    certifications: form.getAll('certifications').map(String),
    ciqualCode: text(form, 'ciqualCode'),
  };
}

/** What createProduct and updateProduct share (producerId, unit and expectedVersion are added by the page). */
export interface ProductInput {
  name: string;
  description: string;
  category: string;
  unitMassKg?: number;
  priceCents: number;
  vatRate: number;
  stock: number;
  minOrderQuantity: number;
  b2bPriceTiers: { minQuantity: number; unitPriceCents: number }[];
  certifications: string[];
  ciqualCode: string;
}

const AMOUNT = 'Saisissez un montant en euros, par exemple 2,20 (deux décimales au plus).';
const QUANTITY = 'Saisissez un nombre, par exemple 12 ou 12,5.';
const refused = (field: string, message: string): { error: FormError } => ({
  error: { message, code: 'BAD_USER_INPUT', field },
});

/**
 * The API's input from the typed values, or the first text that is no number (with the field the API would name).
 * What is a number but breaks a rule (a negative price, too many decimals) goes to the API, which says why.
 */
export function productInputOf(values: ProductFormValues): { input: ProductInput } | { error: FormError } {
  if (!values.category) return refused('category', 'Choisissez une catégorie.');
  const priceCents = centsOfEuros(values.price);
  if (priceCents === null) return refused('priceCents', AMOUNT);
  const stock = quantityOf(values.stock);
  if (stock === null) return refused('stock', QUANTITY);
  const minOrderQuantity = values.minOrderQuantity.trim() === '' ? 0 : quantityOf(values.minOrderQuantity);
  if (minOrderQuantity === null) return refused('minOrderQuantity', QUANTITY);
  const unitMassKg = values.unitMassKg.trim() === '' ? undefined : quantityOf(values.unitMassKg);
  if (unitMassKg === null) return refused('unitMassKg', 'Saisissez une masse en kg, par exemple 0,5.');
  const b2bPriceTiers: ProductInput['b2bPriceTiers'] = [];
  for (const [index, tier] of values.tiers.entries()) {
    const minQuantity = quantityOf(tier.minQuantity);
    if (minQuantity === null)
      return refused(
        `b2bPriceTiers.${index}.minQuantity`,
        `Indiquez à partir de quelle quantité ce prix s’applique. ${QUANTITY}`,
      );
    const unitPriceCents = centsOfEuros(tier.unitPrice);
    if (unitPriceCents === null) return refused(`b2bPriceTiers.${index}.unitPriceCents`, AMOUNT);
    b2bPriceTiers.push({ minQuantity, unitPriceCents });
  }
  return {
    input: {
      name: values.name,
      description: values.description,
      category: values.category,
      unitMassKg,
      priceCents,
      vatRate: Number(values.vatRate),
      stock,
      minOrderQuantity,
      b2bPriceTiers,
      certifications: values.certifications,
      ciqualCode: values.ciqualCode.trim(),
    },
  };
}

/** The tier rows a form shows: the tiers typed, then empty rows up to `MIN_TIER_ROWS` and at least one more. */
export const tierRowsOf = (tiers: ProductFormValues['tiers'], extra = 0): ProductFormValues['tiers'] => [
  ...tiers,
  ...Array.from({ length: Math.max(MIN_TIER_ROWS - tiers.length, 1) + extra }, () => ({
    minQuantity: '',
    unitPrice: '',
  })),
];
