import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  printSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<object>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];

/** One operation of one document, compiled or not compilable. */
type Compiled = CompiledQuery | 'uncompilable';

/**
 * Executes GraphQL operations with graphql-jit: an operation is compiled once into a JavaScript function of its
 * selection (no `collectFields` per object per request, no per-field bookkeeping of graphql-js) and kept as long as
 * Apollo keeps its parsed and validated DocumentNode (its document store, an LRU keyed by the document's hash, hands
 * back the same object on each request, so the compiled function is kept beside it in a WeakMap).
 *
 * Only what runs after Apollo's parsing and validation changes: the limits (depth, cost, aliases, tokens,
 * directives), the introspection rule, the plugins, the context and the error formatting all stay Apollo's.
 * graphql-js `execute` still answers:
 * - an operation graphql-jit cannot compile, and one that is not a query or a mutation;
 * - a request whose variables graphql-jit refuses — before any resolver ran — so that the error is graphql-js's own
 *   (its message and its variable node, from which Apollo derives BAD_USER_INPUT).
 * One difference is kept in mind: a field without a resolver is read as a property; graphql-js would call a method of
 * that name. No object our resolvers return has a method named as one of its GraphQL fields (getters read the same).
 */
export class CompiledExecutor {
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

  constructor(
    private readonly schema: GraphQLSchema,
    // graphql-jit's compiler, a parameter for the tests to count its calls.
    private readonly compile: typeof compileQuery = compileQuery,
  ) {}

  readonly execute: GatewayExecutor = async (requestContext: GatewayRequestContext) => {
    const { document, operation, context } = requestContext;
    const { variables, operationName } = requestContext.request;
    const query = operation ? this.compiledFor(document, operationName ?? '', operation.operation) : undefined;
    if (query) {
      const result = await query.query(undefined, context, variables);
      // Without `data`, the variables were refused and no resolver ran: graphql-js gives its own error below.
      if ('data' in result) return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
    }
    return (await execute({
      schema: this.schema,
      document,
      contextValue: context,
      variableValues: variables,
      operationName,
    })) as ExecutionResult;
  };

  /** The compiled operation, or undefined for graphql-js to execute it (see the class). */
  private compiledFor(document: DocumentNode, operationName: string, kind: string): CompiledQuery | undefined {
    let operations = this.compiled.get(document);
    if (!operations) this.compiled.set(document, (operations = new Map()));
    const known = operations.get(operationName);
    if (known !== undefined) return known === 'uncompilable' ? undefined : known;
    const compiled =
      kind === 'query' || kind === 'mutation'
        ? this.compile(this.schema, document, operationName || undefined)
        : undefined;
    const query = compiled && isCompiledQuery(compiled) ? compiled : undefined;
    operations.set(operationName, query ?? 'uncompilable');
    return query;
  }
}

/**
 * graphql-jit's error as graphql-js makes it (a resolver's error or a null in a non-null field): the same message,
 * locations, path, original error and extensions, in an object whose fields can be written — graphql-jit defines
 * them read-only, and Apollo's plugins rewrite a message (GraphQL Armor's field-suggestion blocking).
 */
export function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
  if (error.locations) (copy as { locations: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}

/**
 * Apollo Server 5 takes a custom executor only from a gateway: this one serves the schema it is given, unchanged,
 * and executes through {@link CompiledExecutor}.
 */
export function compiledExecutorGateway(schema: GraphQLSchema): Gateway {
  const listeners = new Set<Parameters<Gateway['onSchemaLoadOrUpdate']>[0]>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const schemaContext = { apiSchema: schema, coreSupergraphSdl: printSchema(schema) };
      for (const listener of listeners) listener(schemaContext);
      return { executor: new CompiledExecutor(schema).execute };
    },
    async stop() {
      listeners.clear();
    },
  };
}
