import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type DeliveryOption, DeliveryOptionService, localDay } from '@app/catalog';
import { AccessPolicy, AuthService, type AuthUser, type Organization } from '@app/identity';
import { AppError, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { assertOrderable } from '../checkout/cart-pricing';
import { CartReader } from '../checkout/cart-reader';
import { CheckoutService } from '../checkout/checkout.service';
import { PaymentMethod } from '../entities/order.entity';
import { STANDING_ORDER_SKIPPED, type StandingOrderSkipped } from '../ordering-events';
import {
  OccurrenceStatus,
  type StandingDelivery,
  type StandingLine,
  StandingOrder,
  StandingOrderOccurrence,
  StandingOrderStatus,
} from './standing-order.entity';
import { type StandingSchedule, dueDates, upcomingDates } from './standing-schedule';

export interface CreateStandingOrderValues {
  buyerOrganizationId: string;
  name?: string | null;
  lines: StandingLine[];
  deliveries: StandingDelivery[];
  weekdays: number[];
  startsOn: string;
  endsOn?: string | null;
}

const WEEKDAY_NAMES = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** What moves a standing order from one status to another, and from which. */
const MOVES: Record<'pause' | 'resume' | 'end', { from: StandingOrderStatus[]; to: StandingOrderStatus }> = {
  pause: { from: [StandingOrderStatus.ACTIVE], to: StandingOrderStatus.PAUSED },
  resume: { from: [StandingOrderStatus.PAUSED], to: StandingOrderStatus.ACTIVE },
  end: { from: [StandingOrderStatus.ACTIVE, StandingOrderStatus.PAUSED], to: StandingOrderStatus.ENDED },
};

/**
 * Standing orders of businesses: set up by a member of the buying organization, paused, resumed or ended by its
 * members, and placed occurrence by occurrence by `placeDue` (the StandingOrderRunner calls it every quarter of an
 * hour). Each occurrence is an ordinary `placeOrder` in the name of the member who set it up, with the idempotency key
 * `standing:<id>:<date>`, then recorded under a unique (standing order, date) key: whatever runs it twice, at once or a
 * day apart, one order is placed and one skip is told.
 */
@Injectable()
export class StandingOrderService {
  private readonly logger = new Logger('StandingOrders');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly cartReader: CartReader,
    private readonly checkout: CheckoutService,
    private readonly auth: AuthService,
    private readonly outbox: OutboxService,
    private readonly deliveryOptions: DeliveryOptionService,
  ) {}

  async create(user: AuthUser, input: CreateStandingOrderValues, now: Date = new Date()): Promise<StandingOrder> {
    const buyer = await this.cartReader.buyerOrganization(user, input.buyerOrganizationId);
    if (!buyer) throw AppError.badInput('buyerOrganizationId', 'A standing order is for a business organization.');
    const name = (input.name ?? '').trim() || 'Commande récurrente';
    if (name.length > 120) throw AppError.badInput('name', 'The name has at most 120 characters.');
    const schedule = checkedSchedule(input, now);
    if (input.lines.length === 0) throw AppError.badInput('lines', 'A standing order needs at least one product.');

    const destination = coordinatesOf(buyer);
    const probe = await this.cartReader.price(input.lines, input.deliveries, true, destination, now);
    const options = probe.parts
      .map((part) => part.option)
      .filter((option): option is DeliveryOption => option !== null);
    checkDeliveryDays(schedule, probe.parts);
    const firstDate = upcomingDates(schedule, latestCutoff(options), now, 1)[0];
    if (!firstDate) throw AppError.badInput('endsOn', 'No delivery date falls between the first and the last day.');
    // Everything placeOrder will check, on the first date, but the stock: it is taken only when each occurrence is placed.
    const cart = await this.cartReader.price(
      input.lines,
      withDate(input.deliveries, firstDate),
      true,
      destination,
      now,
    );
    try {
      assertOrderable(cart);
    } catch (error) {
      if (!(error instanceof AppError && error.code === ErrorCode.OUT_OF_STOCK)) throw error;
    }

    const em = this.unitOfWork.em;
    const standing = em.create(StandingOrder, {
      buyerOrganizationId: buyer.id,
      createdByUserId: user.id,
      name,
      lines: input.lines.map(({ productId, quantity }) => ({ productId, quantity })),
      deliveries: input.deliveries.map(({ producerId, deliveryOptionId }) => ({ producerId, deliveryOptionId })),
      weekdays: [...schedule.weekdays],
      startsOn: schedule.startsOn,
      endsOn: schedule.endsOn,
    });
    await em.flush();
    return standing;
  }

  async move(user: AuthUser, id: string, move: keyof typeof MOVES): Promise<StandingOrder> {
    // Read and written in one transaction: readable reads in it, its commit writes the move.
    return this.unitOfWork.transactional(async () => {
      const standing = await this.readable(user, id);
      const { from, to } = MOVES[move];
      if (!from.includes(standing.status)) {
        throw new AppError(
          ErrorCode.INVALID_STATE_TRANSITION,
          `A standing order ${standing.status.toLowerCase()} cannot be moved to ${to.toLowerCase()}.`,
          { from: standing.status, to },
        );
      }
      standing.status = to;
      return standing;
    });
  }

  /** The organization's standing orders, newest first, for its members. */
  async list(user: AuthUser, organizationId: string): Promise<StandingOrder[]> {
    await this.policy.assertMember(user, organizationId);
    return this.unitOfWork.em.find(
      StandingOrder,
      { buyerOrganizationId: organizationId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  /** A standing order, for a member of its organization; NOT_FOUND for anyone else. */
  async readable(user: AuthUser, id: string): Promise<StandingOrder> {
    const standing = isUuid(id) ? await this.unitOfWork.em.findOne(StandingOrder, id) : null;
    if (!standing || !(await this.policy.isMember(user, standing.buyerOrganizationId)))
      throw AppError.notFound('Standing order');
    return standing;
  }

  /** Its last `first` occurrences, placed or skipped, latest delivery date first. */
  occurrences(standingOrderId: string, first: number): Promise<StandingOrderOccurrence[]> {
    return this.unitOfWork.em.find(
      StandingOrderOccurrence,
      { standingOrderId },
      { orderBy: { deliveryDate: 'desc' }, limit: first },
    );
  }

  /** Its next delivery dates whose orders are still open (already placed or not), soonest first. */
  async upcoming(standing: StandingOrder, first: number, now: Date = new Date()): Promise<string[]> {
    if (standing.status !== StandingOrderStatus.ACTIVE) return [];
    return upcomingDates(scheduleOf(standing), latestCutoff(await this.optionsOf(standing)), now, first);
  }

  /** Places (or skips, once, saying why) every occurrence due at `now`; returns what it did. */
  async placeDue(now: Date = new Date()): Promise<{ placed: number; skipped: number }> {
    const em = this.unitOfWork.em;
    const active = await em.find(StandingOrder, {
      status: StandingOrderStatus.ACTIVE,
      $or: [{ endsOn: null }, { endsOn: { $gte: localDay(now) } }],
    });
    const done = { placed: 0, skipped: 0 };
    for (const standing of active) {
      const dates = dueDates(scheduleOf(standing), latestCutoff(await this.optionsOf(standing)), now);
      if (dates.length === 0) continue;
      const recorded = new Set(
        (await em.find(StandingOrderOccurrence, { standingOrderId: standing.id, deliveryDate: dates })).map(
          (occurrence) => occurrence.deliveryDate,
        ),
      );
      for (const date of dates.filter((day) => !recorded.has(day))) {
        const outcome = await this.placeOccurrence(standing, date);
        if (outcome) done[outcome]++;
      }
    }
    return done;
  }

  private async placeOccurrence(standing: StandingOrder, deliveryDate: string): Promise<'placed' | 'skipped' | null> {
    const buyer = (await this.auth.findUsersByIds([standing.createdByUserId]))[0];
    try {
      if (!buyer) throw AppError.notFound('User');
      const order = await this.checkout.placeOrder(
        { id: buyer.id, email: buyer.email, isPlatformAdmin: false },
        {
          buyerOrganizationId: standing.buyerOrganizationId,
          lines: standing.lines,
          deliveries: withDate(standing.deliveries, deliveryDate),
          paymentMethod: PaymentMethod.INVOICE,
          idempotencyKey: `standing:${standing.id}:${deliveryDate}`,
        },
      );
      return (await this.record(standing, deliveryDate, {
        status: OccurrenceStatus.PLACED,
        orderId: order.id,
        reasonCode: null,
        reason: null,
      }))
        ? 'placed'
        : null;
    } catch (error) {
      if (!(error instanceof AppError)) {
        // A fault (database, network): not the buyer's doing; the next run tries again.
        this.logger.error(
          { err: error, standingOrderId: standing.id, deliveryDate },
          'Standing order occurrence not placed',
        );
        return null;
      }
      const skip = {
        status: OccurrenceStatus.SKIPPED,
        orderId: null,
        reasonCode: error.code,
        reason: skipReason(error).slice(0, 500),
      };
      return (await this.record(standing, deliveryDate, skip)) ? 'skipped' : null;
    }
  }

  /** Records the occurrence once (false when another run recorded it first), with the e-mail of a skip in the same transaction. */
  private record(
    standing: StandingOrder,
    deliveryDate: string,
    outcome: Pick<StandingOrderOccurrence, 'status' | 'orderId' | 'reasonCode' | 'reason'>,
  ): Promise<boolean> {
    return this.unitOfWork.transactional(async (em) => {
      const id = randomUUID();
      const rows = await em.getConnection().execute(
        `insert into standing_order_occurrence (id, standing_order_id, delivery_date, status, order_id, reason_code, reason, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
        [
          id,
          standing.id,
          deliveryDate,
          outcome.status,
          outcome.orderId ?? null,
          outcome.reasonCode ?? null,
          outcome.reason ?? null,
          new Date(),
        ],
        'all',
        em.getTransactionContext(),
      );
      if (rows.length === 0) return false;
      if (outcome.status === OccurrenceStatus.SKIPPED)
        await this.outbox.enqueue(em, STANDING_ORDER_SKIPPED, { occurrenceId: id } satisfies StandingOrderSkipped);
      return true;
    });
  }

  private optionsOf(standing: StandingOrder): Promise<DeliveryOption[]> {
    return this.deliveryOptions.findByIds(standing.deliveries.map((delivery) => delivery.deliveryOptionId));
  }
}

const scheduleOf = (standing: StandingOrder): StandingSchedule => ({
  weekdays: standing.weekdays,
  startsOn: standing.startsOn,
  endsOn: standing.endsOn ?? null,
});

/** The cut-off of the options that close earliest: the whole order is placed before the first of them closes. */
const latestCutoff = (options: readonly Pick<DeliveryOption, 'cutoffHours'>[]): number =>
  Math.max(0, ...options.map((option) => option.cutoffHours));

const withDate = (deliveries: readonly StandingDelivery[], deliveryDate: string) =>
  deliveries.map(({ producerId, deliveryOptionId }) => ({ producerId, deliveryOptionId, deliveryDate }));

function coordinatesOf(buyer: Organization) {
  const { latitude, longitude } = buyer.address;
  return latitude == null || longitude == null ? null : { latitude, longitude };
}

function checkedSchedule(input: CreateStandingOrderValues, now: Date): StandingSchedule {
  const weekdays = [...new Set(input.weekdays)].sort((a, b) => a - b);
  if (weekdays.length === 0 || weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw AppError.badInput('weekdays', 'Choose one or more weekdays, 1 (Monday) to 7 (Sunday).');
  }
  if (!isDate(input.startsOn)) throw AppError.badInput('startsOn', 'The first day must be a date (YYYY-MM-DD).');
  if (input.startsOn < localDay(now)) throw AppError.badInput('startsOn', 'The first day cannot be in the past.');
  const endsOn = input.endsOn ?? null;
  if (endsOn !== null && (!isDate(endsOn) || endsOn < input.startsOn))
    throw AppError.badInput('endsOn', 'The last day must be a date on or after the first.');
  return { weekdays, startsOn: input.startsOn, endsOn };
}

/** Every weekday of the standing order must be a delivery day of each option that has delivery days. */
function checkDeliveryDays(
  schedule: StandingSchedule,
  parts: readonly { producer: Organization; option: DeliveryOption | null }[],
): void {
  for (const { producer, option } of parts) {
    if (!option || option.weekdays.length === 0) continue;
    const closed = schedule.weekdays.find((day) => !option.weekdays.includes(day));
    if (closed !== undefined) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `${producer.name} does not deliver on ${WEEKDAY_NAMES[closed]} with "${option.label}".`,
        {
          field: 'weekdays',
          producerId: producer.id,
          deliveryWeekdays: option.weekdays,
        },
      );
    }
  }
}

/** What the buyer reads about a skipped occurrence (French, as the e-mail and the page say it). */
function skipReason(error: AppError): string {
  const field = typeof error.details.field === 'string' ? error.details.field : '';
  if (error.code === ErrorCode.BAD_USER_INPUT && field === 'paymentMethod') {
    return 'le producteur n’accepte pas cette commande sur facture (plafond des nouveaux clients atteint, ou paiement sur facture refusé)';
  }
  if (error.code === ErrorCode.BAD_USER_INPUT && field.endsWith('deliveryDate')) {
    return error.details.reason === 'CLOSED'
      ? 'le producteur a fermé ce jour-là (congés, jour de repos)\u00a0: il n’y a pas de livraison'
      : 'le producteur ne livre pas ce jour-là, ou ses commandes pour ce jour sont closes';
  }
  const reasons: Partial<Record<ErrorCode, string>> = {
    [ErrorCode.OUT_OF_STOCK]: 'un produit n’avait plus assez de stock',
    [ErrorCode.MINIMUM_NOT_MET]: 'le minimum de commande du producteur n’était pas atteint',
    [ErrorCode.OUT_OF_DELIVERY_AREA]: 'votre adresse n’est plus dans la zone de livraison',
    [ErrorCode.NOT_FOUND]:
      'un produit ou une option de livraison n’est plus proposé, ou vous n’êtes plus membre de l’organisation',
  };
  return reasons[error.code] ?? 'la commande a été refusée';
}
