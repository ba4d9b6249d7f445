/**
 * §7.3 Planned rounds by delivery day: the tour a producer drives to deliver one option's orders of one date, its
 * modelled emissions (Tier B), the reports that replace them at delivery (Tier A fuel, measured distance), the
 * plausibility of those reports, and the marginal footprint of a date for a cart. Pure functions over the factors
 * file; callers pass plain values and store the results.
 */
import { CarbonInputError } from './carbon-input-error';
import { type GeoPoint, greatCircleKm } from './distance';
import { CIRCUITY_GCD_TO_ROAD, DAF_ROAD, EMISSION_FACTORS, PARAMETER_IDS, VEHICLES } from './factors';
import {
  type CarbonFootprint,
  type DataQuality,
  type SupplierOrderCarbonInput,
  allocateRound,
  checkedRoundOrders,
  supplierOrderFootprint,
} from './footprint';

/** Two great-circle distances closer than this (km, a millimetre) are a tie of the tour. */
const TIE_KM = 1e-6;

export interface PlannedTour {
  /** The distinct delivery points in the order the tour visits them. */
  readonly stops: readonly GeoPoint[];
  /** Driven km of each leg: producer → first stop, …, last stop → producer. */
  readonly legsKm: readonly number[];
  /** Σ legs (gcd_leg × circuity × DAF). */
  readonly roundVkm: number;
}

const samePoint = (a: GeoPoint, b: GeoPoint) => a.latitude === b.latitude && a.longitude === b.longitude;

/**
 * §7.3 tour: start at the producer, go each time to the nearest remaining stop by great-circle distance (ties: the
 * lower latitude, then the lower longitude), return to the producer. Stops are the distinct delivery points.
 */
export function plannedTour(producer: GeoPoint, deliveryPoints: readonly GeoPoint[]): PlannedTour {
  const remaining: GeoPoint[] = [];
  for (const point of deliveryPoints) if (!remaining.some((known) => samePoint(known, point))) remaining.push(point);
  const stops: GeoPoint[] = [];
  const legsKm: number[] = [];
  let here = producer;
  while (remaining.length > 0) {
    let best = 0;
    let bestKm = greatCircleKm(here, remaining[0]);
    for (let i = 1; i < remaining.length; i++) {
      const km = greatCircleKm(here, remaining[i]);
      const candidate = remaining[i];
      const current = remaining[best];
      const tie = Math.abs(km - bestKm) <= TIE_KM;
      const lower =
        candidate.latitude < current.latitude ||
        (candidate.latitude === current.latitude && candidate.longitude < current.longitude);
      if ((!tie && km < bestKm) || (tie && lower)) {
        best = i;
        bestKm = km;
      }
    }
    const [next] = remaining.splice(best, 1);
    legsKm.push(bestKm * CIRCUITY_GCD_TO_ROAD * DAF_ROAD);
    stops.push(next);
    here = next;
  }
  if (stops.length > 0) legsKm.push(greatCircleKm(here, producer) * CIRCUITY_GCD_TO_ROAD * DAF_ROAD);
  return { stops, legsKm, roundVkm: legsKm.reduce((sum, km) => sum + km, 0) };
}

function checkSameProducer(orders: readonly SupplierOrderCarbonInput[]): void {
  for (let i = 1; i < orders.length; i++) {
    if (!samePoint(orders[i].producerLocation, orders[0].producerLocation)) {
      throw new CarbonInputError(
        `orders[${i}].producerLocation`,
        'every order of a round leaves from the same producer',
      );
    }
  }
}

/** The tour of a round's orders (after checking them). */
export function roundTour(orders: readonly SupplierOrderCarbonInput[]): PlannedTour {
  checkedRoundOrders(orders);
  checkSameProducer(orders);
  return plannedTour(
    orders[0].producerLocation,
    orders.map((order) => order.deliveryLocation),
  );
}

/**
 * §7.3 Tier B: `E_round = round_vkm × EF_vkm(vehicle)` (the return leg is in the tour: no empty-return factor),
 * allocated by mass × great-circle distance. A round of one order equals Tier C (`2 × gcd × 1.30 × 1.05 × EF_vkm`).
 */
export function plannedRoundFootprints(
  orders: readonly SupplierOrderCarbonInput[],
  dataQuality: DataQuality = 'OK',
): CarbonFootprint[] {
  const { vehicle } = checkedRoundOrders(orders);
  const tour = roundTour(orders);
  return allocateRound(orders, {
    emissionsKgCo2e: tour.roundVkm * vehicle.perVehicleKm.value,
    distance: { km: tour.roundVkm, type: 'GCD_ESTIMATED' },
    dataTier: 'DEFAULT',
    dataSource: 'MODELLED_ROUND',
    dataQuality,
    factorIds: [vehicle.perVehicleKm.id, PARAMETER_IDS.circuity, PARAMETER_IDS.daf],
    stops: tour.stops.length,
  });
}

/** The litres-to-kgCO2e factor of the vehicle's energy: the data file's default fuel for it (diesel: 3.17), or null. */
export function fuelFactorOf(vehicleId: string): { id: string; kgCo2ePerLitre: number } | null {
  const energy = EMISSION_FACTORS.vehicles.find((vehicle) => vehicle.id === vehicleId)?.energy ?? null;
  if (!energy) return null;
  const index = EMISSION_FACTORS.fuel_emission_factors.findIndex(
    (fuel) => fuel.default === true && fuel.fuel.split(/[^a-z]/)[0] === energy,
  );
  if (index < 0) return null;
  return {
    id: `fuel_emission_factors.${EMISSION_FACTORS.fuel_emission_factors[index].id}.wtw`,
    kgCo2ePerLitre: EMISSION_FACTORS.fuel_emission_factors[index].wtw,
  };
}

/** §7.3 plausibility thresholds. */
export const PLAUSIBILITY = {
  /** A client's coordinates at most this far from their commune's centre (km). */
  maxKmFromCommuneCentre: 15,
  /** A round's odometer within [min, max] × round_vkm. */
  odometerMinRatio: 0.8,
  odometerMaxRatio: 4,
  /** Fuel implying between these litres per 100 km. */
  fuelMinLitresPer100Km: 4,
  fuelMaxLitresPer100Km: 25,
} as const;

/** A round's odometer reading is plausible within `[0.8, 4] × round_vkm` (bounds included). */
export function odometerPlausible(odometerKm: number, roundVkm: number): boolean {
  return (
    odometerKm >= PLAUSIBILITY.odometerMinRatio * roundVkm && odometerKm <= PLAUSIBILITY.odometerMaxRatio * roundVkm
  );
}

/** Fuel litres are plausible when they imply 4–25 L/100 km over the distance (the odometer's, else round_vkm). */
export function fuelPlausible(fuelLitres: number, km: number): boolean {
  if (!(km > 0)) return false;
  const per100 = (fuelLitres / km) * 100;
  return per100 >= PLAUSIBILITY.fuelMinLitresPer100Km && per100 <= PLAUSIBILITY.fuelMaxLitresPer100Km;
}

/** A client's coordinates are plausible within 15 km (great circle) of their commune's centre. */
export function coordinatesPlausible(point: GeoPoint, communeCentre: GeoPoint): boolean {
  return greatCircleKm(point, communeCentre) <= PLAUSIBILITY.maxKmFromCommuneCentre;
}

export interface RoundReport {
  readonly odometerKm?: number | null;
  readonly fuelLitres?: number | null;
}

/**
 * §7.3 at delivery: fuel litres (Tier A, `E_round = L × fuel factor`) or else the odometer
 * (`E_round = km × EF_vkm`), allocated like the plan. An implausible reading is kept out of the figure: the
 * modelled round is used, flagged.
 */
export function deliveredRoundFootprints(
  orders: readonly SupplierOrderCarbonInput[],
  report: RoundReport,
): { footprints: CarbonFootprint[]; flagged: boolean; roundVkm: number } {
  const { vehicle } = checkedRoundOrders(orders);
  const tour = roundTour(orders);
  const { odometerKm, fuelLitres } = report;
  if (odometerKm == null && fuelLitres == null)
    throw new CarbonInputError('odometerKm', 'a round report gives the odometer km or the fuel litres');
  if (odometerKm != null && !(Number.isFinite(odometerKm) && odometerKm > 0))
    throw new CarbonInputError('odometerKm', 'must be a finite distance above 0 km');
  if (fuelLitres != null && !(Number.isFinite(fuelLitres) && fuelLitres > 0))
    throw new CarbonInputError('fuelLitres', 'must be a finite quantity above 0 L');
  const fuel = fuelLitres != null ? fuelFactorOf(vehicle.vehicleId) : null;
  if (fuelLitres != null && fuel === null)
    throw new CarbonInputError('fuelLitres', `${vehicle.vehicleId} burns no fuel the method has a factor for`);
  const odometerOk = odometerKm == null || odometerPlausible(odometerKm, tour.roundVkm);
  const fuelOk =
    fuelLitres == null || fuelPlausible(fuelLitres, odometerKm != null && odometerOk ? odometerKm : tour.roundVkm);
  if (!odometerOk || !fuelOk)
    return { footprints: plannedRoundFootprints(orders, 'FLAGGED'), flagged: true, roundVkm: tour.roundVkm };
  const stops = tour.stops.length;
  if (fuelLitres != null && fuel) {
    return {
      footprints: allocateRound(orders, {
        emissionsKgCo2e: fuelLitres * fuel.kgCo2ePerLitre,
        distance:
          odometerKm != null ? { km: odometerKm, type: 'ODOMETER' } : { km: tour.roundVkm, type: 'GCD_ESTIMATED' },
        dataTier: 'MODELLED',
        dataSource: 'PRIMARY_FUEL',
        factorIds: [fuel.id],
        stops,
      }),
      flagged: false,
      roundVkm: tour.roundVkm,
    };
  }
  return {
    footprints: allocateRound(orders, {
      emissionsKgCo2e: odometerKm! * vehicle.perVehicleKm.value,
      distance: { km: odometerKm!, type: 'ODOMETER' },
      dataTier: 'MODELLED',
      dataSource: 'PRIMARY_DISTANCE',
      factorIds: [vehicle.perVehicleKm.id],
      stops,
    }),
    flagged: false,
    roundVkm: tour.roundVkm,
  };
}

/**
 * The current estimate of a planned round's orders: a round of one order is today's dedicated trip (Tier C, the
 * same figure as the tour of one stop, §7.3), several share the modelled tour.
 */
export function plannedEstimates(orders: readonly SupplierOrderCarbonInput[]): CarbonFootprint[] {
  if (orders.length === 1) return [supplierOrderFootprint(orders[0])];
  return plannedRoundFootprints(orders);
}

export interface DateMarginalFootprint {
  /** The cart's allocated share of the round with it. */
  readonly allocatedKgCo2e: number;
  /** E_round(with the cart) − E_round(without). */
  readonly marginalKgCo2e: number;
  readonly roundWithKgCo2e: number;
  readonly roundWithoutKgCo2e: number;
  /** Orders already in the round. */
  readonly ordersInRound: number;
}

/** §7.3 marginal footprint of a date: what the cart adds to the round planned that day, and its allocated share. */
export function dateMarginalFootprint(
  round: readonly SupplierOrderCarbonInput[],
  cart: SupplierOrderCarbonInput,
): DateMarginalFootprint {
  const vehicleId = cart.deliveryOption.vehicleId;
  const vehicle = vehicleId ? VEHICLES.get(vehicleId) : undefined;
  if (!vehicle) throw new CarbonInputError('deliveryOption.vehicleId', 'a producer delivery needs its vehicle');
  // The round is the option's: its orders travel in the option's vehicle today.
  const sameVehicle = round.map((order) => ({ ...order, deliveryOption: cart.deliveryOption }));
  const without = sameVehicle.length === 0 ? 0 : roundTour(sameVehicle).roundVkm * vehicle.perVehicleKm.value;
  const withCart = plannedRoundFootprints([...sameVehicle, cart]);
  const roundWith = withCart[withCart.length - 1].round!.emissionsKgCo2e;
  return {
    allocatedKgCo2e: withCart[withCart.length - 1].emissionsKgCo2e,
    marginalKgCo2e: roundWith - without,
    roundWithKgCo2e: roundWith,
    roundWithoutKgCo2e: without,
    ordersInRound: round.length,
  };
}
