import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createMarket, type Market } from './support/ordering-fixtures';
import { createDailyRound, moveFarmPart, placeFarmPart } from './support/round-fixtures';

const DELIVERED = `query ($p: ID!, $since: DateTime, $first: Int, $after: String) {
  supplierOrders(producerId: $p, status: DELIVERED, deliveredSince: $since, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id deliveredAt } }
  }
}`;

interface Listed {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; deliveredAt: string } }[];
}

const POINT = { line1: '2 place de l’Église', postalCode: '23380', city: 'Ajain', latitude: 46.207, longitude: 2.008 };
const DAY = 86_400_000;

describe.each<AppMode>(['embedded', 'production'])(
  'supplierOrders(deliveredSince): the parts delivered since an instant, paged whole (%s)',
  (mode) => {
    let running: RunningApp;
    let market: Market;
    let stranger: TestSession;
    /** Delivered today, oldest first. */
    let recent: string[];
    /** Delivered 20 days ago (its deliveredAt moved back). */
    let old: string;
    let placedOnly: string;

    const list = (variables: Record<string, unknown>, session: TestSession = market.farmer) =>
      graphql<{ supplierOrders: Listed }>(
        running.app,
        DELIVERED,
        { p: market.farm, ...variables },
        session.accessToken,
      );
    const ids = (listed: Listed) => listed.edges.map((edge) => edge.node.id);

    beforeAll(async () => {
      running = await startApp(mode, `delivered-since-${mode}`);
      market = await createMarket(running.app);
      stranger = await registerUser(running.app, 'stranger');
      const { optionId, dates } = await createDailyRound(running.app, market, 2);
      const place = async () =>
        (
          await placeFarmPart<{ id: string }>(
            running.app,
            market,
            { point: POINT, kg: 2, deliveryDate: dates[0], optionId },
            'id',
          )
        ).id;
      const parts = [await place(), await place(), await place(), await place()];
      for (const id of parts.slice(0, 3))
        for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED'])
          expect((await moveFarmPart(running.app, market, id, status)).errors).toBeUndefined();
      [old, ...recent] = parts.slice(0, 3);
      placedOnly = parts[3];
      await running.em
        .fork()
        .execute('update supplier_order set delivered_at = ? where id = ?', [new Date(Date.now() - 20 * DAY), old]);
    }, 120_000);

    afterAll(() => running?.close());

    it('keeps the parts delivered at or after the instant, newest first, and pages them with after', async () => {
      const all = (await list({ first: 20 })).data!.supplierOrders;
      expect(all.totalCount).toBe(3);
      const since = new Date(Date.now() - 10 * DAY).toISOString();
      const lately = (await list({ since, first: 20 })).data!.supplierOrders;
      expect(lately.totalCount).toBe(2);
      expect(ids(lately)).toEqual([...recent].reverse());
      expect(ids(lately)).not.toContain(placedOnly);
      // One at a time: the second page from the first's end, then no more.
      const first = (await list({ since, first: 1 })).data!.supplierOrders;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await list({ since, first: 1, after: first.pageInfo.endCursor })).data!.supplierOrders;
      expect([...ids(first), ...ids(second)]).toEqual(ids(lately));
      expect(second.pageInfo.hasNextPage).toBe(false);
      // The old one from 25 days back; none from tomorrow.
      const longer = (await list({ since: new Date(Date.now() - 25 * DAY).toISOString() })).data!.supplierOrders;
      expect(ids(longer)).toEqual(ids(all));
      expect(ids(longer)).toContain(old);
      const tomorrow = (await list({ since: new Date(Date.now() + DAY).toISOString() })).data!.supplierOrders;
      expect(tomorrow).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it('refuses an instant that is not one, and another organization’s member', async () => {
      const malformed = await list({ since: 'hier' });
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveredSince' });
      expect(malformed.data ?? null).toBeNull();
      const since = new Date(Date.now() - 10 * DAY).toISOString();
      for (const session of [stranger, market.orchardist]) {
        const refused = await list({ since }, session);
        expect(['NOT_FOUND', 'FORBIDDEN']).toContain(refused.errors?.[0].extensions.code);
        expect(refused.data).toBeNull();
      }
    });
  },
);
