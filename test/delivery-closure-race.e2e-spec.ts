import { randomUUID } from 'node:crypto';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { type Market, createDeliveryOption, createMarket } from './support/ordering-fixtures';
import { createDailyRound } from './support/round-fixtures';

/**
 * Closing a day races the orders placed on it (RELIABILITY: an order on a closed day). A closure and a checkout — or
 * a move of a part onto that day — fired at the same instant end one way or the other, never both: the order lands
 * and the closure is refused (ORDERS_PLACED), or the closure lands and the order is refused (CLOSED). Each round
 * fires closures and writes of one day at once (real GraphQL requests, each with its own EntityManager) and then
 * reads the database; the failures of every round are gathered, so a broken serialization shows how often it broke.
 */
const ROUNDS = 6;
const CLOSURES = 5;
const WRITES = 15;
/** How much later each round starts its closures than the one before (from 15 ms before the writes to 10 ms after). */
const STAGGER_MS = 5;
/** Rounds of 20 requests each (and, for the moves, 15 orders placed first) on a loaded machine. */
const RACE_TIMEOUT_MS = 180_000;
const POINT = { line1: '1 rue du Bourg', postalCode: '23000', city: 'Guéret', latitude: 46.17, longitude: 1.87 };

/**
 * What a closure that loses the race answers: the orders it found — or, having waited past the API's lock timeout
 * behind writes queued on the day's planned round (each holds the option's lock shared meanwhile), BUSY: nothing
 * changed, to be sent again.
 */
const CLOSE_REFUSALS = ['close: BAD_USER_INPUT ORDERS_PLACED on date', 'close: CONFLICT BUSY (retryable)'];

const CLOSE = 'mutation ($id: ID!, $date: Date!) { closeDeliveryDate(deliveryOptionId: $id, date: $date) { id } }';
const REOPEN = 'mutation ($id: ID!, $date: Date!) { reopenDeliveryDate(deliveryOptionId: $id, date: $date) { id } }';
const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { supplierOrders { id } } }';
const MOVE =
  'mutation ($id: ID!, $date: Date!) { changeDeliveryDate(supplierOrderId: $id, deliveryDate: $date) { id deliveryDate } }';

interface Answer {
  data?: unknown;
  errors?: { extensions: Record<string, unknown> }[];
}

/** What a refusal says, in one line. */
const refusalOf = (answer: Answer) => {
  const { code, reason, field, retryable } = answer.errors?.[0]?.extensions ?? {};
  return `${String(code)} ${String(reason)}${field ? ` on ${String(field)}` : ''}${retryable ? ' (retryable)' : ''}`;
};

describe.each(['production', 'embedded'] as const)('an order on a day being closed (%s)', (mode) => {
  let running: RunningApp;
  let market: Market;
  let van: { id: string; dates: string[] };
  let pickup: { id: string; dates: string[] };

  const call = (query: string, variables: Record<string, unknown>, token: string) =>
    graphql(running.app, query, variables, token) as Promise<Answer>;
  const close = (optionId: string, date: string) => call(CLOSE, { id: optionId, date }, market.farmer.accessToken);
  const order = (optionId: string, date: string) =>
    call(
      PLACE,
      {
        input: {
          paymentMethod: 'INVOICE',
          idempotencyKey: randomUUID(),
          buyerOrganizationId: market.restaurant,
          deliveryAddress: POINT,
          lines: [{ productId: market.products.carrots, quantity: 1 }],
          deliveries: [{ producerId: market.farm, deliveryOptionId: optionId, deliveryDate: date }],
        },
      },
      market.chef.accessToken,
    );
  // The producer moves its parts (a buyer's move reads more before the day's check: the same lock, a narrower race).
  const move = (partId: string, date: string) => call(MOVE, { id: partId, date }, market.farmer.accessToken);

  /** The option's closed days as stored (JSON text on SQLite). */
  const closedDatesOf = async (optionId: string): Promise<string[]> => {
    const [option] = await running.em
      .fork()
      .getConnection()
      .execute<{ closed_dates: string[] | string }[]>('select closed_dates from delivery_option where id = ?', [
        optionId,
      ]);
    return typeof option.closed_dates === 'string' ? JSON.parse(option.closed_dates) : option.closed_dates;
  };

  /** The day as stored: whether it is closed, and the farm's parts not cancelled on it. */
  const dayOf = async (optionId: string, date: string) => {
    const [{ count }] = await running.em
      .fork()
      .getConnection()
      .execute<{ count: number | string }[]>(
        "select count(*) as count from supplier_order where producer_id = ? and delivery_date = ? and status <> 'CANCELLED'",
        [market.farm, date],
      );
    return { closed: (await closedDatesOf(optionId)).includes(date), parts: Number(count) };
  };

  /**
   * Fires the closures and the writes of `date` at once (interleaved), then checks the day: what was broken, by the
   * database (a closed day with parts on it) and by the answers (a refusal with another code than the race's).
   */
  const race = async (
    optionId: string,
    date: string,
    writes: (() => Promise<Answer>)[],
    writeRefusal: string,
    closuresLater: number,
  ) => {
    const attempts: { kind: 'close' | 'write'; run: () => Promise<Answer> }[] = writes.map((run) => ({
      kind: 'write',
      run,
    }));
    for (let index = 0; index < CLOSURES; index++)
      attempts.splice(index * Math.floor(attempts.length / CLOSURES), 0, {
        kind: 'close',
        run: () => close(optionId, date),
      });
    // The closures start `closuresLater` ms after the writes (before them when negative): the rounds sweep the window
    // between a write's check of the day and its commit.
    const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const answers = await Promise.all(
      attempts.map(async ({ kind, run }) => {
        await after(kind === 'close' ? closuresLater : -closuresLater);
        return { kind, answer: await run() };
      }),
    );
    const day = await dayOf(optionId, date);
    const wrong = answers
      .filter(({ answer }) => answer.errors)
      .map(({ kind, answer }) => `${kind}: ${refusalOf(answer)}`)
      .filter((refusal) => !CLOSE_REFUSALS.includes(refusal) && refusal !== `write: ${writeRefusal}`);
    const written = answers.filter(({ kind, answer }) => kind === 'write' && !answer.errors).length;
    const closedOk = answers.filter(({ kind, answer }) => kind === 'close' && !answer.errors).length;
    return {
      broken: day.closed && day.parts > 0 ? [`${date}: closed with ${day.parts} parts on it (${written} written)`] : [],
      wrong,
      // Either the day closed and nothing was written on it, or writes landed and every closure was refused.
      outcome: closedOk > 0 ? (written === 0 ? 'closed' : 'both') : written > 0 ? 'written' : 'neither',
    };
  };

  beforeAll(async () => {
    running = await startApp(mode, `delivery-closure-race-${mode}`);
    market = await createMarket(running.app);
    // Many small invoice orders from one new buyer: above the platform's cap for new buyers.
    const terms = await graphql(
      running.app,
      'mutation ($p: ID!, $input: ProducerSalesTermsInput!) { updateProducerSalesTerms(producerId: $p, input: $input) { producerId } }',
      { p: market.farm, input: { newBuyerInvoiceCapCents: 100_000_000 } },
      market.farmer.accessToken,
    );
    expect(terms.errors).toBeUndefined();
    // The van joins a planned round (a transaction); the pickup is written in one statement on PostgreSQL.
    const round = await createDailyRound(running.app, market, 40);
    van = { id: round.optionId, dates: round.dates };
    const pickupId = await createDeliveryOption(running.app, market.farmer, {
      producerId: market.farm,
      mode: 'PICKUP',
      label: 'Retrait quotidien',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      cutoffHours: 0,
    });
    const dates = await graphql<{ nextDeliveryDates: string[] }>(
      running.app,
      'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 40) }',
      { id: pickupId },
    );
    pickup = { id: pickupId, dates: dates.data!.nextDeliveryDates };
  });

  afterAll(() => running?.close());

  /**
   * ROUNDS races, each of the day `setUp` answers for its round (and the writes onto it), the closures starting a
   * little later each round; then every failure of every round at once.
   */
  const raceRounds = async (
    setUp: (round: number) => Promise<{ optionId: string; date: string; writes: (() => Promise<Answer>)[] }>,
    writeRefusal: string,
  ) => {
    const broken: string[] = [];
    const wrong: string[] = [];
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { optionId, date, writes } = await setUp(round);
      const result = await race(optionId, date, writes, writeRefusal, (round - 3) * STAGGER_MS);
      broken.push(...result.broken);
      wrong.push(...result.wrong);
      outcomes.push(result.outcome);
    }
    expect({ broken, wrong }).toEqual({ broken: [], wrong: [] });
    expect(outcomes.every((outcome) => outcome === 'closed' || outcome === 'written')).toBe(true);
  };

  it.each([
    ['the van (a planned round)', () => van, 1],
    ['the pickup (one statement)', () => pickup, 10],
  ])(
    'checkouts and closures of one day at once, with %s: never an order on a closed day',
    (_name, option, first) =>
      raceRounds(async (round) => {
        const { id, dates } = option();
        const date = dates[first + round];
        return { optionId: id, date, writes: Array.from({ length: WRITES }, () => () => order(id, date)) };
      }, 'BAD_USER_INPUT CLOSED on deliveries[0].deliveryDate'),
    RACE_TIMEOUT_MS,
  );

  it('days closed and a day opened at once are all kept (none lost to another write of the closed days)', async () => {
    const [opened, ...closed] = pickup.dates.slice(20, 26);
    expect((await close(pickup.id, opened)).errors).toBeUndefined();
    const answers = await Promise.all([
      ...closed.map((date) => close(pickup.id, date)),
      call(REOPEN, { id: pickup.id, date: opened }, market.farmer.accessToken),
    ]);
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    const closedDates = await closedDatesOf(pickup.id);
    expect(closedDates).toEqual(expect.arrayContaining(closed));
    expect(closedDates).not.toContain(opened);
  });

  it(
    'moves onto a day and its closures at once: never a part on a closed day',
    () =>
      raceRounds(async (round) => {
        const [from, to] = [van.dates[20 + 2 * round], van.dates[21 + 2 * round]];
        const parts: string[] = [];
        for (let index = 0; index < WRITES; index++) {
          const placed = (await order(van.id, from)) as { data?: { placeOrder: { supplierOrders: { id: string }[] } } };
          parts.push(placed.data!.placeOrder.supplierOrders[0].id);
        }
        return { optionId: van.id, date: to, writes: parts.map((part) => () => move(part, to)) };
      }, 'BAD_USER_INPUT CLOSED on deliveryDate'),
    RACE_TIMEOUT_MS,
  );
});
