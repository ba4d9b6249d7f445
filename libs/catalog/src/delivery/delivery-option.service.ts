import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { VEHICLE_IDS } from '@app/carbon';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import { DeliveryMode, DeliveryOption } from '../entities/delivery-option.entity';
import { checkedCents, checkedText } from '../products/product-rules';
import {
  type DeliveryCalendar,
  type DeliveryDateRefusal,
  MAX_CUTOFF_HOURS,
  deliveryDateRefusal,
  nextDeliveryDates,
  upcomingClosedDates,
} from './delivery-dates';

/** What a producer says of a delivery option (at creation, or changed by an update). */
export interface DeliveryOptionTermsValues {
  label?: string | null;
  vehicleId?: string | null;
  maxDistanceKm?: number | null;
  feeCents?: number | null;
  minOrderCents?: number | null;
  weekdays?: number[] | null;
  cutoffHours?: number | null;
  address?: string | null;
  openingHours?: string | null;
}

export interface CreateDeliveryOptionValues extends DeliveryOptionTermsValues {
  producerId: string;
  mode: DeliveryMode;
  label: string;
}

/** The most dates `nextDeliveryDates` lists at once. */
export const MAX_DELIVERY_DATES = 60;

function checkDateCount(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERY_DATES)
    throw AppError.badInput('first', `Ask for 1 to ${MAX_DELIVERY_DATES} dates.`);
}

type CheckedTerms = Pick<
  DeliveryOption,
  | 'label'
  | 'vehicleId'
  | 'maxDistanceKm'
  | 'feeCents'
  | 'minOrderCents'
  | 'weekdays'
  | 'cutoffHours'
  | 'address'
  | 'openingHours'
>;

/** Every term of an option checked, whether created or updated: one place for each rule. */
function checkedTerms(mode: DeliveryMode, values: DeliveryOptionTermsValues): CheckedTerms {
  const label = checkedText(values.label ?? '', 'label', 120);
  const vehicleId = values.vehicleId?.trim() || undefined;
  if (vehicleId && !VEHICLE_IDS.includes(vehicleId)) {
    throw AppError.badInput('vehicleId', `Unknown vehicle; choose one of: ${VEHICLE_IDS.join(', ')}.`);
  }
  if (!vehicleId && mode !== DeliveryMode.PICKUP) {
    throw AppError.badInput('vehicleId', 'Say which vehicle carries the goods: the carbon footprint depends on it.');
  }
  const maxDistanceKm = values.maxDistanceKm ?? undefined;
  if (maxDistanceKm !== undefined && (!Number.isFinite(maxDistanceKm) || maxDistanceKm <= 0 || maxDistanceKm > 2000)) {
    throw AppError.badInput('maxDistanceKm', 'The maximum distance is between 0 and 2,000 km.');
  }
  const weekdays = values.weekdays ?? [];
  if (weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw AppError.badInput('weekdays', 'Weekdays are numbered 1 (Monday) to 7 (Sunday).');
  }
  if (new Set(weekdays).size !== weekdays.length) throw AppError.badInput('weekdays', 'Give each weekday once.');
  const cutoffHours = values.cutoffHours ?? 24;
  if (!Number.isInteger(cutoffHours) || cutoffHours < 0 || cutoffHours > MAX_CUTOFF_HOURS) {
    throw AppError.badInput('cutoffHours', `The cut-off is a whole number of hours between 0 and ${MAX_CUTOFF_HOURS}.`);
  }
  const address = values.address?.trim() ? checkedText(values.address, 'address', 300) : null;
  const openingHours = values.openingHours?.trim() ? checkedText(values.openingHours, 'openingHours', 300) : null;
  if (mode !== DeliveryMode.PICKUP) {
    if (address) throw AppError.badInput('address', 'Only a pickup option has an address: the goods go to the buyer.');
    if (openingHours) throw AppError.badInput('openingHours', 'Only a pickup option has opening hours.');
  }
  return {
    label,
    vehicleId,
    maxDistanceKm,
    feeCents: checkedCents(values.feeCents ?? 0, 'feeCents'),
    minOrderCents: checkedCents(values.minOrderCents ?? 0, 'minOrderCents'),
    weekdays: [...weekdays].sort((a, b) => a - b),
    cutoffHours,
    address,
    openingHours,
  };
}

/**
 * How a producer's goods reach the buyer: the vehicle matters to the carbon footprint, the delivery days to when a
 * buyer may have them. The dates themselves are the pure `delivery-dates` functions, here given the clock.
 */
@Injectable()
export class DeliveryOptionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  async create(user: AuthUser, input: CreateDeliveryOptionValues): Promise<DeliveryOption> {
    await this.policy.assertMember(user, input.producerId, { kinds: [OrganizationKind.PRODUCER] });
    const terms = checkedTerms(input.mode, {
      label: input.label,
      vehicleId: input.vehicleId,
      maxDistanceKm: input.maxDistanceKm,
      feeCents: input.feeCents,
      minOrderCents: input.minOrderCents,
      weekdays: input.weekdays,
      cutoffHours: input.cutoffHours,
      address: input.address,
      openingHours: input.openingHours,
    });
    const em = this.unitOfWork.em;
    const option = em.create(DeliveryOption, { producerId: input.producerId, mode: input.mode, ...terms });
    await em.persist(option).flush();
    return option;
  }

  /** Changes the terms given (the others stay); orders already placed keep the terms they were placed with. */
  async update(user: AuthUser, id: string, input: DeliveryOptionTermsValues): Promise<DeliveryOption> {
    const em = this.unitOfWork.em;
    const option = await this.ownActiveOption(user, id, em);
    const given = <K extends keyof DeliveryOptionTermsValues>(key: K, current: DeliveryOptionTermsValues[K]) =>
      input[key] === undefined ||
      (input[key] === null && key !== 'maxDistanceKm' && key !== 'address' && key !== 'openingHours')
        ? current
        : input[key];
    const terms = checkedTerms(option.mode, {
      label: given('label', option.label),
      vehicleId: given('vehicleId', option.vehicleId),
      maxDistanceKm: given('maxDistanceKm', option.maxDistanceKm),
      feeCents: given('feeCents', option.feeCents),
      minOrderCents: given('minOrderCents', option.minOrderCents),
      weekdays: given('weekdays', option.weekdays),
      cutoffHours: given('cutoffHours', option.cutoffHours),
      address: given('address', option.address),
      openingHours: given('openingHours', option.openingHours),
    });
    Object.assign(option, terms);
    await em.flush();
    return option;
  }

  /** No longer offered to buyers (archiving twice changes nothing); orders placed with it keep it. */
  async archive(user: AuthUser, id: string): Promise<DeliveryOption> {
    const em = this.unitOfWork.em;
    const option = await this.ownOption(em, user, id);
    if (option.active) {
      option.active = false;
      await em.flush();
    }
    return option;
  }

  /** The option, active, when `user` is a member of its producer: NOT_FOUND otherwise, archived INVALID_STATE_TRANSITION. */
  async ownActiveOption(user: AuthUser, id: string, em = this.unitOfWork.em): Promise<DeliveryOption> {
    const option = await this.ownOption(em, user, id);
    if (!option.active)
      throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This delivery option is archived; create a new one.', {
        field: 'id',
      });
    return option;
  }

  /**
   * These options as stored now (their closed days read afresh), read in the caller's transaction under their row
   * locks, taken in ascending id order: the one serialization point between closing a day and writing on it
   * (RELIABILITY: an order on a closed day). `SHARE` for a write that needs its day still open (an order placed on
   * it, a part moved to it): such writes do not wait for one another; `UPDATE` for closing a day: it waits for them
   * to commit, and they for it, so each sees what the other wrote. On PostgreSQL `FOR SHARE` / `FOR UPDATE`, held to
   * the commit; on SQLite a plain read: its one connection is held by the transaction from its first statement to
   * its commit, so nothing else reads or writes in between. Taken before any other lock of the transaction (stock,
   * planned rounds), so that the order of locks stays one: option, product, round.
   */
  async lockedForDays(em: EntityManager, ids: readonly string[], mode: 'SHARE' | 'UPDATE'): Promise<DeliveryOption[]> {
    const wanted = [...new Set(ids)].filter(isUuid).sort();
    if (wanted.length === 0) return [];
    const lockMode: LockMode.PESSIMISTIC_READ | LockMode.PESSIMISTIC_WRITE =
      mode === 'SHARE' ? LockMode.PESSIMISTIC_READ : LockMode.PESSIMISTIC_WRITE;
    const locking = em.getPlatform() instanceof PostgreSqlPlatform ? { lockMode } : {};
    return em.find(DeliveryOption, { id: wanted }, { ...locking, refresh: true, orderBy: { id: 'asc' } });
  }

  /** Writes the option's closed days: those from today on, ascending, each once. */
  async saveClosedDates(option: DeliveryOption, closedDates: readonly string[], now: Date = new Date()): Promise<void> {
    option.closedDates = upcomingClosedDates(closedDates, now);
    await this.unitOfWork.em.nativeUpdate(DeliveryOption, { id: option.id }, { closedDates: option.closedDates });
  }

  /** The next dates a buyer may choose with this active option, Paris time; NOT_FOUND for an archived or unknown one. */
  async nextDates(id: string, first = 6, now: Date = new Date()): Promise<string[]> {
    checkDateCount(first);
    const option = isUuid(id) ? await this.unitOfWork.em.findOne(DeliveryOption, { id, active: true }) : null;
    if (!option) throw AppError.notFound('Delivery option');
    return nextDeliveryDates(now, option, first);
  }

  /** The same dates for an option already read. */
  datesOf(option: DeliveryCalendar, first = 6, now: Date = new Date()): string[] {
    checkDateCount(first);
    return nextDeliveryDates(now, option, first);
  }

  /** Why `date` cannot be chosen with this option at `now`, or null when it can. */
  refusalOf(option: DeliveryCalendar, date: string, now: Date = new Date()): DeliveryDateRefusal | null {
    return deliveryDateRefusal(date, option, now);
  }

  /** The active options of these producers, in one query. */
  ofProducers(producerIds: readonly string[]): Promise<DeliveryOption[]> {
    const wanted = [...new Set(producerIds)].filter(isUuid);
    return wanted.length
      ? this.unitOfWork.em.find(DeliveryOption, { producerId: wanted, active: true }, { orderBy: { createdAt: 'asc' } })
      : Promise.resolve([]);
  }

  findByIds(ids: readonly string[]): Promise<DeliveryOption[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(DeliveryOption, { id: wanted }) : Promise.resolve([]);
  }

  /** The option, when `user` is a member of its producer; NOT_FOUND otherwise (another's option is not there). */
  private async ownOption(em: EntityManager, user: AuthUser, id: string): Promise<DeliveryOption> {
    const option = isUuid(id) ? await em.findOne(DeliveryOption, id) : null;
    if (!option) throw AppError.notFound('Delivery option');
    await this.policy
      .assertMember(user, option.producerId, { kinds: [OrganizationKind.PRODUCER] })
      .catch(() => Promise.reject(AppError.notFound('Delivery option')));
    return option;
  }
}
