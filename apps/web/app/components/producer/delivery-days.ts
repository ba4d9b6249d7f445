import { graphql, type ResultOf } from '../../graphql';
import { pickList, type PickItem } from './pick-list';
import { firstOfMonth } from '../../lib/format';

/** What the days to prepare show of a supplier order: who, where, how, what, and its step. */
export const DELIVERY_DAY_PART_FIELDS = graphql(`
  fragment DeliveryDayPartFields on SupplierOrder @_unmask {
    id
    orderNumber
    status
    deliveryDate
    buyerOrganization {
      name
    }
    deliveryAddress {
      line1
      postalCode
      city
    }
    deliveryOption {
      label
      mode
      address
      openingHours
    }
    lines {
      productId
      name
      quantity
      unit
    }
  }
`);

export type DeliveryDayPart = ResultOf<typeof DELIVERY_DAY_PART_FIELDS>;

/** The steps where a part is still to prepare or to hand over. */
const IN_PROGRESS: ReadonlySet<DeliveryDayPart['status']> = new Set(['PLACED', 'CONFIRMED', 'READY', 'SHIPPED']);

export interface DeliveryDay {
  /** YYYY-MM-DD */
  date: string;
  parts: DeliveryDayPart[];
  /** Quantities per product across the day's parts. */
  pick: PickItem[];
}

/** The parts in progress that have a delivery date, grouped by that date, soonest first; orders in each by number. */
export function deliveryDays(parts: readonly DeliveryDayPart[], { inProgressOnly = true } = {}): DeliveryDay[] {
  const byDate = new Map<string, DeliveryDayPart[]>();
  for (const part of parts) {
    if (!part.deliveryDate || (inProgressOnly && !IN_PROGRESS.has(part.status))) continue;
    byDate.set(part.deliveryDate, [...(byDate.get(part.deliveryDate) ?? []), part]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, dayParts]) => {
      const sorted = [...dayParts].sort((a, b) => a.orderNumber.localeCompare(b.orderNumber));
      return { date, parts: sorted, pick: pickList(sorted.filter((part) => part.status !== 'CANCELLED')) };
    });
}

const longDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A delivery date as a heading says it: "mardi 8 décembre 2026". */
export const deliveryDayTitle = (date: string): string => firstOfMonth(longDay.format(new Date(`${date}T12:00:00Z`)));

export const isDeliveryDate = (value: string | undefined): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
