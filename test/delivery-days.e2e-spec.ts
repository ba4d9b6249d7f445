import { randomUUID } from 'node:crypto';
import { nextDeliveryDates } from '@app/catalog';
import { rowCounts, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import type { TestSession } from './support/identity-client';
import { type Market, createDeliveryOption, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

const OPTION_FIELDS =
  'id mode label vehicleId maxDistanceKm feeCents minOrderCents weekdays cutoffHours address openingHours active';
const ORDER_TABLES = ['customer_order', 'supplier_order', 'order_line', 'supplier_order_transition', 'outbox_message'];

interface OptionView {
  id: string;
  mode: string;
  label: string;
  vehicleId: string | null;
  maxDistanceKm: number | null;
  feeCents: number;
  minOrderCents: number;
  weekdays: number[];
  cutoffHours: number;
  address: string | null;
  openingHours: string | null;
  active: boolean;
}

/** YYYY-MM-DD moved by whole days on the calendar. */
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const weekdayOf = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe('Delivery days: weekdays, cut-off, pickup details, archive, nextDeliveryDates and the date of each part (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  /** The farm's van delivers on Tuesdays and Fridays, orders closing 24 h before the day. */
  let tuesdayFriday: string;

  const call = <T>(query: string, variables: Record<string, unknown>, session?: TestSession) =>
    graphql<T>(stack.api, query, variables, session?.accessToken);
  const create = (input: Record<string, unknown>, session: TestSession = market.farmer) =>
    call<{ createDeliveryOption: OptionView }>(
      `mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { ${OPTION_FIELDS} } }`,
      { input },
      session,
    );
  const update = (id: string, input: Record<string, unknown>, session: TestSession = market.farmer) =>
    call<{ updateDeliveryOption: OptionView }>(
      `mutation ($id: ID!, $input: UpdateDeliveryOptionInput!) { updateDeliveryOption(id: $id, input: $input) { ${OPTION_FIELDS} } }`,
      { id, input },
      session,
    );
  const archive = (id: string, session: TestSession = market.farmer) =>
    call<{ archiveDeliveryOption: OptionView }>(
      `mutation ($id: ID!) { archiveDeliveryOption(id: $id) { ${OPTION_FIELDS} } }`,
      { id },
      session,
    );
  const datesOf = (deliveryOptionId: string, first?: number, session?: TestSession) =>
    call<{ nextDeliveryDates: string[] }>(
      'query ($id: ID!, $first: Int) { nextDeliveryDates(deliveryOptionId: $id, first: $first) }',
      { id: deliveryOptionId, ...(first === undefined ? {} : { first }) },
      session,
    );
  const optionRow = async (id: string) =>
    (
      await stack.em
        .fork()
        .execute(
          'select label, weekdays, cutoff_hours, address, opening_hours, active from delivery_option where id = ?',
          [id],
        )
    )[0];
  const place = (
    input: Record<string, unknown>,
    session: TestSession = market.chef,
    idempotencyKey: string = randomUUID(),
  ) =>
    call<{
      placeOrder: {
        id: string;
        supplierOrders: {
          id: string;
          deliveryDate: string | null;
          producer: { id: string };
          deliveryOption: { id: string; label: string; address: string | null; openingHours: string | null };
        }[];
      };
    }>(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id supplierOrders { id deliveryDate producer { id } deliveryOption { id label address openingHours } } } }`,
      { input: { buyerOrganizationId: market.restaurant, paymentMethod: 'INVOICE', idempotencyKey, ...input } },
      session,
    );
  const carrots = (quantity = 12) => [{ productId: market.products.carrots, quantity }];
  /** The dates the pure function lists now; the API's answer is one of those read just before and just after. */
  const expectedDates = (weekdays: number[], cutoffHours: number, first = 6) =>
    nextDeliveryDates(new Date(), { weekdays, cutoffHours }, first);

  beforeAll(async () => {
    stack = await startProductionStack('delivery-days', {}, { withWorker: false });
    market = await createMarket(stack.api);
    tuesdayFriday = (
      await create({
        producerId: market.farm,
        mode: 'PRODUCER_DELIVERY',
        label: 'Tournée mardi et vendredi',
        vehicleId: 'vul_diesel',
        maxDistanceKm: 80,
        weekdays: [5, 2],
        cutoffHours: 24,
      })
    ).data!.createDeliveryOption.id;
  });

  afterAll(() => stack?.close());

  describe('createDeliveryOption and updateDeliveryOption', () => {
    it('keeps weekdays (in order), the cut-off, and a pickup point with its opening hours', async () => {
      const response = await create({
        producerId: market.farm,
        mode: 'PICKUP',
        label: 'Retrait au marché',
        weekdays: [6],
        cutoffHours: 36,
        address: 'Place Bonnyaud, 23000 Guéret',
        openingHours: 'Samedi 8 h – 12 h',
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.createDeliveryOption).toMatchObject({
        mode: 'PICKUP',
        weekdays: [6],
        cutoffHours: 36,
        address: 'Place Bonnyaud, 23000 Guéret',
        openingHours: 'Samedi 8 h – 12 h',
        active: true,
      });
      const van = await call<{ organization: { deliveryOptions: OptionView[] } }>(
        `query ($id: ID!) { organization(id: $id) { deliveryOptions { ${OPTION_FIELDS} } } }`,
        { id: market.farm },
        market.farmer,
      );
      expect(van.data!.organization.deliveryOptions.find((option) => option.id === tuesdayFriday)).toMatchObject({
        weekdays: [2, 5],
        cutoffHours: 24,
      });
    });

    it('gives an option without weekdays no delivery days and a 24 h cut-off', async () => {
      const id = await createDeliveryOption(stack.api, market.farmer, {
        producerId: market.farm,
        mode: 'PICKUP',
        label: 'Retrait libre',
      });
      expect(await optionRow(id)).toMatchObject({ weekdays: [], cutoff_hours: 24, address: null });
    });

    it.each([
      [{ weekdays: [0, 3] }, 'weekdays'],
      [{ weekdays: [8] }, 'weekdays'],
      [{ weekdays: [2, 2] }, 'weekdays'],
      [{ cutoffHours: -1 }, 'cutoffHours'],
      [{ cutoffHours: 337 }, 'cutoffHours'],
      [{ mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel', address: '1 rue du Pont' }, 'address'],
      [{ mode: 'CARRIER', vehicleId: 'vul_diesel', openingHours: 'Lundi' }, 'openingHours'],
      [{ address: 'x'.repeat(301) }, 'address'],
    ])('refuses %j on its field and creates nothing', async (values, field) => {
      const before = await rowCounts(stack.em.fork(), ['delivery_option']);
      const response = await create({ producerId: market.farm, mode: 'PICKUP', label: 'Refusée', ...values });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await rowCounts(stack.em.fork(), ['delivery_option'])).toEqual(before);
    });

    it('changes the terms given and keeps the others; null removes a pickup address', async () => {
      const id = (
        await create({
          producerId: market.farm,
          mode: 'PICKUP',
          label: 'Retrait à la ferme (mercredi)',
          weekdays: [3],
          address: 'La Ferme du Gué',
          openingHours: '14 h – 18 h',
        })
      ).data!.createDeliveryOption.id;
      const changed = await update(id, {
        weekdays: [3, 6, 1],
        cutoffHours: 12,
        feeCents: 0,
        openingHours: '15 h – 19 h',
      });
      expect(changed.errors).toBeUndefined();
      expect(changed.data!.updateDeliveryOption).toMatchObject({
        label: 'Retrait à la ferme (mercredi)',
        weekdays: [1, 3, 6],
        cutoffHours: 12,
        address: 'La Ferme du Gué',
        openingHours: '15 h – 19 h',
      });
      const cleared = await update(id, { address: null, weekdays: [] });
      expect(cleared.data!.updateDeliveryOption).toMatchObject({
        address: null,
        weekdays: [],
        openingHours: '15 h – 19 h',
      });
      expect(await optionRow(id)).toMatchObject({
        address: null,
        weekdays: [],
        opening_hours: '15 h – 19 h',
        cutoff_hours: 12,
      });
    });

    it.each([
      [{ weekdays: [9] }, 'weekdays'],
      [{ cutoffHours: 1000 }, 'cutoffHours'],
      [{ label: '  ' }, 'label'],
      [{ feeCents: -5 }, 'feeCents'],
      [{ vehicleId: 'fusée' }, 'vehicleId'],
      [{ address: 'Au dépôt' }, 'address'],
    ])('refuses the update %j on its field and changes nothing', async (input, field) => {
      const before = await optionRow(tuesdayFriday);
      const response = await update(tuesdayFriday, input);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await optionRow(tuesdayFriday)).toEqual(before);
    });

    it("answers NOT_FOUND to anyone but the producer's members, for an update or an archive, and changes nothing", async () => {
      const before = await optionRow(tuesdayFriday);
      for (const session of [market.orchardist, market.chef, market.consumer]) {
        expect((await update(tuesdayFriday, { label: 'Volée' }, session)).errors?.[0].extensions.code).toBe(
          'NOT_FOUND',
        );
        expect((await archive(tuesdayFriday, session)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      }
      expect((await update(randomUUID(), { label: 'Aucune' })).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(
        (await call('mutation ($id: ID!) { archiveDeliveryOption(id: $id) { id } }', { id: tuesdayFriday })).errors?.[0]
          .extensions.code,
      ).toBe('UNAUTHENTICATED');
      expect(await optionRow(tuesdayFriday)).toEqual(before);
    });
  });

  describe('nextDeliveryDates', () => {
    it('lists the next open days in Paris time for anyone, signed in or not, 6 by default', async () => {
      const before = expectedDates([2, 5], 24);
      const anonymous = await datesOf(tuesdayFriday);
      const after = expectedDates([2, 5], 24);
      expect(anonymous.errors).toBeUndefined();
      expect([before, after]).toContainEqual(anonymous.data!.nextDeliveryDates);
      expect(anonymous.data!.nextDeliveryDates).toHaveLength(6);
      expect(anonymous.data!.nextDeliveryDates.every((day) => [2, 5].includes(weekdayOf(day)))).toBe(true);
      expect((await datesOf(tuesdayFriday, 2, market.chef)).data!.nextDeliveryDates).toEqual(
        anonymous.data!.nextDeliveryDates.slice(0, 2),
      );
    });

    it('skips the days whose cut-off has passed: with a cut-off of a week, nothing in the next 7 days', async () => {
      const id = (
        await create({
          producerId: market.farm,
          mode: 'PICKUP',
          label: 'Tous les jours, une semaine avant',
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          cutoffHours: 168,
        })
      ).data!.createDeliveryOption.id;
      const before = expectedDates([1, 2, 3, 4, 5, 6, 7], 168, 3);
      const dates = (await datesOf(id, 3)).data!.nextDeliveryDates;
      expect([before, expectedDates([1, 2, 3, 4, 5, 6, 7], 168, 3)]).toContainEqual(dates);
      // Consecutive days, the first at least a week after today (in Paris).
      expect(dates).toEqual([dates[0], addDays(dates[0], 1), addDays(dates[0], 2)]);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
      expect(dates[0] >= addDays(today, 7)).toBe(true);
    });

    it('is empty for an option without weekdays, and the same as a field of the option', async () => {
      expect((await datesOf(market.options.farmPickup)).data!.nextDeliveryDates).toEqual([]);
      // As the cart page reads them: the options the quote offers, each with its dates.
      const field = await call<{
        quoteCart: { producers: { deliveryOptions: { id: string; nextDeliveryDates: string[] }[] }[] };
      }>(
        'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { deliveryOptions { id nextDeliveryDates(first: 4) } } } }',
        { input: { lines: carrots() } },
      );
      expect(field.errors).toBeUndefined();
      const listed = field.data!.quoteCart.producers[0].deliveryOptions.find((option) => option.id === tuesdayFriday)!;
      expect(listed.nextDeliveryDates).toEqual((await datesOf(tuesdayFriday, 4)).data!.nextDeliveryDates);
    });

    it('refuses a count out of 1…60 on the field first, and an unknown option with NOT_FOUND', async () => {
      for (const first of [0, 61, -3])
        expect((await datesOf(tuesdayFriday, first)).errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'first',
        });
      expect((await datesOf(randomUUID())).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await datesOf('not-an-id')).errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('placeOrder and quoteCart with a delivery date', () => {
    let open: string[];
    beforeAll(async () => {
      open = (await datesOf(tuesdayFriday)).data!.nextDeliveryDates;
    });

    it('writes the chosen date on the part, and lists it under that date for the producer', async () => {
      const chosen = open[1];
      const response = await place({
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: tuesdayFriday, deliveryDate: chosen }],
      });
      expect(response.errors).toBeUndefined();
      const [part] = response.data!.placeOrder.supplierOrders;
      expect(part.deliveryDate).toBe(chosen);
      const other = await place({
        lines: carrots(15),
        deliveries: [{ producerId: market.farm, deliveryOptionId: tuesdayFriday, deliveryDate: open[2] }],
      });
      expect(other.errors).toBeUndefined();

      const listed = await call<{
        supplierOrders: { totalCount: number; edges: { node: { id: string; deliveryDate: string } }[] };
      }>(
        'query ($p: ID!, $d: Date) { supplierOrders(producerId: $p, deliveryDate: $d) { totalCount edges { node { id deliveryDate } } } }',
        { p: market.farm, d: chosen },
        market.farmer,
      );
      expect(listed.data!.supplierOrders.edges.map((edge) => edge.node)).toEqual([
        { id: part.id, deliveryDate: chosen },
      ]);
      expect(listed.data!.supplierOrders.totalCount).toBe(1);
      const malformed = await call(
        'query ($p: ID!) { supplierOrders(producerId: $p, deliveryDate: "2026-13-01") { totalCount } }',
        { p: market.farm },
        market.farmer,
      );
      expect(malformed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it.each([
      ['no date', undefined, 'MISSING'],
      ['a day the option does not deliver', 'closedDay', 'NOT_OPEN'],
      ['a day whose orders are closed', 'pastDay', 'PAST_CUTOFF'],
      ['a day past the horizon', 'farDay', 'NOT_OPEN'],
    ])(
      'refuses %s with BAD_USER_INPUT on deliveries[i].deliveryDate and writes nothing; the quote shows it as a problem',
      async (_what, kind, reason) => {
        // A Wednesday or Saturday after an open date; a Tuesday or Friday of last week; one two years ahead.
        const dates: Record<string, string> = {
          closedDay: addDays(open[1], 1),
          pastDay: addDays(open[0], -7),
          farDay: addDays(open[0], 2 * 364),
        };
        const deliveryDate = kind ? dates[kind] : undefined;
        const deliveries = [
          { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
          { producerId: market.farm, deliveryOptionId: tuesdayFriday, ...(deliveryDate ? { deliveryDate } : {}) },
        ];
        const lines = [...carrots(), { productId: market.products.juice, quantity: 4 }];
        const before = await rowCounts(stack.em.fork(), ORDER_TABLES);
        const response = await place({ lines, deliveries });
        expect(response.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'deliveries[1].deliveryDate',
          producerId: market.farm,
          reason,
        });
        expect(await rowCounts(stack.em.fork(), ORDER_TABLES)).toEqual(before);

        const quote = await call<{
          quoteCart: {
            producers: {
              producer: { id: string };
              deliveryDate: string | null;
              problems: { code: string; message: string }[];
            }[];
          };
        }>(
          'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { producer { id } deliveryDate problems { code message } } } }',
          { input: { lines, deliveries, buyerOrganizationId: market.restaurant } },
          market.chef,
        );
        expect(quote.errors).toBeUndefined();
        const farmPart = quote.data!.quoteCart.producers.find((part) => part.producer.id === market.farm)!;
        expect(farmPart.problems.map((problem) => problem.code)).toEqual(['DELIVERY_DATE']);
        expect(farmPart.problems[0].message).toMatch(/Ferme du Gué/);
        expect(farmPart.deliveryDate).toBe(deliveryDate ?? null);
        expect(quote.data!.quoteCart.producers.find((part) => part.producer.id === market.orchard)!.problems).toEqual(
          [],
        );
      },
    );

    it('quotes an open date without a problem and echoes it', async () => {
      const quote = await call<{ quoteCart: { producers: { deliveryDate: string | null; problems: unknown[] }[] } }>(
        'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { deliveryDate problems { code } } } }',
        {
          input: {
            lines: carrots(),
            deliveries: [{ producerId: market.farm, deliveryOptionId: tuesdayFriday, deliveryDate: open[1] }],
          },
        },
      );
      expect(quote.data!.quoteCart.producers[0]).toEqual({ deliveryDate: open[1], problems: [] });
    });

    it('refuses a malformed date as the Date scalar does', async () => {
      const response = await place({
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: tuesdayFriday, deliveryDate: '2026-02-30' }],
      });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('keeps options without weekdays working with no date, and ignores a date given for one', async () => {
      const without = await place({
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
      });
      expect(without.errors).toBeUndefined();
      expect(without.data!.placeOrder.supplierOrders[0].deliveryDate).toBeNull();
      const ignored = await place({
        lines: carrots(),
        deliveries: [
          { producerId: market.farm, deliveryOptionId: market.options.farmVan, deliveryDate: addDays(open[0], 1) },
        ],
      });
      expect(ignored.data!.placeOrder.supplierOrders[0].deliveryDate).toBeNull();
    });

    it('answers the same order to the same key and date, CONFLICT to the same key with another date', async () => {
      const key = randomUUID();
      const input = {
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: tuesdayFriday, deliveryDate: open[1] }],
      };
      const first = await place(input, market.chef, key);
      const again = await place(input, market.chef, key);
      expect(again.data!.placeOrder.id).toBe(first.data!.placeOrder.id);
      const moved = await place(
        { ...input, deliveries: [{ ...input.deliveries[0], deliveryDate: open[2] }] },
        market.chef,
        key,
      );
      expect(moved.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    });
  });

  describe('archiveDeliveryOption', () => {
    it('stops offering the option; orders placed with it keep it, with the pickup point as it was', async () => {
      const id = (
        await create({
          producerId: market.farm,
          mode: 'PICKUP',
          label: 'Retrait du vendredi',
          weekdays: [5],
          cutoffHours: 24,
          address: 'Hangar de la ferme',
          openingHours: '17 h – 19 h',
        })
      ).data!.createDeliveryOption.id;
      const [date] = (await datesOf(id, 2)).data!.nextDeliveryDates.slice(1);
      const placed = await place({
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: id, deliveryDate: date }],
      });
      expect(placed.errors).toBeUndefined();
      const orderId = placed.data!.placeOrder.id;

      const archived = await archive(id);
      expect(archived.data!.archiveDeliveryOption).toMatchObject({ id, active: false });
      expect((await archive(id)).data!.archiveDeliveryOption.active).toBe(false); // twice changes nothing

      const offered = await call<{ quoteCart: { producers: { deliveryOptions: { id: string }[] }[] } }>(
        'query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { deliveryOptions { id } } } }',
        { input: { lines: carrots() } },
      );
      expect(offered.data!.quoteCart.producers[0].deliveryOptions.map((option) => option.id)).not.toContain(id);
      expect(offered.data!.quoteCart.producers[0].deliveryOptions.map((option) => option.id)).toContain(tuesdayFriday);
      expect((await datesOf(id)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await update(id, { label: 'Revenue' })).errors?.[0].extensions.code).toBe('INVALID_STATE_TRANSITION');

      const before = await rowCounts(stack.em.fork(), ORDER_TABLES);
      const refused = await place({
        lines: carrots(),
        deliveries: [{ producerId: market.farm, deliveryOptionId: id, deliveryDate: date }],
      });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'deliveries[0].deliveryOptionId',
      });
      expect(await rowCounts(stack.em.fork(), ORDER_TABLES)).toEqual(before);

      const order = await call<{
        order: {
          supplierOrders: {
            deliveryDate: string;
            deliveryOption: { id: string; label: string; address: string | null; openingHours: string | null };
          }[];
        };
      }>(
        'query ($id: ID!) { order(id: $id) { supplierOrders { deliveryDate deliveryOption { id label address openingHours } } } }',
        { id: orderId },
        market.chef,
      );
      expect(order.data!.order.supplierOrders[0]).toEqual({
        deliveryDate: date,
        deliveryOption: {
          id,
          label: 'Retrait du vendredi',
          address: 'Hangar de la ferme',
          openingHours: '17 h – 19 h',
        },
      });
    });
  });
});

describe('Delivery days in embedded mode (SQLite)', () => {
  it('keeps the date of a part and lists the parts of one day', async () => {
    const running = await startApp('embedded', 'delivery-days-embedded');
    try {
      const market = await createMarket(running.app);
      const created = await graphql<{
        createDeliveryOption: { id: string; weekdays: number[]; nextDeliveryDates: string[] };
      }>(
        running.app,
        'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id weekdays nextDeliveryDates(first: 2) } }',
        {
          input: {
            producerId: market.farm,
            mode: 'PICKUP',
            label: 'Retrait du mercredi',
            weekdays: [3],
            cutoffHours: 24,
          },
        },
        market.farmer.accessToken,
      );
      const {
        id,
        weekdays,
        nextDeliveryDates: [, date],
      } = created.data!.createDeliveryOption;
      expect(weekdays).toEqual([3]);
      const placed = await graphql<{ placeOrder: { supplierOrders: { id: string; deliveryDate: string }[] } }>(
        running.app,
        'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { supplierOrders { id deliveryDate } } }',
        {
          input: {
            buyerOrganizationId: market.restaurant,
            paymentMethod: 'INVOICE',
            idempotencyKey: randomUUID(),
            lines: [{ productId: market.products.carrots, quantity: 12 }],
            deliveries: [{ producerId: market.farm, deliveryOptionId: id, deliveryDate: date }],
          },
        },
        market.chef.accessToken,
      );
      expect(placed.errors).toBeUndefined();
      expect(placed.data!.placeOrder.supplierOrders[0].deliveryDate).toBe(date);
      const listed = await graphql<{ supplierOrders: { edges: { node: { id: string; deliveryDate: string } }[] } }>(
        running.app,
        'query ($p: ID!, $d: Date) { supplierOrders(producerId: $p, deliveryDate: $d) { edges { node { id deliveryDate } } } }',
        { p: market.farm, d: date },
        market.farmer.accessToken,
      );
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.supplierOrders.edges.map((edge) => edge.node)).toEqual([
        { id: placed.data!.placeOrder.supplierOrders[0].id, deliveryDate: date },
      ]);
    } finally {
      await running.close();
    }
  });
});
