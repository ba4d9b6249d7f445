import { AppError } from '@app/platform';
import { normalizeName } from '@app/territory';
import { Certification, type PriceTier, ProductCategory, ProductUnit } from '../entities/product.entity';
import { toThousandths } from '../quantity';

/**
 * French VAT rates (CGI art. 278 ff., 296 for the overseas départements), in basis points: standard 20 %,
 * intermediate 10 %, reduced 5.5 %, particular 2.1 %, and 8.5 % in Guadeloupe, Martinique and La Réunion.
 */
export const FRENCH_VAT_RATES_BP = [210, 550, 850, 1000, 2000];
export const MAX_PRICE_TIERS = 10;

export interface ProductValues {
  name: string;
  description: string;
  category: ProductCategory;
  unit: ProductUnit;
  unitMassKg: number;
  priceCents: number;
  vatRate: number;
  b2bPriceTiers: { minQuantity: number; unitPriceCents: number }[];
  stock: number;
  minOrderQuantity: number;
  certifications: Certification[];
}

export function checkedCents(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw AppError.badInput(field, 'A price is a whole number of cents, zero or more.');
  return value;
}

export function vatRateBasisPoints(rate: number, field = 'vatRate'): number {
  const basisPoints = Math.round(rate * 10_000);
  if (Math.abs(rate * 10_000 - basisPoints) > 1e-6 || !FRENCH_VAT_RATES_BP.includes(basisPoints)) {
    throw AppError.badInput(
      field,
      `The VAT rate must be a French rate: ${FRENCH_VAT_RATES_BP.map((bp) => bp / 10_000).join(', ')}.`,
    );
  }
  return basisPoints;
}

export function checkedText(value: string, field: string, max: number, { allowEmpty = false } = {}): string {
  const text = value.trim();
  if ((!allowEmpty && !text) || text.length > max) {
    throw AppError.badInput(
      field,
      `The ${field} must have ${allowEmpty ? 'at most' : `between 1 and`} ${max} characters.`,
    );
  }
  return text;
}

/** A CIQUAL food code (3 to 6 digits, as ANSES and AGRIBALYSE publish them); empty clears it. */
export function checkedCiqualCode(value: string): string | null {
  const code = value.trim();
  if (code === '') return null;
  if (!/^\d{3,6}$/.test(code)) throw AppError.badInput('ciqualCode', 'A CIQUAL food code has 3 to 6 digits.');
  return code;
}

/** Mass of one unit with its packaging: 1 kg for a product sold by the kilo, else given and plausible. */
export function checkedUnitMass(unit: ProductUnit, unitMassKg: number | undefined | null): number {
  if (unit === ProductUnit.KG) {
    if (unitMassKg !== undefined && unitMassKg !== null && unitMassKg !== 1)
      throw AppError.badInput('unitMassKg', 'A product sold by the kilo weighs 1 kg per unit.');
    return 1;
  }
  if (
    unitMassKg === undefined ||
    unitMassKg === null ||
    !Number.isFinite(unitMassKg) ||
    unitMassKg <= 0 ||
    unitMassKg > 10_000
  ) {
    throw AppError.badInput('unitMassKg', 'Give the mass of one unit with its packaging, in kg (more than 0).');
  }
  return unitMassKg;
}

export function checkedTiers(unit: ProductUnit, tiers: { minQuantity: number; unitPriceCents: number }[]): PriceTier[] {
  if (tiers.length > MAX_PRICE_TIERS)
    throw AppError.badInput('b2bPriceTiers', `At most ${MAX_PRICE_TIERS} price tiers.`);
  const checked = tiers.map((tier, index) => ({
    minQuantityThousandths: toThousandths(tier.minQuantity, `b2bPriceTiers.${index}.minQuantity`, {
      allowZero: false,
      wholeUnits: unit === ProductUnit.PIECE,
    }),
    unitPriceCents: checkedCents(tier.unitPriceCents, `b2bPriceTiers.${index}.unitPriceCents`),
  }));
  checked.forEach((tier, index) => {
    if (index > 0 && tier.minQuantityThousandths <= checked[index - 1].minQuantityThousandths) {
      throw AppError.badInput(`b2bPriceTiers.${index}.minQuantity`, 'Price tiers go by increasing minimum quantity.');
    }
  });
  return checked;
}

/** What the search reads: name and description without case or accents. */
export function searchTextOf(name: string, description: string): string {
  return normalizeName(`${name} ${description}`);
}

export function checkedCertifications(values: Certification[]): Certification[] {
  return [...new Set(values)].sort();
}

export const CATEGORIES = Object.values(ProductCategory);
export const UNITS = Object.values(ProductUnit);
