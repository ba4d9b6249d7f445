import { randomUUID } from 'node:crypto';
import { type RunningApp, rowCounts, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { type TestSession, registerUser } from './support/identity-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { createDailyRound, placeFarmPart } from './support/round-fixtures';

/**
 * A producer closes a delivery day (holidays, a day off) and opens it again: a closed day is no longer offered nor
 * accepted (checkout, the cart quote), a day with orders placed is not closed, and every refusal changes nothing.
 */
const OPTION = 'id closedDates nextDeliveryDates(first: 3)';
const CLOSE = `mutation ($id: ID!, $date: Date!) { closeDeliveryDate(deliveryOptionId: $id, date: $date) { ${OPTION} } }`;
const REOPEN = `mutation ($id: ID!, $date: Date!) { reopenDeliveryDate(deliveryOptionId: $id, date: $date) { ${OPTION} } }`;

interface Option {
  id: string;
  closedDates: string[];
  nextDeliveryDates: string[];
}

describe.each(['production', 'embedded'] as const)('closing a delivery day (%s)', (mode) => {
  let running: RunningApp;
  let market: Market;
  let daily: string;
  let dates: string[];
  let stranger: TestSession;

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(running.app, query, variables, session?.accessToken);
  const close = (date: string, session: TestSession = market.farmer, id = daily) =>
    call<{ closeDeliveryDate: Option }>(CLOSE, { id, date }, session);
  const reopen = (date: string, session: TestSession = market.farmer) =>
    call<{ reopenDeliveryDate: Option }>(REOPEN, { id: daily, date }, session);
  const cart = (deliveryDate: string) => ({
    buyerOrganizationId: market.restaurant,
    deliveryAddress: { line1: '1 rue du Bourg', postalCode: '23000', city: 'Guéret', latitude: 46.17, longitude: 1.87 },
    lines: [{ productId: market.products.carrots, quantity: 5 }],
    deliveries: [{ producerId: market.farm, deliveryOptionId: daily, deliveryDate }],
  });

  beforeAll(async () => {
    running = await startApp(mode, `delivery-closures-${mode}`);
    market = await createMarket(running.app);
    stranger = await registerUser(running.app, 'stranger');
    ({ optionId: daily, dates } = await createDailyRound(running.app, market, 6));
  });

  afterAll(() => running?.close());

  it('a closed day is neither offered nor accepted, until it is opened again', async () => {
    const day = dates[1];
    const closed = await close(day);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeDeliveryDate.closedDates).toEqual([day]);
    expect(closed.data!.closeDeliveryDate.nextDeliveryDates).toEqual([dates[0], dates[2], dates[3]]);
    // Closing it again changes nothing.
    expect((await close(day)).data!.closeDeliveryDate.closedDates).toEqual([day]);

    const quote = await call<{ quoteCart: { producers: { problems: { code: string; message: string }[] }[] } }>(
      'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { problems { code message } } } }',
      { input: cart(day) },
      market.chef,
    );
    expect(quote.errors).toBeUndefined();
    expect(quote.data!.quoteCart.producers[0].problems).toContainEqual({
      code: 'DELIVERY_DATE',
      message: expect.stringContaining('a fermé ce jour-là'),
    });

    const orders = await rowCounts(running.em.fork(), ['supplier_order']);
    const placed = await call(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      { input: { ...cart(day), paymentMethod: 'INVOICE', idempotencyKey: randomUUID() } },
      market.chef,
    );
    expect(placed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'deliveries[0].deliveryDate',
    });
    expect(placed.errors?.[0].message).toContain('closed');
    expect(await rowCounts(running.em.fork(), ['supplier_order'])).toEqual(orders);

    const opened = await reopen(day);
    expect(opened.data!.reopenDeliveryDate).toMatchObject({ closedDates: [], nextDeliveryDates: dates.slice(0, 3) });
    expect((await reopen(day)).data!.reopenDeliveryDate.closedDates).toEqual([]);
  });

  describe('refusals change nothing', () => {
    let withOrder: string;
    const options = () => running.em.fork().getConnection().execute('select closed_dates from delivery_option');
    let before: unknown;

    beforeAll(async () => {
      withOrder = dates[4];
      await placeFarmPart(
        running.app,
        market,
        {
          point: {
            line1: '2 place de l’Église',
            postalCode: '23380',
            city: 'Ajain',
            latitude: 46.207,
            longitude: 2.008,
          },
          kg: 10,
          deliveryDate: withOrder,
          optionId: daily,
        },
        'id',
      );
      before = await options();
    });
    afterEach(async () => expect(await options()).toEqual(before));

    it('a day with an order placed: BAD_USER_INPUT on date, reason ORDERS_PLACED, with the count', async () => {
      const response = await close(withOrder);
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'date',
        reason: 'ORDERS_PLACED',
        orderCount: 1,
      });
    });

    it.each([
      ['a day past the horizon (not a delivery day)', () => '2099-01-01', 'deliver'],
      [
        'today, its orders closed',
        () => new Date(Date.parse(dates[0]) - 86_400_000).toISOString().slice(0, 10),
        'closed',
      ],
    ])('%s: BAD_USER_INPUT on date', async (_name, day, words) => {
      const response = await close(day());
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
      expect(response.errors?.[0].message).toContain(words);
    });

    it('a stranger, the buyer, an unknown option: NOT_FOUND; signed out: UNAUTHENTICATED', async () => {
      for (const session of [stranger, market.chef]) {
        expect((await close(dates[2], session)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
        expect((await reopen(dates[2], session)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
      expect((await close(dates[2], market.farmer, randomUUID())).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const anonymous = await call(CLOSE, { id: daily, date: dates[2] });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
