import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  parse,
} from 'graphql';
import { compileQuery } from 'graphql-jit';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import { CompiledExecutor } from './compiled-executor';

interface Farm {
  id: string;
  name: string | null;
}

const farm = new GraphQLObjectType<Farm, { caller: string }>({
  name: 'Farm',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    greeting: { type: GraphQLString, resolve: (source, _args, context) => `${context.caller} visits ${source.id}` },
    refusal: {
      type: GraphQLString,
      resolve: () => {
        throw new AppError(ErrorCode.FORBIDDEN, 'Members only.');
      },
    },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      farms: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(farm))),
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: async (_source, { first }: { first: number }) =>
          [
            { id: 'f1', name: 'Les Prés' },
            { id: 'f2', name: 'La Combe' },
            { id: 'f3', name: null },
          ].slice(0, first),
      },
    },
  }),
});

function requestOf(document: DocumentNode, variables: Record<string, unknown>, operationName?: string) {
  return {
    document,
    operation: getOperationAST(document, operationName) ?? undefined,
    context: { caller: 'Anne' },
    request: { variables, operationName },
  } as unknown as Parameters<CompiledExecutor['execute']>[0];
}

/** graphql-js's answer to the same request: what the API answered before graphql-jit. */
async function graphqlJs(document: DocumentNode, variables: Record<string, unknown>, operationName?: string) {
  return (await execute({
    schema,
    document,
    contextValue: { caller: 'Anne' },
    variableValues: variables,
    operationName,
  })) as ExecutionResult;
}

const asJson = (result: ExecutionResult) => JSON.parse(JSON.stringify(result)) as unknown;

describe('CompiledExecutor', () => {
  const FARMS = parse(`
    query Farms($first: Int!) { farms(first: $first) { ...Names greeting kind: __typename } }
    query Refusal { farms(first: 1) { id refusal } }
    fragment Names on Farm { id name }
  `);

  it('answers as graphql-js does, each operation of a document compiled once', async () => {
    const compile = jest.fn(compileQuery);
    const executor = new CompiledExecutor(schema, compile as unknown as typeof compileQuery);
    const request = requestOf(FARMS, { first: 2 }, 'Farms');
    const first = await executor.execute(request);
    const second = await executor.execute(request);
    expect(first).toEqual({
      data: {
        farms: [
          { id: 'f1', name: 'Les Prés', greeting: 'Anne visits f1', kind: 'Farm' },
          { id: 'f2', name: 'La Combe', greeting: 'Anne visits f2', kind: 'Farm' },
        ],
      },
    });
    expect(asJson(second)).toEqual(asJson(await graphqlJs(FARMS, { first: 2 }, 'Farms')));
    expect(compile).toHaveBeenCalledTimes(1);
    await executor.execute(requestOf(FARMS, {}, 'Refusal'));
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("gives a resolver's error as graphql-js does, with its original error and a message that can be rewritten", async () => {
    const result = await new CompiledExecutor(schema).execute(requestOf(FARMS, {}, 'Refusal'));
    const expected = await graphqlJs(FARMS, {}, 'Refusal');
    expect(asJson(result)).toEqual(asJson(expected));
    const [error] = result.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).originalError).toBeInstanceOf(AppError);
    // GraphQL Armor's field-suggestion blocking rewrites the message of every error.
    (error as { message: string }).message = 'rewritten';
    expect(error.message).toBe('rewritten');
  });

  it('nulls the list of a null in a non-null field as graphql-js does', async () => {
    const result = await new CompiledExecutor(schema).execute(requestOf(FARMS, { first: 3 }, 'Farms'));
    expect(result.data).toBeNull();
    expect(asJson(result)).toEqual(asJson(await graphqlJs(FARMS, { first: 3 }, 'Farms')));
  });

  it("refuses bad variables with graphql-js's error, on the variable's node (Apollo's BAD_USER_INPUT)", async () => {
    const result = await new CompiledExecutor(schema).execute(requestOf(FARMS, { first: 'two' }, 'Farms'));
    const expected = await graphqlJs(FARMS, { first: 'two' }, 'Farms');
    expect(result).toEqual(expected);
    expect(result.errors?.[0].nodes?.[0].kind).toBe(Kind.VARIABLE_DEFINITION);
  });

  it('leaves to graphql-js an operation that is not in the document', async () => {
    const compile = jest.fn(compileQuery);
    const result = await new CompiledExecutor(schema, compile as unknown as typeof compileQuery).execute(
      requestOf(FARMS, {}, 'Missing'),
    );
    expect(result).toEqual(await graphqlJs(FARMS, {}, 'Missing'));
    expect(compile).not.toHaveBeenCalled();
  });
});
