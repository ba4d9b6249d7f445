import fc from 'fast-check';

/**
 * Plain checks inside 10,000-run properties (jest's `expect` costs too much at that volume): a failure throws, and
 * fast-check reports the shrunk counterexample with this message.
 */
export function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  check(Object.is(actual, expected), () => `${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export function checkSafeNonNegative(value: number, what: string): void {
  check(Number.isSafeInteger(value) && value >= 0, () => `${what}: ${value} is not a safe integer ≥ 0`);
}

/** Order quantities in thousandths as they come: weights in kg, whole pieces or litres, and less than one unit. */
export const quantityThousandths = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }), // weights such as 1234 = 1.234 kg, up to 100 kg
  fc.integer({ min: 1, max: 500 }).map((pieces) => pieces * 1000), // whole pieces or litres
  fc.integer({ min: 1, max: 999 }), // under one unit: the rounding matters most
);
