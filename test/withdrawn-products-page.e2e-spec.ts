import { Product } from '@app/catalog';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';

const PAGE = `query ($p: ID!, $first: Int, $after: String) {
  withdrawnProductsPage(producerId: $p, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name active } }
  }
}`;
const LIST = 'query ($p: ID!, $first: Int) { withdrawnProducts(producerId: $p, first: $first) { id } }';
const RESTORE = 'mutation ($id: ID!) { restoreProduct(id: $id) { id active } }';
const WITHDRAW = 'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { id active } }';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string; active: boolean } }[];
}

describe.each<AppMode>(['embedded', 'production'])('withdrawn products, page after page (%s)', (mode) => {
  let running: RunningApp;
  let farmer: TestSession;
  let neighbour: TestSession;
  let producerId: string;
  let neighbourProducerId: string;
  /** The farm's withdrawn products, in the list's order: the most recently changed first, then by id (descending). */
  let expected: string[];

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(running.app, query, variables, session?.accessToken);
  const page = async (after: string | null, first = 5, session: TestSession = farmer, p = producerId) =>
    call<{ withdrawnProductsPage: Page }>(PAGE, { p, first, after }, session);
  /** Every page from the start, `first` at a time: the ids in the order they came. */
  const walk = async (first: number) => {
    const ids: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const answer = await page(after, first);
      expect(answer.errors).toBeUndefined();
      const { edges, pageInfo, totalCount } = answer.data!.withdrawnProductsPage;
      expect(totalCount).toBe(expected.length);
      ids.push(...edges.map((edge) => edge.node.id));
      after = pageInfo.endCursor;
      more = pageInfo.hasNextPage;
      if (more) expect(edges.at(-1)!.cursor).toBe(pageInfo.endCursor);
    }
    return ids;
  };

  beforeAll(async () => {
    running = await startApp(mode, `withdrawn-products-page-${mode}`);
    farmer = await registerUser(running.app, 'farmer');
    neighbour = await registerUser(running.app, 'neighbour');
    producerId = await producerAt(running.app, farmer, 'Ferme des Retraits', PLACES.gueret);
    neighbourProducerId = await producerAt(running.app, neighbour, 'Ferme voisine', PLACES.gueret);
    const withdraw = async (session: TestSession, p: string, name: string) => {
      const product = await createProduct(running.app, session, {
        producerId: p,
        name,
        category: 'FRESH_FRUITS',
        priceCents: 300,
      });
      expect((await call(WITHDRAW, { id: product.id }, session)).errors).toBeUndefined();
      return product.id;
    };
    const ids: string[] = [];
    for (let n = 1; n <= 12; n += 1) ids.push(await withdraw(farmer, producerId, `Retiré ${n}`));
    // The neighbour's withdrawn products, and the farm's one on sale, are never in the farm's list.
    for (let n = 1; n <= 3; n += 1) await withdraw(neighbour, neighbourProducerId, `Voisin ${n}`);
    await createProduct(running.app, farmer, {
      producerId,
      name: 'En vente',
      category: 'FRESH_FRUITS',
      priceCents: 300,
    });
    // Eight changed at the same instant (a bulk withdrawal): the id keeps them in place across pages.
    const em = running.em.fork();
    const same = new Date('2026-11-30T08:00:00.000Z');
    await em.nativeUpdate(Product, { id: { $in: ids.slice(0, 8) } }, { updatedAt: same });
    await em.nativeUpdate(Product, { id: ids[8] }, { updatedAt: new Date('2026-12-01T08:00:00.000Z') });
    await em.nativeUpdate(Product, { id: { $in: ids.slice(9) } }, { updatedAt: new Date('2026-11-01T08:00:00.000Z') });
    const tied = [...ids.slice(0, 8)].sort().reverse();
    const older = [...ids.slice(9)].sort().reverse();
    expect(ids.slice(9)).toHaveLength(3);
    expected = [ids[8], ...tied, ...older];
  }, 120_000);

  afterAll(() => running?.close());

  it('gives every withdrawn product once, in the order of withdrawnProducts, whatever the page size', async () => {
    for (const first of [1, 5, 7, 12, 100]) expect(await walk(first)).toEqual(expected);
    const list = await call<{ withdrawnProducts: { id: string }[] }>(LIST, { p: producerId, first: 100 }, farmer);
    expect(list.data!.withdrawnProducts.map((product) => product.id)).toEqual(expected);
    const last = await page(null, 12);
    expect(last.data!.withdrawnProductsPage.pageInfo.hasNextPage).toBe(false);
  });

  it('a product restored from page 2 leaves the list; the next page still starts where the last one ended', async () => {
    const first = (await page(null, 5)).data!.withdrawnProductsPage;
    const second = (await page(first.pageInfo.endCursor, 5)).data!.withdrawnProductsPage;
    expect(second.edges.map((edge) => edge.node.id)).toEqual(expected.slice(5, 10));
    const restored = second.edges[1].node.id;
    const answer = await call<{ restoreProduct: { active: boolean } }>(RESTORE, { id: restored }, farmer);
    expect(answer.data!.restoreProduct.active).toBe(true);
    // The same cursor again: page 2 without the restored product, the next one moves up.
    const again = (await page(first.pageInfo.endCursor, 5)).data!.withdrawnProductsPage;
    expect(again.totalCount).toBe(expected.length - 1);
    expect(again.edges.map((edge) => edge.node.id)).toEqual(expected.slice(5, 11).filter((id) => id !== restored));
    expected = expected.filter((id) => id !== restored);
    expect(await walk(4)).toEqual(expected);
  });

  it('refuses a cursor that is not one of a list (BAD_USER_INPUT on after) and a page size beyond 1 to 100', async () => {
    for (const after of ['pas-un-curseur', Buffer.from('hier|').toString('base64url'), '']) {
      const answer = await page(after);
      if (after === '') {
        // No cursor: the first page.
        expect(answer.data!.withdrawnProductsPage.edges[0].node.id).toBe(expected[0]);
        continue;
      }
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(answer.errors?.[0]?.message).toBe('This cursor does not come from this list.');
      expect(answer.data).toBeNull();
    }
    for (const first of [0, 101]) {
      const answer = await page(null, first);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('is its members’ only: the neighbour cannot read the farm’s, and its own never holds the farm’s', async () => {
    const farm = (await page(null, 100)).data!.withdrawnProductsPage;
    const cursor = farm.edges[2].cursor;
    const refused = await page(null, 5, neighbour);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(refused.errors?.[0]?.extensions?.code);
    expect(refused.data).toBeNull();
    expect((await page(cursor, 5, neighbour)).data).toBeNull();
    expect((await call(PAGE, { p: producerId, first: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The neighbour's own list, even from the farm's cursor, holds its three and nothing of the farm's.
    const own = (await page(null, 100, neighbour, neighbourProducerId)).data!.withdrawnProductsPage;
    expect(own.totalCount).toBe(3);
    expect(own.edges.map((edge) => edge.node.name).sort()).toEqual(['Voisin 1', 'Voisin 2', 'Voisin 3']);
    const fromFarmCursor = (await page(cursor, 100, neighbour, neighbourProducerId)).data!.withdrawnProductsPage;
    const farmIds = new Set(farm.edges.map((edge) => edge.node.id));
    expect(
      fromFarmCursor.edges.every((edge) => !farmIds.has(edge.node.id) && edge.node.name.startsWith('Voisin')),
    ).toBe(true);
    expect(farm.edges.every((edge) => edge.node.name.startsWith('Retiré') && !edge.node.active)).toBe(true);
  });
});
