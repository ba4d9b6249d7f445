import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
} from 'graphql';

/**
 * The cross-tenant matrix (RELIABILITY.md AUTH-09) is generated from the schema: every query or mutation that takes
 * an ID, anywhere in its arguments, is called with another tenant's ID. This file finds those ID "slots" and builds
 * a call for any of them; the test says which object of a tenant each slot names.
 */
export interface IdSlot {
  /** `organization.id`, `placeOrder.input.lines.productId`: the operation, then the path to the ID. */
  key: string;
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  path: string[];
}

function slotsInType(type: GraphQLInputType, path: string[], seen: Set<string>): string[][] {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID' ? [path] : [];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const nextSeen = new Set(seen).add(named.name);
  return Object.values(named.getFields()).flatMap((inner) => slotsInType(inner.type, [...path, inner.name], nextSeen));
}

export function idSlotsOf(schema: GraphQLSchema): IdSlot[] {
  const slots: IdSlot[] = [];
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      for (const arg of field.args) {
        for (const path of slotsInType(arg.type, [arg.name], new Set())) {
          slots.push({ key: [field.name, ...path].join('.'), operation, field, path });
        }
      }
    }
  }
  return slots;
}

/** A value the type accepts, with every ID slot filled by `idAt(path)`; optional fields are left out unless they hold an ID. */
function sampleValue(
  type: GraphQLInputType,
  path: string[],
  idAt: (path: string[]) => string,
  required: boolean,
): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    const item = sampleValue(nullable.ofType, path, idAt, true);
    return item === undefined ? [] : [item];
  }
  const named = nullable as GraphQLNamedType;
  if (isScalarType(named)) {
    if (named.name === 'ID') return idAt(path);
    if (!required) return undefined;
    return (
      ({ Int: 1, Float: 1, Boolean: false, Cents: 100, Date: '2026-01-15' } as Record<string, unknown>)[named.name] ??
      'sample'
    );
  }
  if (isEnumType(named)) return required ? named.getValues()[0].value : undefined;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const inner of Object.values(named.getFields())) {
      const innerValue = sampleValue(inner.type, [...path, inner.name], idAt, isNonNullType(inner.type));
      if (innerValue !== undefined) value[inner.name] = innerValue;
    }
    const holdsId = slotsInType(named, path, new Set()).length > 0;
    return required || holdsId ? value : undefined;
  }
  return undefined;
}

/** The GraphQL document and variables calling the slot's operation with `idAt` for each ID it takes. */
export function callFor(
  slot: IdSlot,
  idAt: (path: string[]) => string,
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of slot.field.args as readonly GraphQLArgument[]) {
    const value = sampleValue(arg.type, [arg.name], idAt, isNonNullType(arg.type));
    if (value === undefined) continue;
    variables[arg.name] = value;
    declarations.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = isObjectType(getNamedType(slot.field.type)) ? ' { __typename }' : '';
  const query = `${slot.operation} Matrix${declarations.length ? `(${declarations.join(', ')})` : ''} { ${slot.field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}
