/**
 * Raised for inputs the method cannot honestly compute (a mass of zero, an unknown vehicle…). A footprint of zero
 * would look like a real, excellent result, so the method refuses instead. `field` names the offending input
 * (for example `lines[2].massKg`) so that an API can point at it.
 */
export class CarbonInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'CarbonInputError';
    this.field = field;
  }
}
