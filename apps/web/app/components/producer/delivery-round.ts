import { graphql, type ResultOf } from '../../graphql';

/** What the delivery-round form shows of a delivered part: who, when, with which vehicle, and its footprint. */
export const ROUND_PART_FIELDS = graphql(`
  fragment RoundPartFields on SupplierOrder @_unmask {
    id
    orderNumber
    deliveredAt
    roundId
    buyerOrganization {
      name
    }
    deliveryAddress {
      city
    }
    deliveryOption {
      label
      mode
    }
    carbon {
      vehicleId
      distanceKm
      emissionsKgCo2e
      allocationShare
      dataSource
      dataQuality
      roundVkm
      roundEmissionsKgCo2e
      roundOrders
    }
  }
`);

export type RoundPart = ResultOf<typeof ROUND_PART_FIELDS>;

/** Delivered parts that may make one round: delivered the same Paris day with the same vehicle (the API's rule). */
export interface RoundCandidates {
  /** `YYYY-MM-DD|vehicle`: the form's key. */
  key: string;
  /** The Paris day of the deliveries, YYYY-MM-DD. */
  day: string;
  vehicleId: string | null;
  parts: RoundPart[];
}

const parisDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });
/** The day of the Paris calendar an instant falls on, YYYY-MM-DD. */
export const parisDayOf = (iso: string): string => parisDayFormat.format(new Date(iso));

/**
 * The producer's own deliveries grouped into possible rounds: parts delivered in its own vehicle, by Paris day and
 * vehicle, the most recent day first, groups of at least two parts only (a round names at least two orders).
 */
export function roundCandidates(parts: readonly RoundPart[]): RoundCandidates[] {
  const groups = new Map<string, RoundCandidates>();
  for (const part of parts) {
    if (part.deliveryOption.mode !== 'PRODUCER_DELIVERY' || !part.deliveredAt) continue;
    const day = parisDayOf(part.deliveredAt);
    const vehicleId = part.carbon.vehicleId ?? null;
    const key = `${day}|${vehicleId ?? ''}`;
    const group = groups.get(key) ?? { key, day, vehicleId, parts: [] };
    group.parts.push(part);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((group) => group.parts.length >= 2)
    .sort((a, b) => (a.day === b.day ? a.key.localeCompare(b.key) : b.day.localeCompare(a.day)))
    .map((group) => ({
      ...group,
      parts: [...group.parts].sort((a, b) => a.orderNumber.localeCompare(b.orderNumber)),
    }));
}

export type RoundReading = 'odometerKm' | 'fuelLitres';
export const isRoundReading = (value: unknown): value is RoundReading =>
  value === 'odometerKm' || value === 'fuelLitres';

/** A typed figure, with a French decimal comma allowed: null when it is not a number. */
export function readingOf(typed: string): number | null {
  const text = typed.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * The API's refusals of a round (in English; the shared table of messages speaks of a single delivery's one-way
 * distance, which a round's reading is not), in French. Others keep the message the shared table gave.
 */
const ROUND_MESSAGES: [RegExp, (...values: string[]) => string][] = [
  [
    /^The round's distance, from departure to return, is more than 0 and at most (\d+) km\.$/,
    (max) => `La distance de la tournée, du départ au retour, doit être plus grande que 0 et d’au plus ${max} km.`,
  ],
  [
    /^The fuel the round burnt is more than 0 and at most (\d+) litres\.$/,
    (max) => `Le carburant de la tournée doit être plus grand que 0 et d’au plus ${max} litres.`,
  ],
  [
    /^Report the round's odometer distance, its fuel litres, or both\.$/,
    () => 'Indiquez les kilomètres de la tournée au compteur, ou les litres de carburant.',
  ],
  [
    /^A round names at least two different supplier orders\.$/,
    () => 'Cochez au moins deux commandes livrées lors de cette tournée.',
  ],
  [
    /^A round is reported once its orders are delivered\.$/,
    () => 'Une tournée se déclare une fois ses commandes livrées.',
  ],
  [
    /^Only deliveries in your own vehicle make a round\.$/,
    () => 'Seules les livraisons faites avec votre propre véhicule forment une tournée.',
  ],
  [
    /^The orders of a round were delivered with the same vehicle\.$/,
    () => 'Les commandes d’une tournée sont livrées avec le même véhicule.',
  ],
  [
    /^The orders of a round were delivered the same day\.$/,
    () => 'Les commandes d’une tournée sont livrées le même jour.',
  ],
  [
    /^This vehicle burns no fuel: report its odometer distance\.$/,
    () => 'Ce véhicule ne consomme pas de carburant\u00a0: indiquez les kilomètres de la tournée.',
  ],
];

export function roundMessage(apiMessage: string): string | null {
  for (const [pattern, french] of ROUND_MESSAGES) {
    const match = pattern.exec(apiMessage);
    if (match) return french(...match.slice(1));
  }
  return null;
}
