import { randomUUID } from 'node:crypto';
import { greatCircleKm } from '@app/carbon';
import { type RunningApp, rowCounts, startApp } from './support/app-modes';
import { PLACES } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { type TestSession, registerUser } from './support/identity-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { createDailyRound, farmParts, moveFarmPart, placeFarmPart } from './support/round-fixtures';

/**
 * `changeDeliveryDate` (PRODUCT.md §7 "Deliveries happen on days", CARBON-METHOD §7.3): a part moves to another open
 * day of its option; the round it leaves and the round it joins are re-allocated by hand-checked figures, earlier
 * estimates kept; every refusal changes nothing. And quoteCart estimates a chosen day inside its planned round, as
 * the pooling-day panel does.
 */
const EF_VAN = 0.5072; // vul_diesel kgCO2e/vkm (0.160 L/km × 3.17), emission-factors.json
const ROAD = 1.3 * 1.05; // circuity × DAF
const PART = `id status deliveryDate carbon { emissionsKgCo2e deliveryPath allocationShare roundOrders roundVkm }
  footprintHistory { reason carbon { emissionsKgCo2e } }`;
const CHANGE = `mutation ($id: ID!, $date: Date!) { changeDeliveryDate(supplierOrderId: $id, deliveryDate: $date) { ${PART} } }`;

interface Part {
  id: string;
  status: string;
  deliveryDate: string | null;
  carbon: {
    emissionsKgCo2e: number;
    deliveryPath: string;
    allocationShare: number;
    roundOrders: number | null;
    roundVkm: number | null;
  };
  footprintHistory: { reason: string; carbon: { emissionsKgCo2e: number } }[];
}

/** Around the farm in Guéret: Ajain to the north-east, Saint-Vaury to the north-west. */
const AJAIN = { line1: '2 place de l’Église', postalCode: '23380', city: 'Ajain', latitude: 46.207, longitude: 2.008 };
const VAURY = { line1: '1 rue du Bourg', postalCode: '23320', city: 'Saint-Vaury', latitude: 46.204, longitude: 1.756 };
type Point = typeof AJAIN;

/** The test in either mode: PostgreSQL with its advisory locks, and the embedded SQLite file. */
describe.each(['production', 'embedded'] as const)('changeDeliveryDate and planned rounds (%s)', (mode) => {
  let running: RunningApp;
  let market: Market;
  let daily: string;
  let dates: string[];
  let stranger: TestSession;

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(running.app, query, variables, session?.accessToken);
  const place = (point: Point, kg: number, deliveryDate: string | null, optionId = daily) =>
    placeFarmPart<Part>(running.app, market, { point, kg, deliveryDate, optionId }, PART);
  const read = (ids: string[]) => farmParts<Part>(running.app, market, ids, PART, 50);
  const change = (id: string, date: string, session: TestSession = market.chef) =>
    call<{ changeDeliveryDate: Part }>(CHANGE, { id, date }, session);
  const move = (id: string, status: string) => moveFarmPart(running.app, market, id, status);

  beforeAll(async () => {
    running = await startApp(mode, `date-change-${mode}`);
    market = await createMarket(running.app);
    stranger = await registerUser(running.app, 'stranger');
    ({ optionId: daily, dates } = await createDailyRound(running.app, market, 8));
  });

  afterAll(() => running?.close());

  it('moves a part to another open day: both rounds re-allocated by hand, earlier estimates kept', async () => {
    const [dayA, dayB] = [dates[0], dates[1]];
    const stay = await place(AJAIN, 20, dayA);
    const mover = await place(VAURY, 10, dayA);
    const waiting = await place(AJAIN, 30, dayB);

    const moved = await change(mover.id, dayB);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.changeDeliveryDate.deliveryDate).toBe(dayB);

    const [left, joined, other] = await read([stay.id, mover.id, waiting.id]);
    // Day A keeps Ajain alone: the dedicated trip, 2 × gcd × 1.30 × 1.05 × 0.5072.
    const gcdAjain = greatCircleKm(PLACES.gueret, AJAIN);
    const gcdVaury = greatCircleKm(PLACES.gueret, VAURY);
    expect(left.carbon.emissionsKgCo2e).toBeCloseTo(2 * gcdAjain * ROAD * EF_VAN, 9);
    expect(left.carbon.emissionsKgCo2e).toBeCloseTo(16.455, 2);
    expect(left.carbon.deliveryPath).toBe('DEDICATED_TRIP');
    // Day B: Saint-Vaury (10.16 km) is nearer the farm than Ajain (11.88 km), so the tour is
    // farm → Saint-Vaury → Ajain → farm; E_round = round_vkm × 0.5072, shared by mass × gcd.
    const roundVkm = (gcdVaury + greatCircleKm(VAURY, AJAIN) + gcdAjain) * ROAD;
    const roundKg = roundVkm * EF_VAN;
    const weights = { vaury: 10 * gcdVaury, ajain: 30 * gcdAjain };
    const total = weights.vaury + weights.ajain;
    expect(joined.carbon.roundVkm).toBeCloseTo(roundVkm, 9);
    expect(joined.carbon.emissionsKgCo2e).toBeCloseTo((roundKg * weights.vaury) / total, 9);
    expect(other.carbon.emissionsKgCo2e).toBeCloseTo((roundKg * weights.ajain) / total, 9);
    expect(joined.carbon.emissionsKgCo2e + other.carbon.emissionsKgCo2e).toBeCloseTo(roundKg, 9);
    expect(roundKg).toBeCloseTo(28.692, 2); // (10.164 + 19.396 + 11.884) km × 1.365 × 0.5072
    expect(joined.carbon).toMatchObject({ deliveryPath: 'ROUND', roundOrders: 2 });
    // Histories: day A's order was alone, then in a round of two with the mover; the mover keeps its day-A share;
    // day B's order was alone.
    expect(left.footprintHistory.map((entry) => entry.reason)).toEqual(['ROUND_CHANGED', 'ROUND_CHANGED']);
    expect(left.footprintHistory[0].carbon.emissionsKgCo2e).toBeCloseTo(2 * gcdAjain * ROAD * EF_VAN, 9);
    // In the round of two (farm → Saint-Vaury → Ajain → farm), Ajain's 20 kg carried 20 × 11.88 / (20 × 11.88 +
    // 10 × 10.16) of it: more than its dedicated trip, the two stops lying on either side of the farm.
    const withMover = (roundKg * 20 * gcdAjain) / (20 * gcdAjain + 10 * gcdVaury);
    expect(left.footprintHistory[1].carbon.emissionsKgCo2e).toBeCloseTo(withMover, 9);
    expect(withMover).toBeCloseTo(20.098, 2);
    expect(joined.footprintHistory.at(-1)!.carbon.emissionsKgCo2e).not.toBeCloseTo(joined.carbon.emissionsKgCo2e, 3);
    expect(other.footprintHistory.at(-1)!.carbon.emissionsKgCo2e).toBeCloseTo(2 * gcdAjain * ROAD * EF_VAN, 9);

    // The same day again changes nothing.
    const rows = await rowCounts(running.em.fork(), ['supplier_order_footprint']);
    expect((await change(mover.id, dayB)).data!.changeDeliveryDate.deliveryDate).toBe(dayB);
    expect(await rowCounts(running.em.fork(), ['supplier_order_footprint'])).toEqual(rows);
  });

  describe('refusals change nothing', () => {
    let part: Part;
    let before: { rows: Record<string, number>; parts: Part[] };
    const snapshot = async () => ({
      rows: await rowCounts(running.em.fork(), ['supplier_order', 'supplier_order_footprint']),
      parts: await read([part.id]),
    });

    beforeAll(async () => {
      part = await place(AJAIN, 15, dates[2]);
      before = await snapshot();
    });
    afterEach(async () => expect(await snapshot()).toEqual(before));

    it.each([
      ['a day too far ahead (not open)', () => '2099-01-01', 'NOT_OPEN'],
      [
        'today, past its cut-off',
        () => new Date(Date.parse(dates[0]) - 86_400_000).toISOString().slice(0, 10),
        'PAST_CUTOFF',
      ],
    ])('%s: BAD_USER_INPUT on deliveryDate', async (_name, day, reason) => {
      const response = await change(part.id, day());
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveryDate', reason });
    });

    it('another buyer, another producer, an unknown id: NOT_FOUND', async () => {
      for (const [id, session] of [
        [part.id, stranger],
        [part.id, market.orchardist],
        [randomUUID(), market.chef],
        ['not-an-id', market.chef],
      ] as const)
        expect((await change(id, dates[3], session)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('a delivery without days (pickup): BAD_USER_INPUT on deliveryDate', async () => {
      const pickup = await place(AJAIN, 15, null, market.options.farmPickup);
      before = await snapshot();
      expect((await change(pickup.id, dates[3])).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'deliveryDate',
      });
    });
  });

  it('the buyer moves a part only while PLACED, the producer until it is READY', async () => {
    const part = await place(VAURY, 12, dates[3]);
    expect((await move(part.id, 'CONFIRMED')).errors).toBeUndefined();
    const refused = await change(part.id, dates[4]);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 'CONFIRMED',
      reason: 'DATE_FIXED',
    });
    const byProducer = await change(part.id, dates[4], market.farmer);
    expect(byProducer.errors).toBeUndefined();
    expect(byProducer.data!.changeDeliveryDate).toMatchObject({ deliveryDate: dates[4], status: 'CONFIRMED' });
    expect((await move(part.id, 'READY')).errors).toBeUndefined();
    expect((await change(part.id, dates[5], market.farmer)).errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 'READY',
    });
  });

  it('the buyer cannot leave a day already closed; the producer can', async () => {
    const part = await place(VAURY, 12, dates[5]);
    const today = new Date(Date.parse(dates[0]) - 86_400_000).toISOString().slice(0, 10);
    await running.em.fork().execute('update supplier_order set delivery_date = ? where id = ?', [today, part.id]);
    expect((await change(part.id, dates[5])).errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      reason: 'PAST_CUTOFF',
    });
    expect((await change(part.id, dates[5], market.farmer)).errors).toBeUndefined();
  });

  it("quoteCart estimates a chosen day as its share of that day's planned round, as deliveryDateFootprints does", async () => {
    const quote = async (deliveryDate: string) => {
      const response = await call<{
        quoteCart: {
          producers: { carbon: { emissionsKgCo2e: number; massKg: number; deliveryPath: string } }[];
          carbon: { emissionsKgCo2e: number };
        };
      }>(
        `query ($input: QuoteCartInput!) { quoteCart(input: $input) {
          producers { carbon { emissionsKgCo2e massKg deliveryPath } } carbon { emissionsKgCo2e } } }`,
        {
          input: {
            buyerOrganizationId: market.restaurant,
            deliveryAddress: VAURY,
            lines: [{ productId: market.products.carrots, quantity: 10 }],
            deliveries: [{ producerId: market.farm, deliveryOptionId: daily, deliveryDate }],
          },
        },
        market.chef,
      );
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      return response.data.quoteCart;
    };
    const panel = await call<{ deliveryDateFootprints: { deliveryDate: string; estimatedKgCo2e: number }[] }>(
      `query ($input: DeliveryDateFootprintsInput!) { deliveryDateFootprints(input: $input, first: 8) { deliveryDate estimatedKgCo2e } }`,
      { input: { deliveryOptionId: daily, address: VAURY, massKg: 10 } },
    );
    const panelOf = (day: string) =>
      panel.data!.deliveryDateFootprints.find((entry) => entry.deliveryDate === day)!.estimatedKgCo2e;

    // Day A: Ajain's 20 kg alone in its round; the cart for Saint-Vaury would share the tour.
    const pooled = await quote(dates[0]);
    const gcdAjain = greatCircleKm(PLACES.gueret, AJAIN);
    const gcdVaury = greatCircleKm(PLACES.gueret, VAURY);
    const roundKg = (gcdVaury + greatCircleKm(VAURY, AJAIN) + gcdAjain) * ROAD * EF_VAN;
    const share = (10 * gcdVaury) / (10 * gcdVaury + 20 * gcdAjain);
    expect(pooled.producers[0].carbon.emissionsKgCo2e).toBeCloseTo(roundKg * share, 9);
    expect(pooled.producers[0].carbon.deliveryPath).toBe('ROUND');
    expect(pooled.carbon.emissionsKgCo2e).toBeCloseTo(pooled.producers[0].carbon.emissionsKgCo2e, 9);
    expect(pooled.carbon.emissionsKgCo2e).toBeCloseTo(panelOf(dates[0]), 9);

    // A day no order has chosen yet: the dedicated trip, as before rounds.
    const lastDay = dates[7];
    const dedicated = await quote(lastDay);
    expect(dedicated.producers[0].carbon.deliveryPath).toBe('DEDICATED_TRIP');
    expect(dedicated.carbon.emissionsKgCo2e).toBeCloseTo(2 * gcdVaury * ROAD * EF_VAN, 9);
    expect(dedicated.carbon.emissionsKgCo2e).toBeCloseTo(panelOf(lastDay), 9);
  });
});
