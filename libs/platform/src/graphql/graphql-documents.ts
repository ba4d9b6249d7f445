import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { GRAPHQL_LIMITS } from './graphql-armor';

/** An operation the lean route may execute: the client's document passed every rule Apollo applies, compiled. */
export interface AdmittedOperation {
  readonly document: DocumentNode;
  readonly query: CompiledQuery;
}

/** How many document texts are kept (the pages send a few hundred; a client inventing texts only evicts the oldest). */
const KEPT_DOCUMENTS = 1000;

/**
 * The documents the lean GraphQL route (lean-graphql-route.ts) executes itself, each parsed, validated and compiled
 * once and kept by its text. A document is admitted only when it passes everything Apollo would check before
 * executing — the token limit, graphql-js's rules, GraphQL Armor's validation rules and, in production, the ban on
 * introspection — and names one query or mutation. Anything else is not admitted and goes to Apollo, which
 * answers the client's mistake with its own error: nothing here writes an error about a document.
 */
export class GraphqlDocuments {
  /** By operation name and document text; the least recently used first. */
  private readonly kept = new Map<string, AdmittedOperation | 'not admitted'>();
  private readonly rules: readonly ValidationRule[];

  constructor(
    private readonly schema: GraphQLSchema,
    armorRules: readonly ValidationRule[],
    options: { introspection: boolean },
  ) {
    this.rules = [
      ...specifiedRules,
      ...armorRules,
      ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ];
  }

  /** The admitted operation `operationName` of the document `text`, or undefined for Apollo to answer. */
  admitted(text: string, operationName: string | undefined): AdmittedOperation | undefined {
    const key = `${operationName ?? ''}\n${text}`;
    let operation = this.kept.get(key);
    if (operation !== undefined) {
      this.kept.delete(key);
    } else {
      operation = this.admit(text, operationName) ?? 'not admitted';
      if (this.kept.size >= KEPT_DOCUMENTS) this.kept.delete(this.kept.keys().next().value as string);
    }
    this.kept.set(key, operation);
    return operation === 'not admitted' ? undefined : operation;
  }

  private admit(text: string, operationName: string | undefined): AdmittedOperation | undefined {
    let document: DocumentNode;
    try {
      // The same count as GraphQL Armor's token limit (every token but the end of the text).
      document = parse(text, { maxTokens: GRAPHQL_LIMITS.maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError) return undefined;
      throw error;
    }
    if (validate(this.schema, document, this.rules).length > 0) return undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation === 'subscription') return undefined;
    const query = compileQuery(this.schema, document, operationName);
    return isCompiledQuery(query) ? { document, query } : undefined;
  }
}
