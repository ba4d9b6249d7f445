import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  parse,
  print,
  Source,
  TokenKind,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { GRAPHQL_LIMITS, graphqlArmor } from '@app/platform';

/**
 * Every GraphQL document the pages send, checked against the API's schema and the limits the API enforces on each
 * request (depth, cost, aliases, tokens: RELIABILITY.md GQL-03…07). A page whose query the API refuses shows an error
 * where its content should be; this finds it before a browser does. The documents are read from the pages' sources,
 * each operation with the fragments it spreads, as gql.tada sends them (its client-only `@_unmask` removed).
 */

const ROOT = path.join(__dirname, '..', '..', '..');
const APP = path.join(ROOT, 'apps', 'web', 'app');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(spec|d)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The template literals passed to `graphql(…)` in a source file. */
function documentsIn(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/\bgraphql\(\s*`([^`]*)`/g)].map((match) => match[1]);
}

const withoutUnmask = (document: DocumentNode): DocumentNode =>
  visit(document, { Directive: (node) => (node.name.value === '_unmask' ? null : undefined) });

const definitions = sourceFiles(APP).flatMap((file) =>
  documentsIn(file).flatMap((text) =>
    withoutUnmask(parse(text)).definitions.map((definition) => ({ file: path.relative(ROOT, file), definition })),
  ),
);
const fragments = new Map<string, FragmentDefinitionNode>();
for (const { definition } of definitions)
  if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
const operations = definitions.filter(({ definition }) => definition.kind === Kind.OPERATION_DEFINITION);

/** The operation with every fragment it spreads, directly or through other fragments. */
function sentDocument(operation: DefinitionNode): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`Unknown fragment ${name}`);
        if (!needed.has(name)) {
          needed.set(name, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

const schema = buildSchema(readFileSync(path.join(ROOT, 'apps', 'api', 'schema.gql'), 'utf8'));
const { validationRules: limitRules } = graphqlArmor();

/** The tokens of a document as the API's parser counts them (its `maxTokens`). */
function tokensOf(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

describe("the pages' GraphQL documents", () => {
  it('are found in the sources: every page reads through them', () => {
    expect(operations.length).toBeGreaterThan(80);
    expect(fragments.size).toBeGreaterThan(5);
  });

  it.each(
    operations.map(({ file, definition }, index) => [(definition as OperationDefinitionNode).name?.value, file, index]),
  )('%s (%s) is valid and within the API’s limits', (_name, _file, index) => {
    const document = sentDocument(operations[index as number].definition);
    const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(tokensOf(print(document))).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxTokens);
  });
});
