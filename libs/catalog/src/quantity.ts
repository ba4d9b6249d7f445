import { AppError } from '@app/platform';

/**
 * Quantities (stock, order quantities, tier thresholds) have at most 3 decimals (grams of a kilo, millilitres of a
 * litre). They are stored as whole thousandths, so that adding and taking stock never drifts.
 */
export const THOUSANDTHS = 1000;

export function toThousandths(value: number, field: string, { allowZero = true, wholeUnits = false } = {}): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw AppError.badInput(
      field,
      allowZero ? 'The quantity must be zero or more.' : 'The quantity must be more than zero.',
    );
  }
  const thousandths = Math.round(value * THOUSANDTHS);
  if (Math.abs(value * THOUSANDTHS - thousandths) > 1e-6 || !Number.isSafeInteger(thousandths)) {
    throw AppError.badInput(field, 'A quantity has at most 3 decimals.');
  }
  if (wholeUnits && thousandths % THOUSANDTHS !== 0)
    throw AppError.badInput(field, 'Pieces are counted in whole numbers.');
  return thousandths;
}

export const fromThousandths = (thousandths: number): number => thousandths / THOUSANDTHS;
