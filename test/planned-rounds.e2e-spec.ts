import { randomUUID } from 'node:crypto';
import { type SupplierOrderCarbonInput, greatCircleKm, plannedRoundFootprints, roundTour } from '@app/carbon';
import { rowCounts } from './support/app-modes';
import { PLACES } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import type { TestSession } from './support/identity-client';
import { type Market, createDeliveryOption, createMarket } from './support/ordering-fixtures';
import { createDailyRound, farmParts, moveFarmPart, placeFarmPart } from './support/round-fixtures';
import { startProductionStack } from './support/production-stack';

/**
 * CARBON-METHOD §7.3 through the API on PostgreSQL: planned rounds by delivery day (placement and cancellation
 * re-allocate every order of the round, earlier estimates kept), delivered rounds reported with fuel or odometer,
 * and the plausibility of those reports on both sides of each threshold.
 */
const EF_VAN = 0.5072; // vul_diesel kgCO2e/vkm, emission-factors.json
const DIESEL = 3.17; // kgCO2e/L, emission-factors.json (default diesel)
const FOOTPRINT =
  'emissionsKgCo2e massKg deliveryPath allocationShare dataSource dataQuality roundVkm roundEmissionsKgCo2e roundOrders distanceType distanceKm';
const PART = `id deliveryDate status roundId fuelLitres roundOdometerKm carbon { ${FOOTPRINT} } footprintHistory { reason replacedAt carbon { emissionsKgCo2e dataSource } }`;

interface Footprint {
  emissionsKgCo2e: number;
  massKg: number;
  deliveryPath: string;
  allocationShare: number;
  dataSource: string;
  dataQuality: string;
  roundVkm: number | null;
  roundEmissionsKgCo2e: number | null;
  roundOrders: number | null;
  distanceType: string;
  distanceKm: number;
}
interface Part {
  id: string;
  deliveryDate: string | null;
  status: string;
  roundId: string | null;
  fuelLitres: number | null;
  roundOdometerKm: number | null;
  carbon: Footprint;
  footprintHistory: { reason: string; replacedAt: string; carbon: { emissionsKgCo2e: number; dataSource: string } }[];
}

/** Delivery points around Guéret (the farm): north, east and south, a few km to ~30 km out. */
const POINTS = {
  northVillage: {
    line1: '1 rue du Bourg',
    postalCode: '23300',
    city: 'La Souterraine',
    latitude: 46.237,
    longitude: 1.487,
  },
  ajain: { line1: '2 place de l’Église', postalCode: '23380', city: 'Ajain', latitude: 46.207, longitude: 2.008 },
  gueretHome: { line1: '8 rue Émile Zola', postalCode: '23000', city: 'Guéret', latitude: 46.17, longitude: 1.87 },
  aubusson: { line1: '3 place du Marché', postalCode: '23200', city: 'Aubusson', latitude: 45.9558, longitude: 2.1683 },
};
type Point = (typeof POINTS)[keyof typeof POINTS];

describe('Planned rounds by delivery day (CARBON-METHOD §7.3, PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let dailyVan: string;
  let dates: string[];

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(stack.api, query, variables, session?.accessToken);
  const place = (point: Point, quantity: number, deliveryDate: string) =>
    placeFarmPart<Part>(stack.api, market, { point, kg: quantity, deliveryDate, optionId: dailyVan }, PART);
  const parts = (ids: string[]) => farmParts<Part>(stack.api, market, ids, PART, 20);
  const inputOf = (point: Point, massKg: number): SupplierOrderCarbonInput => ({
    lines: [{ massKg, category: 'FRESH_VEGETABLES' }],
    producerLocation: { latitude: PLACES.gueret.latitude, longitude: PLACES.gueret.longitude },
    deliveryLocation: { latitude: point.latitude, longitude: point.longitude },
    deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
  });
  const move = (id: string, status: string) => moveFarmPart(stack.api, market, id, status);
  const deliver = async (id: string) => {
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED'])
      expect((await move(id, status)).errors).toBeUndefined();
  };
  const REPORT = `mutation ($p: ID!, $ids: [ID!]!, $km: Float, $l: Float) { reportDeliveryRound(producerId: $p, supplierOrderIds: $ids, odometerKm: $km, fuelLitres: $l) { ${PART} } }`;
  const report = (ids: string[], values: { km?: number; l?: number }) =>
    call<{ reportDeliveryRound: Part[] }>(REPORT, { p: market.farm, ids, ...values }, market.farmer);

  beforeAll(async () => {
    stack = await startProductionStack('planned-rounds', {}, { withWorker: false });
    market = await createMarket(stack.api);
    ({ optionId: dailyVan, dates } = await createDailyRound(stack.api, market, 6));
  });

  afterAll(() => stack?.close());

  it('a round of one order is today’s dedicated trip (Tier C), and each order joining re-allocates the whole round, keeping earlier estimates', async () => {
    const date = dates[1];
    const first = await place(POINTS.ajain, 20, date);
    // 2 × gcd × 1.30 × 1.05 × 0.5072
    const gcd = greatCircleKm(PLACES.gueret, POINTS.ajain);
    expect(first.carbon.emissionsKgCo2e).toBeCloseTo(2 * gcd * 1.365 * EF_VAN, 6);
    expect(first.carbon).toMatchObject({ deliveryPath: 'DEDICATED_TRIP', dataSource: 'DEFAULT' });
    expect(first.footprintHistory).toEqual([]);

    const second = await place(POINTS.aubusson, 10, date);
    const third = await place(POINTS.gueretHome, 30, date);
    const expected = plannedRoundFootprints([
      inputOf(POINTS.ajain, 20),
      inputOf(POINTS.aubusson, 10),
      inputOf(POINTS.gueretHome, 30),
    ]);
    const now = await parts([first.id, second.id, third.id]);
    for (const [index, part] of now.entries()) {
      expect(part.carbon.emissionsKgCo2e).toBeCloseTo(expected[index].emissionsKgCo2e, 9);
      expect(part.carbon).toMatchObject({
        deliveryPath: 'ROUND',
        dataSource: 'MODELLED_ROUND',
        dataQuality: 'OK',
        roundOrders: 3,
      });
    }
    const roundKg =
      roundTour([inputOf(POINTS.ajain, 20), inputOf(POINTS.aubusson, 10), inputOf(POINTS.gueretHome, 30)]).roundVkm *
      EF_VAN;
    expect(now.reduce((sum, part) => sum + part.carbon.emissionsKgCo2e, 0)).toBeCloseTo(roundKg, 9);
    // The first order was estimated three times: alone, in a round of two, in a round of three.
    expect(now[0].footprintHistory.map((entry) => entry.reason)).toEqual(['ROUND_CHANGED', 'ROUND_CHANGED']);
    expect(now[0].footprintHistory[0].carbon).toMatchObject({
      emissionsKgCo2e: first.carbon.emissionsKgCo2e,
      dataSource: 'DEFAULT',
    });
    // The last one joined with the dedicated trip its cart was quoted, replaced in the same placement.
    expect(now[2].footprintHistory.map((entry) => entry.carbon.dataSource)).toEqual(['DEFAULT']);
    // Another date is another round: an order there is alone.
    const elsewhere = await place(POINTS.ajain, 20, dates[2]);
    expect(elsewhere.carbon.emissionsKgCo2e).toBeCloseTo(first.carbon.emissionsKgCo2e, 9);
  });

  it('a cancellation re-allocates the orders left in the round; cancelling again changes nothing', async () => {
    const date = dates[3];
    const a = await place(POINTS.ajain, 20, date);
    const b = await place(POINTS.aubusson, 10, date);
    const c = await place(POINTS.northVillage, 15, date);
    const cancel = await call(
      `mutation ($id: ID!) { cancelSupplierOrder(id: $id, reason: "Fermé ce jour-là") { id status } }`,
      { id: b.id },
      market.chef,
    );
    expect(cancel.errors).toBeUndefined();
    const expected = plannedRoundFootprints([inputOf(POINTS.ajain, 20), inputOf(POINTS.northVillage, 15)]);
    const [left, cancelled, right] = await parts([a.id, b.id, c.id]);
    expect(left.carbon.emissionsKgCo2e).toBeCloseTo(expected[0].emissionsKgCo2e, 9);
    expect(right.carbon.emissionsKgCo2e).toBeCloseTo(expected[1].emissionsKgCo2e, 9);
    expect(left.carbon.roundOrders).toBe(2);
    expect(cancelled.status).toBe('CANCELLED');
    expect(right.footprintHistory.at(-1)!.carbon.emissionsKgCo2e).not.toBeCloseTo(right.carbon.emissionsKgCo2e, 6);

    const rows = await rowCounts(stack.em.fork(), ['supplier_order_footprint']);
    await call(`mutation ($id: ID!) { cancelSupplierOrder(id: $id) { id } }`, { id: b.id }, market.chef);
    expect(await rowCounts(stack.em.fork(), ['supplier_order_footprint'])).toEqual(rows);

    // The last two leave one by one: the one left is back to its dedicated trip.
    await call(`mutation ($id: ID!) { cancelSupplierOrder(id: $id) { id } }`, { id: c.id }, market.chef);
    const [alone] = await parts([a.id]);
    expect(alone.carbon.emissionsKgCo2e).toBeCloseTo(
      2 * greatCircleKm(PLACES.gueret, POINTS.ajain) * 1.365 * EF_VAN,
      6,
    );
    expect(alone.carbon.deliveryPath).toBe('DEDICATED_TRIP');
  });

  describe('delivered rounds (reportDeliveryRound)', () => {
    let ids: string[];
    let roundVkm: number;
    let planned: Part[];
    const round = () => [inputOf(POINTS.ajain, 20), inputOf(POINTS.gueretHome, 30)];

    beforeAll(async () => {
      const date = dates[4];
      const a = await place(POINTS.ajain, 20, date);
      const b = await place(POINTS.gueretHome, 30, date);
      ids = [a.id, b.id];
      for (const id of ids) await deliver(id);
      roundVkm = roundTour(round()).roundVkm;
      planned = await parts(ids);
    });

    it('a delivery without a report keeps the planned estimate', () => {
      expect(planned[0].carbon).toMatchObject({ dataSource: 'MODELLED_ROUND', roundOrders: 2 });
      expect(planned[0].carbon.roundVkm).toBeCloseTo(roundVkm, 9);
      expect(planned[0].status).toBe('DELIVERED');
    });

    it('fuel litres (Tier A): E_round = L × 3.17, allocated by mass × great-circle distance', async () => {
      const litres = (roundVkm * 10) / 100; // 10 L/100 km
      const response = await report(ids, { l: litres });
      expect(response.errors).toBeUndefined();
      const [a, b] = response.data!.reportDeliveryRound;
      expect(a.carbon.emissionsKgCo2e + b.carbon.emissionsKgCo2e).toBeCloseTo(litres * DIESEL, 9);
      expect(a.carbon.allocationShare).toBeCloseTo(plannedRoundFootprints(round())[0].allocationShare, 12);
      expect(a).toMatchObject({
        fuelLitres: litres,
        roundOdometerKm: null,
        carbon: { dataSource: 'PRIMARY_FUEL', dataQuality: 'OK' },
      });
      expect(a.roundId).toBe(b.roundId);
      expect(a.footprintHistory.at(-1)).toMatchObject({
        reason: 'ROUND_REPORTED',
        carbon: { dataSource: 'MODELLED_ROUND' },
      });
    });

    it('odometer km: E_round = km × 0.5072', async () => {
      const km = roundVkm * 1.2;
      const [a, b] = (await report(ids, { km })).data!.reportDeliveryRound;
      expect(a.carbon.emissionsKgCo2e + b.carbon.emissionsKgCo2e).toBeCloseTo(km * EF_VAN, 9);
      expect(a.carbon).toMatchObject({ dataSource: 'PRIMARY_DISTANCE', distanceType: 'ODOMETER', dataQuality: 'OK' });
      expect(a.roundOdometerKm).toBeCloseTo(km, 9);
    });

    const plannedKg = () =>
      plannedRoundFootprints(round()).reduce((sum, footprint) => sum + footprint.emissionsKgCo2e, 0);
    it.each([
      ['odometer at 0.8 × round_vkm', { kmRatio: 0.8 }, false],
      ['odometer below 0.8 × round_vkm', { kmRatio: 0.79 }, true],
      ['odometer at 4 × round_vkm', { kmRatio: 4 }, false],
      ['odometer above 4 × round_vkm', { kmRatio: 4.01 }, true],
      ['fuel at 4 L/100 km', { litresPer100: 4 }, false],
      ['fuel below 4 L/100 km', { litresPer100: 3.9 }, true],
      ['fuel at 25 L/100 km', { litresPer100: 25 }, false],
      ['fuel above 25 L/100 km', { litresPer100: 25.1 }, true],
    ])(
      '%s: flagged %s',
      async (_name, { kmRatio, litresPer100 }: { kmRatio?: number; litresPer100?: number }, flagged) => {
        const values = kmRatio !== undefined ? { km: kmRatio * roundVkm } : { l: (litresPer100! * roundVkm) / 100 };
        const response = await report(ids, values);
        expect(response.errors).toBeUndefined();
        const [a, b] = response.data!.reportDeliveryRound;
        const total = a.carbon.emissionsKgCo2e + b.carbon.emissionsKgCo2e;
        if (flagged) {
          // Accepted and kept on the orders, but the figure is the modelled round's, flagged.
          expect(a.carbon).toMatchObject({ dataSource: 'MODELLED_ROUND', dataQuality: 'FLAGGED' });
          expect(total).toBeCloseTo(plannedKg(), 9);
          expect(kmRatio !== undefined ? a.roundOdometerKm : a.fuelLitres).not.toBeNull();
        } else {
          expect(a.carbon.dataQuality).toBe('OK');
          expect(total).toBeCloseTo(kmRatio !== undefined ? values.km! * EF_VAN : values.l! * DIESEL, 9);
        }
      },
    );

    it('refuses a report with neither reading, or a bad one, on its field, and changes nothing', async () => {
      const rows = await rowCounts(stack.em.fork(), ['supplier_order_footprint']);
      const before = await parts(ids);
      expect((await report(ids, {})).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'odometerKm',
      });
      expect((await report(ids, { l: 0 })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'fuelLitres',
      });
      expect((await report(ids, { l: 1001 })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'fuelLitres',
      });
      expect((await report(ids, { km: -3 })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'odometerKm',
      });
      expect(await rowCounts(stack.em.fork(), ['supplier_order_footprint'])).toEqual(rows);
      expect(await parts(ids)).toEqual(before);
    });
  });

  describe('plausible coordinates (§7.3): at most 15 km from the commune centre, when it is known', () => {
    // Guéret's centre, as `geo:import` would have loaded it (INSEE 23096).
    beforeAll(() =>
      stack.em
        .fork()
        .execute(
          'insert into commune_coordinates (insee_code, latitude, longitude, imported_at) values (?, ?, ?, now()) on conflict (insee_code) do nothing',
          ['23096', PLACES.gueret.latitude, PLACES.gueret.longitude],
        ),
    );
    const at = (km: number) => ({
      line1: '1 rue du Test',
      postalCode: '23000',
      inseeCode: '23096',
      latitude: PLACES.gueret.latitude + ((km / 6371.0088) * 180) / Math.PI,
      longitude: PLACES.gueret.longitude,
    });
    const placeAt = (km: number) =>
      call(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        {
          input: {
            paymentMethod: 'INVOICE',
            idempotencyKey: randomUUID(),
            buyerOrganizationId: market.restaurant,
            deliveryAddress: at(km),
            lines: [{ productId: market.products.carrots, quantity: 12 }],
            deliveries: [{ producerId: market.farm, deliveryOptionId: dailyVan, deliveryDate: dates[5] }],
          },
        },
        market.chef,
      );

    it('accepts a point 14.9 km from the centre', async () => {
      expect((await placeAt(14.9)).errors).toBeUndefined();
    });

    it('refuses a point 15.1 km from the centre on latitude, and writes nothing', async () => {
      const before = await rowCounts(stack.em.fork(), ['supplier_order', 'supplier_order_footprint']);
      expect((await placeAt(15.1)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'deliveryAddress.latitude',
      });
      expect(await rowCounts(stack.em.fork(), ['supplier_order', 'supplier_order_footprint'])).toEqual(before);
    });
  });

  describe('deliveryDateFootprints (the pooling day)', () => {
    const QUERY = `query ($input: DeliveryDateFootprintsInput!, $first: Int) { deliveryDateFootprints(input: $input, first: $first) { deliveryDate estimatedKgCo2e marginalKgCo2e pooled lowest } }`;
    type DateFootprint = {
      deliveryDate: string;
      estimatedKgCo2e: number;
      marginalKgCo2e: number;
      pooled: boolean;
      lowest: boolean;
    };
    const nearNorthVillage = {
      line1: '4 rue de la Gare',
      postalCode: '23300',
      city: 'La Souterraine',
      latitude: 46.24,
      longitude: 1.49,
    };
    let westRound: string;
    let westDates: string[];

    beforeAll(async () => {
      westRound = await createDeliveryOption(stack.api, market.farmer, {
        producerId: market.farm,
        mode: 'PRODUCER_DELIVERY',
        label: 'Tournée de l’ouest',
        vehicleId: 'vul_diesel',
        maxDistanceKm: 80,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        cutoffHours: 0,
      });
      westDates = (
        await call<{ nextDeliveryDates: string[] }>(
          'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 4) }',
          { id: westRound },
        )
      ).data!.nextDeliveryDates;
      const placed = await call(
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
        {
          input: {
            paymentMethod: 'INVOICE',
            idempotencyKey: randomUUID(),
            buyerOrganizationId: market.restaurant,
            deliveryAddress: POINTS.northVillage,
            lines: [{ productId: market.products.carrots, quantity: 20 }],
            deliveries: [{ producerId: market.farm, deliveryOptionId: westRound, deliveryDate: westDates[2] }],
          },
        },
        market.chef,
      );
      expect(placed.errors).toBeUndefined();
    });

    it('picks the date whose round already passes nearby, with the marginal and allocated figures of §7.3', async () => {
      const response = await call<{ deliveryDateFootprints: DateFootprint[] }>(QUERY, {
        input: { deliveryOptionId: westRound, address: nearNorthVillage, massKg: 12 },
        first: 4,
      });
      expect(response.errors).toBeUndefined();
      const days = response.data!.deliveryDateFootprints;
      expect(days.map((day) => day.deliveryDate)).toEqual(westDates);
      expect(days.filter((day) => day.lowest).map((day) => day.deliveryDate)).toEqual([westDates[2]]);
      expect(days.map((day) => day.pooled)).toEqual([false, false, true, false]);
      const alone = plannedRoundFootprints([inputOf(nearNorthVillage, 12)])[0].emissionsKgCo2e;
      expect(days[0].marginalKgCo2e).toBeCloseTo(alone, 9);
      expect(days[0].estimatedKgCo2e).toBeCloseTo(alone, 9);
      const withCart = plannedRoundFootprints([inputOf(POINTS.northVillage, 20), inputOf(nearNorthVillage, 12)]);
      const without = roundTour([inputOf(POINTS.northVillage, 20)]).roundVkm * EF_VAN;
      expect(days[2].marginalKgCo2e).toBeCloseTo(withCart[1].round!.emissionsKgCo2e - without, 9);
      expect(days[2].estimatedKgCo2e).toBeCloseTo(withCart[1].emissionsKgCo2e, 9);
      expect(days[2].marginalKgCo2e).toBeLessThan(days[0].marginalKgCo2e / 5);
    });

    it("uses the business's address for its members, and refuses it to others", async () => {
      const mine = await call<{ deliveryDateFootprints: DateFootprint[] }>(
        QUERY,
        { input: { deliveryOptionId: westRound, buyerOrganizationId: market.restaurant, massKg: 12 } },
        market.chef,
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.deliveryDateFootprints).toHaveLength(4);
      const theirs = await call(
        QUERY,
        { input: { deliveryOptionId: westRound, buyerOrganizationId: market.restaurant, massKg: 12 } },
        market.consumer,
      );
      expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it.each([
      [{ massKg: 0 }, 'BAD_USER_INPUT', 'massKg'],
      [{ massKg: 20001 }, 'BAD_USER_INPUT', 'massKg'],
      [{ address: undefined }, 'BAD_USER_INPUT', 'address'],
      [{ deliveryOptionId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', undefined],
    ])('refuses %j', async (change, code, field) => {
      const response = await call(QUERY, {
        input: { deliveryOptionId: westRound, address: nearNorthVillage, massKg: 12, ...change },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    });

    it('refuses an option that makes no rounds (a pickup)', async () => {
      const response = await call(QUERY, {
        input: { deliveryOptionId: market.options.farmPickup, address: nearNorthVillage, massKg: 12 },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveryOptionId' });
    });
  });
});
