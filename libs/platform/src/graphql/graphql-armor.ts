import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one document may ask (RELIABILITY.md GQL-03…07): an unprotected server falls to one small nested
 * query. The numbers fit the schema: the deepest operation of the product (an order with its parts, lines, products
 * and their producers) stays under depth 8, and lists are capped at 100 items by their `first` arguments.
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 8,
  maxAliases: 10,
  maxCost: 5000,
  maxTokens: 2000,
  maxDirectives: 50,
} as const;

export function graphqlArmor() {
  return new ApolloArmor({
    // A fragment weighs what its fields weigh written inline (the pages select through shared fragments): left
    // unflattened, every spread added a level of depth and of the cost's depth factor, and a page's query went over.
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, flattenFragments: true },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
