import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function asCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('Cents must be a whole number of euro cents.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** Integer euro cents, a JSON number (safe integer): money is never a float (PRODUCT.md §2). */
export const CentsScalar = new GraphQLScalarType({
  name: 'Cents',
  description: 'Integer euro cents, excluding VAT unless the field says otherwise.',
  serialize: asCents,
  parseValue: asCents,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT)
      throw new GraphQLError('Cents must be a whole number of euro cents.', { extensions: { code: 'BAD_USER_INPUT' } });
    return asCents(Number(ast.value));
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function asDate(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new GraphQLError('A date is written YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** A calendar date, YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: asDate,
  parseValue: asDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('A date is written YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT' } });
    return asDate(ast.value);
  },
});
