import { randomUUID } from 'node:crypto';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const WITHDRAWN =
  'query ($p: ID!, $first: Int) { withdrawnProducts(producerId: $p, first: $first) { id name active } }';
const RESTORE = 'mutation ($id: ID!) { restoreProduct(id: $id) { id active available stock priceCents version } }';
const WITHDRAW = 'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { id active } }';
const CATALOG = 'query ($p: ID!) { products(filter: { producerId: $p }, first: 20) { edges { node { id } } } }';

describe('withdrawn products: listed for their producer, put back on sale (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let farmer: TestSession;
  let neighbour: TestSession;
  let producerId: string;
  let neighbourProducerId: string;

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(stack.api, query, variables, session?.accessToken);
  const onSale = async () =>
    (
      await call<{ products: { edges: { node: { id: string } }[] } }>(CATALOG, { p: producerId })
    ).data!.products.edges.map((edge) => edge.node.id);
  const withdrawnIds = async () =>
    (
      await call<{ withdrawnProducts: { id: string }[] }>(WITHDRAWN, { p: producerId }, farmer)
    ).data!.withdrawnProducts.map((product) => product.id);
  const productRow = async (id: string) =>
    (await stack.em.fork().execute('select active, version from product where id = ?', [id]))[0] as {
      active: boolean;
      version: number;
    };

  beforeAll(async () => {
    stack = await startProductionStack('product-withdrawal');
    farmer = await registerUser(stack.api, 'farmer');
    neighbour = await registerUser(stack.api, 'neighbour');
    producerId = await producerAt(stack.api, farmer, 'Ferme du Maupuy', PLACES.gueret);
    neighbourProducerId = await producerAt(stack.api, neighbour, 'Ferme voisine', PLACES.gueret);
  });

  afterAll(() => stack.close());

  it('a withdrawn product leaves the catalog, is listed for its producer, and comes back on sale as it was', async () => {
    const kept = await createProduct(stack.api, farmer, {
      producerId,
      name: 'Pommes',
      category: 'FRESH_FRUITS',
      priceCents: 300,
    });
    const old = await createProduct(stack.api, farmer, {
      producerId,
      name: 'Cidre brut',
      category: 'BEVERAGES',
      unit: 'LITRE',
      unitMassKg: 1.1,
      priceCents: 550,
      stock: 24,
    });
    await createProduct(stack.api, neighbour, {
      producerId: neighbourProducerId,
      name: 'Poires',
      category: 'FRESH_FRUITS',
      priceCents: 400,
    });
    expect((await call(WITHDRAW, { id: old.id }, farmer)).errors).toBeUndefined();

    expect(await onSale()).toEqual([kept.id]);
    expect(await withdrawnIds()).toEqual([old.id]);

    const restored = await call<{ restoreProduct: Record<string, unknown> }>(RESTORE, { id: old.id }, farmer);
    expect(restored.errors).toBeUndefined();
    expect(restored.data!.restoreProduct).toMatchObject({ active: true, available: true, stock: 24, priceCents: 550 });
    expect((await onSale()).sort()).toEqual([kept.id, old.id].sort());
    expect(await withdrawnIds()).toEqual([]);
  });

  it('refuses a product on sale (CONFLICT), an unknown one and another producer’s (NOT_FOUND), and changes nothing', async () => {
    const product = await createProduct(stack.api, farmer, {
      producerId,
      name: 'Noix',
      category: 'DRY_GROCERIES',
      priceCents: 900,
    });
    const before = await productRow(product.id);
    const onSaleAlready = await call(RESTORE, { id: product.id }, farmer);
    expect(onSaleAlready.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(onSaleAlready.errors?.[0]?.message).toBe(
      'This product is on sale: only a withdrawn product can be put back on sale.',
    );
    expect(await productRow(product.id)).toEqual(before);

    for (const id of [randomUUID(), 'not-an-id']) {
      const unknown = await call(RESTORE, { id }, farmer);
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    await call(WITHDRAW, { id: product.id }, farmer);
    const withdrawn = await productRow(product.id);
    const notYours = await call(RESTORE, { id: product.id }, neighbour);
    expect(notYours.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(notYours.data).toBeNull();
    expect(await productRow(product.id)).toEqual({ ...withdrawn, active: false });
    const anonymous = await call(RESTORE, { id: product.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await productRow(product.id)).toEqual(withdrawn);
  });

  it('lists withdrawn products to the producer’s members only, twenty at most unless asked, a hundred at most', async () => {
    const neighbours = await call(WITHDRAWN, { p: producerId }, neighbour);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(neighbours.errors?.[0]?.extensions?.code);
    expect(neighbours.data).toBeNull();
    expect((await call(WITHDRAWN, { p: producerId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const first of [0, 101, -1]) {
      const refused = await call(WITHDRAWN, { p: producerId, first }, farmer);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });
});
