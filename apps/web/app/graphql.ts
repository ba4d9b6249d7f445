import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/** GraphQL documents typed from apps/api/schema.gql (`npm run web:types` regenerates graphql-env.d.ts). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Cents: number; Date: string; DateTime: string; ID: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
