import { orderingClosesAt } from '@app/catalog';
import { StandingOrderService } from '@app/ordering';
import { UnitOfWork } from '@app/platform';
import { graphql } from './support/graphql-client';
import { registerUser } from './support/identity-client';
import { type Market, createDeliveryOption, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

const FIELDS = `id name status weekdays startsOn endsOn buyerOrganization { id } lines { productId quantity product { name } }
  deliveries { producerId deliveryOptionId } nextOccurrences(first: 3) occurrences { deliveryDate status orderId reasonCode reason }`;
const CREATE = `mutation ($input: CreateStandingOrderInput!) { createStandingOrder(input: $input) { ${FIELDS} } }`;
const LIST = `query ($org: ID!) { standingOrders(organizationId: $org) { ${FIELDS} } }`;

interface StandingView {
  id: string;
  name: string;
  status: string;
  weekdays: number[];
  startsOn: string;
  endsOn: string | null;
  nextOccurrences: string[];
  occurrences: {
    deliveryDate: string;
    status: string;
    orderId: string | null;
    reasonCode: string | null;
    reason: string | null;
  }[];
}

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first Thursday at least `minDays` days from today (Paris). */
const thursdayFrom = (minDays: number) => {
  let day = addDays(parisToday(), minDays);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
  return day;
};

describe('Standing orders: set up, checked, placed once per date, skipped with a reason, paused and ended (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let thursdayVan: string;

  const create = (input: Record<string, unknown>, token = market.chef.accessToken) =>
    graphql<{ createStandingOrder: StandingView }>(stack.api, CREATE, { input }, token);
  const list = async () =>
    (
      await graphql<{ standingOrders: StandingView[] }>(
        stack.api,
        LIST,
        { org: market.restaurant },
        market.chef.accessToken,
      )
    ).data!.standingOrders;
  const carrotsOnThursdays = (extra: Record<string, unknown> = {}) => ({
    buyerOrganizationId: market.restaurant,
    name: 'Légumes du jeudi',
    lines: [{ productId: market.products.carrots, quantity: 12 }],
    deliveries: [{ producerId: market.farm, deliveryOptionId: thursdayVan }],
    weekdays: [4],
    startsOn: parisToday(),
    ...extra,
  });
  // As the StandingOrderRunner does: each run in a unit of work of its own.
  const placeDue = (now: Date) =>
    stack.api.get(UnitOfWork).run(() => stack.api.get(StandingOrderService).placeDue(now));
  /** An hour before orders for `day` close with the van's 24-hour cut-off: when the job places that date. */
  const dayBeforeCutoff = (day: string) => new Date(orderingClosesAt(day, 24).getTime() - 3_600_000);
  const ordersOf = async (standingId: string) =>
    stack.em
      .fork()
      .execute<{ id: string; delivery_date: string | null; status: string }[]>(
        `select o.id, s.delivery_date, s.status from customer_order o join supplier_order s on s.order_id = o.id where o.idempotency_key like ? order by s.delivery_date`,
        [`standing:${standingId}:%`],
      );

  beforeAll(async () => {
    stack = await startProductionStack('standing-orders');
    market = await createMarket(stack.api);
    thursdayVan = await createDeliveryOption(stack.api, market.farmer, {
      producerId: market.farm,
      mode: 'PRODUCER_DELIVERY',
      label: 'Tournée du jeudi',
      vehicleId: 'vul_diesel',
      maxDistanceKm: 80,
      feeCents: 500,
      minOrderCents: 2000,
      weekdays: [2, 4],
      cutoffHours: 24,
    });
  }, 120_000);

  afterAll(() => stack?.close());

  it('refuses a standing order that could not be placed, naming the field, and records nothing', async () => {
    const stranger = await registerUser(stack.api, 'stranger');
    const refusals: [Record<string, unknown>, string, string | undefined, string?][] = [
      [{ weekdays: [] }, 'BAD_USER_INPUT', 'weekdays'],
      [{ weekdays: [8] }, 'BAD_USER_INPUT', 'weekdays'],
      // The van goes out on Tuesdays and Thursdays only.
      [{ weekdays: [4, 5] }, 'BAD_USER_INPUT', 'weekdays'],
      [{ startsOn: addDays(parisToday(), -1) }, 'BAD_USER_INPUT', 'startsOn'],
      // Not a date: the Date scalar refuses it before the resolver.
      [{ startsOn: '2026-02-30' }, 'BAD_USER_INPUT', undefined],
      [{ endsOn: addDays(parisToday(), -1) }, 'BAD_USER_INPUT', 'endsOn'],
      [{ lines: [] }, 'BAD_USER_INPUT', 'lines'],
      [{ lines: [{ productId: market.products.carrots, quantity: 2 }] }, 'MINIMUM_NOT_MET', undefined],
      [
        { lines: [{ productId: '00000000-0000-4000-8000-000000000009', quantity: 12 }] },
        'NOT_FOUND',
        'lines[0].productId',
      ],
      [
        { deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.orchardVan }] },
        'BAD_USER_INPUT',
        'deliveries[0].deliveryOptionId',
      ],
      [{ buyerOrganizationId: market.farm }, 'BAD_USER_INPUT', 'buyerOrganizationId', market.farmer.accessToken],
      [{}, 'NOT_FOUND', undefined, stranger.accessToken],
    ];
    for (const [change, code, field, token] of refusals) {
      const response = await create(carrotsOnThursdays(change), token);
      expect({
        change,
        code: response.errors?.[0].extensions.code,
        field: response.errors?.[0].extensions.field,
      }).toEqual({ change, code, field });
    }
    expect(await list()).toEqual([]);
    expect(await stack.em.fork().execute('select count(*)::int as n from standing_order')).toEqual([{ n: 0 }]);
  });

  it('places each Thursday once, in the day before its orders close, however many runs race for it', async () => {
    const created = await create(carrotsOnThursdays());
    expect(created.errors).toBeUndefined();
    const standing = created.data!.createStandingOrder;
    expect(standing).toMatchObject({
      name: 'Légumes du jeudi',
      status: 'ACTIVE',
      weekdays: [4],
      endsOn: null,
      occurrences: [],
    });
    expect(standing.nextOccurrences.every((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === 4)).toBe(true);

    const thursday = thursdayFrom(3);
    // Two days before the cut-off: too early.
    expect(await placeDue(new Date(orderingClosesAt(thursday, 24).getTime() - 48 * 3_600_000))).toEqual({
      placed: 0,
      skipped: 0,
    });
    const runs = await Promise.all([
      placeDue(dayBeforeCutoff(thursday)),
      placeDue(dayBeforeCutoff(thursday)),
      placeDue(dayBeforeCutoff(thursday)),
    ]);
    expect(runs.reduce((sum, run) => sum + run.placed, 0)).toBe(1);
    // Run again the same day, and later: nothing more.
    expect(await placeDue(dayBeforeCutoff(thursday))).toEqual({ placed: 0, skipped: 0 });

    const orders = await ordersOf(standing.id);
    expect(orders).toEqual([{ id: expect.any(String), delivery_date: thursday, status: 'PLACED' }]);
    const [after] = await list();
    expect(after.occurrences).toEqual([
      { deliveryDate: thursday, status: 'PLACED', orderId: orders[0].id, reasonCode: null, reason: null },
    ]);
    // The order is the chef's, as if placed by hand: it is among its orders.
    const mine = await graphql<{ myOrders: { edges: { node: { id: string } }[] } }>(
      stack.api,
      '{ myOrders { edges { node { id } } } }',
      {},
      market.chef.accessToken,
    );
    expect(mine.data!.myOrders.edges.map((edge) => edge.node.id)).toContain(orders[0].id);
  });

  it('skips a date it cannot place, once, and tells the member why by e-mail', async () => {
    const [standing] = await list();
    const nextThursday = addDays(thursdayFrom(3), 7);
    await stack.em
      .fork()
      .execute('update product set stock_thousandths = 5000 where id = ?', [market.products.carrots]);
    try {
      expect(await placeDue(dayBeforeCutoff(nextThursday))).toEqual({ placed: 0, skipped: 1 });
      expect(await placeDue(dayBeforeCutoff(nextThursday))).toEqual({ placed: 0, skipped: 0 });
    } finally {
      await stack.em
        .fork()
        .execute('update product set stock_thousandths = 500000 where id = ?', [market.products.carrots]);
    }
    const [after] = await list();
    expect(after.occurrences[0]).toMatchObject({
      deliveryDate: nextThursday,
      status: 'SKIPPED',
      orderId: null,
      reasonCode: 'OUT_OF_STOCK',
      reason: expect.stringContaining('stock'),
    });
    expect(await ordersOf(standing.id)).toHaveLength(1);

    await stack.drainOutbox();
    const emails = await stack.em
      .fork()
      .execute<{ subject: string; text: string }[]>(
        "select subject, text from sent_email where recipient = ? and subject like 'Commande récurrente%'",
        [market.chef.user.email],
      );
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toContain('Légumes du jeudi');
    expect(emails[0].text).toContain('/pro/commandes-recurrentes');
    expect(emails[0].text).toContain('stock');
  });

  it('skips a day the producer closed, with the reason the buyer reads', async () => {
    const closedThursday = addDays(thursdayFrom(3), 28);
    const day = `mutation ($id: ID!, $date: Date!) { %s(deliveryOptionId: $id, date: $date) { closedDates } }`;
    const closing = await graphql(
      stack.api,
      day.replace('%s', 'closeDeliveryDate'),
      { id: thursdayVan, date: closedThursday },
      market.farmer.accessToken,
    );
    expect(closing.errors).toBeUndefined();
    try {
      expect(await placeDue(dayBeforeCutoff(closedThursday))).toEqual({ placed: 0, skipped: 1 });
    } finally {
      await graphql(
        stack.api,
        day.replace('%s', 'reopenDeliveryDate'),
        { id: thursdayVan, date: closedThursday },
        market.farmer.accessToken,
      );
    }
    expect((await list())[0].occurrences[0]).toMatchObject({
      deliveryDate: closedThursday,
      status: 'SKIPPED',
      orderId: null,
      reasonCode: 'BAD_USER_INPUT',
      reason: 'le producteur a fermé ce jour-là (congés, jour de repos)\u00a0: il n’y a pas de livraison',
    });
  });

  it('places nothing while paused, again once resumed, never once ended; refuses moves that make no sense', async () => {
    const [standing] = await list();
    const move = (operation: string, token = market.chef.accessToken) =>
      graphql<Record<string, { status: string }>>(
        stack.api,
        `mutation ($id: ID!) { ${operation}(id: $id) { status } }`,
        { id: standing.id },
        token,
      );
    const later = addDays(thursdayFrom(3), 14);

    expect((await move('pauseStandingOrder')).data).toEqual({ pauseStandingOrder: { status: 'PAUSED' } });
    expect((await move('pauseStandingOrder')).errors?.[0].extensions.code).toBe('INVALID_STATE_TRANSITION');
    expect(await placeDue(dayBeforeCutoff(later))).toEqual({ placed: 0, skipped: 0 });
    expect((await list())[0].nextOccurrences).toEqual([]);

    // Another organization's member cannot touch it.
    expect((await move('resumeStandingOrder', market.farmer.accessToken)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    expect((await list())[0].status).toBe('PAUSED');

    expect((await move('resumeStandingOrder')).data).toEqual({ resumeStandingOrder: { status: 'ACTIVE' } });
    expect(await placeDue(dayBeforeCutoff(later))).toEqual({ placed: 1, skipped: 0 });

    expect((await move('endStandingOrder')).data).toEqual({ endStandingOrder: { status: 'ENDED' } });
    expect((await move('resumeStandingOrder')).errors?.[0].extensions.code).toBe('INVALID_STATE_TRANSITION');
    expect(await placeDue(dayBeforeCutoff(addDays(later, 7)))).toEqual({ placed: 0, skipped: 0 });
    expect(await ordersOf(standing.id)).toHaveLength(2);
  });
});
