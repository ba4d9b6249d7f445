/**
 * The footprint of one supplier order (method §7.2): transport emissions from the producer's gate to the buyer's
 * door, the conventional-chain baseline for the same goods, and the signed difference. Emissions are computed for
 * the whole consignment, then allocated to its lines by mass; baselines are per line, from each line's category.
 */
import { CarbonInputError } from './carbon-input-error';
import {
  type DistanceType,
  type DrivenDistance,
  type GeoPoint,
  drivenDistance,
  greatCircleKm,
  proximityBand,
} from './distance';
import {
  CATEGORY_BASELINES,
  EMPTY_RETURN_FACTOR,
  type FactorUsed,
  METHOD_VERSION,
  PARAMETER_IDS,
  type ProductCategory,
  VEHICLES,
  type VehicleFactors,
} from './factors';

export type DeliveryMode = 'PRODUCER_DELIVERY' | 'PICKUP' | 'CARRIER';
/** How the goods travelled; a ROUND is a PRODUCER_DELIVERY whose trip served several supplier orders. */
export type DeliveryPath = 'DEDICATED_TRIP' | 'ROUND' | 'CARRIER' | 'BUYER_PICKUP';
/** The buyer's GHG scope: a producer's or carrier's vehicle is Scope 3 cat. 4; the buyer's own trip is Scope 1. */
export type CarbonScope = 'SCOPE3_CAT4' | 'SCOPE1_BUYER';
/** §7.2 tiers: MODELLED = measured vehicle-km × factor; DEFAULT = estimated distance (no fuel-based tier yet). */
export type DataTier = 'MODELLED' | 'DEFAULT';
/**
 * §7.3 data tiers, what an RSE line carries: fuel litres read at delivery, a measured round distance, the modelled
 * tour of a planned round, or the default dedicated trip (estimated distance).
 */
export type DataSource = 'PRIMARY_FUEL' | 'PRIMARY_DISTANCE' | 'MODELLED_ROUND' | 'DEFAULT';
/** §7.3 plausibility: FLAGGED when the producer's reading was implausible (the modelled figure is then used). */
export type DataQuality = 'OK' | 'FLAGGED';

export interface OrderLineCarbonInput {
  /** quantity × unitMassKg, sales packaging included. */
  readonly massKg: number;
  readonly category: ProductCategory;
  /** Intermediaries between producer and buyer; 0 (the default) when the producer sells directly. */
  readonly intermediaries?: number;
}

export interface SupplierOrderCarbonInput {
  readonly lines: readonly OrderLineCarbonInput[];
  readonly producerLocation: GeoPoint;
  /** Where the goods end up: the delivery address, or the buyer's site the buyer drives from for a pickup. */
  readonly deliveryLocation: GeoPoint;
  /** For PICKUP the vehicle is optional (a car is assumed), for CARRIER too (the express van is assumed). */
  readonly deliveryOption: { readonly mode: DeliveryMode; readonly vehicleId?: string | null };
  /** Shortest feasible road distance from a router, one way. */
  readonly routedKm?: number | null;
  /** Distance driven from the producer to this delivery, read at delivery (one way: the return is added). */
  readonly odometerKm?: number | null;
}

export interface LineFootprint {
  readonly category: ProductCategory;
  readonly massKg: number;
  /** This line's part of the supplier order's mass, by which the order's emissions are allocated to it. */
  readonly massShare: number;
  readonly tkm: number;
  readonly emissionsKgCo2e: number;
  readonly baselineKgCo2e: number;
  /** baseline − emissions, signed: negative when the local trip emits more than the conventional chain. */
  readonly savedKgCo2e: number;
  readonly intermediaries: number;
  readonly shortCircuit: boolean;
  readonly baselineFactorIds: readonly string[];
}

export interface CarbonFootprint {
  readonly methodVersion: string;
  readonly deliveryPath: DeliveryPath;
  /** Producer → delivery location, great circle; the proximity band and round allocation use it. */
  readonly gcdKm: number;
  /** The driven distance the emissions come from: one way for a single consignment, the whole round for a round. */
  readonly distanceKm: number;
  readonly distanceType: DistanceType;
  readonly vehicleId: string;
  /** True when the delivery option named no vehicle and the mode's default was used. */
  readonly vehicleAssumed: boolean;
  readonly vehicleFactor: FactorUsed;
  readonly massKg: number;
  /** Transport activity: tonnes × distance (for a round, × the great-circle distance the allocation uses). */
  readonly tkm: number;
  readonly emissionsKgCo2e: number;
  readonly baselineKgCo2e: number;
  /** baseline − emissions, signed, never floored at zero. */
  readonly savedKgCo2e: number;
  /** This order's share of the trip's emissions: 1 unless the trip was a round. */
  readonly allocationShare: number;
  readonly proximityBand: string;
  /** At most one intermediary on every line (Ministère de l'Agriculture definition; no distance criterion). */
  readonly shortCircuit: boolean;
  readonly scope: CarbonScope;
  readonly dataTier: DataTier;
  /** §7.3 tier; absent on footprints stored before round 2 (derive it with `dataSourceOf`). */
  readonly dataSource?: DataSource;
  /** §7.3 flag; absent on footprints stored before round 2 (then OK). */
  readonly dataQuality?: DataQuality;
  /** The planned or delivered round the figure was allocated from: its driven km and emissions. */
  readonly round?: {
    readonly vkm: number;
    readonly emissionsKgCo2e: number;
    readonly stops: number;
    readonly orders: number;
  };
  /** Paths in the factors file of every factor and parameter used; with methodVersion they identify the values. */
  readonly factorIds: readonly string[];
  readonly lines: readonly LineFootprint[];
}

const DELIVERY_MODES: ReadonlySet<unknown> = new Set<DeliveryMode>(['PRODUCER_DELIVERY', 'PICKUP', 'CARRIER']);

/**
 * When the delivery option names no vehicle. A producer delivering must say what it drives. A carrier is
 * assumed to use the express-parcel van, the profile of the method's own carrier example (AC1 variant). A buyer
 * picking up is assumed to come by car: the method's defaults lean towards higher emissions, never lower.
 */
const DEFAULT_VEHICLE_ID: Readonly<Record<DeliveryMode, string | null>> = {
  PRODUCER_DELIVERY: null,
  CARRIER: 'vul_diesel',
  PICKUP: 'voiture_thermique',
};
for (const vehicleId of Object.values(DEFAULT_VEHICLE_ID)) {
  if (vehicleId !== null && !VEHICLES.has(vehicleId)) {
    throw new Error(`emission-factors.json: default vehicle ${vehicleId} is missing`);
  }
}

const DISTANCE_PARAMETER_IDS: Readonly<Record<DistanceType, readonly string[]>> = {
  GCD_ESTIMATED: [PARAMETER_IDS.circuity, PARAMETER_IDS.daf],
  ROUTED: [PARAMETER_IDS.daf],
  ODOMETER: [],
};

const TONNES_PER_KG = 1 / 1000;

function checkLocation(location: GeoPoint | undefined, field: string): void {
  if (location == null) throw new CarbonInputError(field, 'is required');
  const { latitude, longitude } = location;
  if (!(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90)) {
    throw new CarbonInputError(`${field}.latitude`, 'must be a finite latitude between -90 and 90');
  }
  if (!(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180)) {
    throw new CarbonInputError(`${field}.longitude`, 'must be a finite longitude between -180 and 180');
  }
}

function checkOptionalKm(km: number | null | undefined, field: string): void {
  if (km != null && !(Number.isFinite(km) && km >= 0)) {
    throw new CarbonInputError(field, 'must be a finite distance of 0 km or more');
  }
}

/** Validates everything but the vehicle (which depends on the path) and returns the order's mass. */
function checkedOrderMassKg(order: SupplierOrderCarbonInput, fieldPrefix: string): number {
  if (order == null) throw new CarbonInputError(fieldPrefix.replace(/\.$/, '') || 'order', 'is required');
  const { lines } = order;
  if (lines == null || lines.length === 0) {
    throw new CarbonInputError(`${fieldPrefix}lines`, 'a supplier order needs at least one line');
  }
  let massKg = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!(Number.isFinite(line?.massKg) && line.massKg > 0)) {
      throw new CarbonInputError(`${fieldPrefix}lines[${i}].massKg`, 'must be a finite mass greater than 0 kg');
    }
    if (!CATEGORY_BASELINES.has(line.category)) {
      throw new CarbonInputError(`${fieldPrefix}lines[${i}].category`, `unknown category ${String(line.category)}`);
    }
    const { intermediaries } = line;
    if (intermediaries !== undefined && !(Number.isInteger(intermediaries) && intermediaries >= 0)) {
      throw new CarbonInputError(`${fieldPrefix}lines[${i}].intermediaries`, 'must be a whole number, 0 or more');
    }
    massKg += line.massKg;
  }
  checkLocation(order.producerLocation, `${fieldPrefix}producerLocation`);
  checkLocation(order.deliveryLocation, `${fieldPrefix}deliveryLocation`);
  checkOptionalKm(order.routedKm, `${fieldPrefix}routedKm`);
  checkOptionalKm(order.odometerKm, `${fieldPrefix}odometerKm`);
  const mode = order.deliveryOption?.mode;
  if (!DELIVERY_MODES.has(mode)) {
    throw new CarbonInputError(`${fieldPrefix}deliveryOption.mode`, `unknown delivery mode ${String(mode)}`);
  }
  return massKg;
}

function resolveVehicle(order: SupplierOrderCarbonInput, fieldPrefix: string): VehicleFactors {
  const vehicleId = order.deliveryOption.vehicleId ?? DEFAULT_VEHICLE_ID[order.deliveryOption.mode];
  const vehicle = vehicleId == null ? undefined : VEHICLES.get(vehicleId);
  if (vehicle === undefined) {
    throw new CarbonInputError(
      `${fieldPrefix}deliveryOption.vehicleId`,
      vehicleId == null ? 'a producer delivery needs its vehicle' : `unknown vehicle ${String(vehicleId)}`,
    );
  }
  return vehicle;
}

/**
 * §7.2 tier C: a dedicated trip is driven both ways, one of them empty (the producer's way back, the buyer's way
 * out): vehicle-km = one way × (1 + empty-return factor).
 */
function dedicatedTripKgCo2e(oneWayKm: number, vehicle: VehicleFactors): number {
  return oneWayKm * (1 + EMPTY_RETURN_FACTOR) * vehicle.perVehicleKm.value;
}

interface Transport {
  readonly deliveryPath: DeliveryPath;
  readonly scope: CarbonScope;
  readonly gcdKm: number;
  readonly distance: DrivenDistance;
  /** The distance that multiplies the mass into t·km. */
  readonly activityKm: number;
  readonly vehicle: VehicleFactors;
  readonly vehicleFactor: FactorUsed;
  readonly emissionsKgCo2e: number;
  readonly allocationShare: number;
  readonly transportFactorIds: readonly string[];
  readonly dataTier?: DataTier;
  readonly dataSource?: DataSource;
  readonly dataQuality?: DataQuality;
  readonly round?: CarbonFootprint['round'];
}

function buildFootprint(order: SupplierOrderCarbonInput, massKg: number, transport: Transport): CarbonFootprint {
  const { lines: lineInputs } = order;
  const lines = new Array<LineFootprint>(lineInputs.length);
  const factorIds = transport.transportFactorIds.slice();
  let baselineKgCo2e = 0;
  let shortCircuit = true;
  for (let i = 0; i < lineInputs.length; i++) {
    const line = lineInputs[i];
    const baseline = CATEGORY_BASELINES.get(line.category)!;
    const massShare = line.massKg / massKg;
    const lineEmissions = transport.emissionsKgCo2e * massShare;
    const lineBaseline = line.massKg * TONNES_PER_KG * baseline.kgCo2ePerTonne;
    const intermediaries = line.intermediaries ?? 0;
    const lineShortCircuit = intermediaries <= 1;
    lines[i] = {
      category: line.category,
      massKg: line.massKg,
      massShare,
      tkm: line.massKg * TONNES_PER_KG * transport.activityKm,
      emissionsKgCo2e: lineEmissions,
      baselineKgCo2e: lineBaseline,
      savedKgCo2e: lineBaseline - lineEmissions,
      intermediaries,
      shortCircuit: lineShortCircuit,
      baselineFactorIds: baseline.factorIds,
    };
    baselineKgCo2e += lineBaseline;
    shortCircuit &&= lineShortCircuit;
    for (const id of baseline.factorIds) if (!factorIds.includes(id)) factorIds.push(id);
  }
  return {
    methodVersion: METHOD_VERSION,
    deliveryPath: transport.deliveryPath,
    gcdKm: transport.gcdKm,
    distanceKm: transport.distance.km,
    distanceType: transport.distance.type,
    vehicleId: transport.vehicle.vehicleId,
    vehicleAssumed: order.deliveryOption.vehicleId == null,
    vehicleFactor: transport.vehicleFactor,
    massKg,
    tkm: massKg * TONNES_PER_KG * transport.activityKm,
    emissionsKgCo2e: transport.emissionsKgCo2e,
    baselineKgCo2e,
    savedKgCo2e: baselineKgCo2e - transport.emissionsKgCo2e,
    allocationShare: transport.allocationShare,
    proximityBand: proximityBand(transport.gcdKm),
    shortCircuit,
    scope: transport.scope,
    dataTier: transport.dataTier ?? (transport.distance.type === 'ODOMETER' ? 'MODELLED' : 'DEFAULT'),
    dataSource: transport.dataSource ?? (transport.distance.type === 'ODOMETER' ? 'PRIMARY_DISTANCE' : 'DEFAULT'),
    dataQuality: transport.dataQuality ?? 'OK',
    ...(transport.round ? { round: transport.round } : {}),
    factorIds,
    lines,
  };
}

/**
 * The footprint of a supplier order delivered on its own: the producer's dedicated trip with an empty return
 * (PRODUCER_DELIVERY), the carrier's intensity per t·km (CARRIER), or the buyer's own trip (PICKUP, Scope 1 of the
 * buyer, computed for information). For orders sharing one trip, use `roundFootprints`.
 */
export function supplierOrderFootprint(order: SupplierOrderCarbonInput): CarbonFootprint {
  const massKg = checkedOrderMassKg(order, '');
  const vehicle = resolveVehicle(order, '');
  const gcdKm = greatCircleKm(order.producerLocation, order.deliveryLocation);
  const distance = drivenDistance(gcdKm, order.routedKm, order.odometerKm);
  const distanceParameterIds = DISTANCE_PARAMETER_IDS[distance.type];

  if (order.deliveryOption.mode === 'CARRIER') {
    // The carrier's intensity already spreads its empty running and partial loads over the goods it carries.
    const perTonneKm = vehicle.perTonneKm;
    if (perTonneKm === null) {
      throw new CarbonInputError(
        'deliveryOption.vehicleId',
        `${vehicle.vehicleId} has no t·km intensity, which a carrier needs`,
      );
    }
    return buildFootprint(order, massKg, {
      deliveryPath: 'CARRIER',
      scope: 'SCOPE3_CAT4',
      gcdKm,
      distance,
      activityKm: distance.km,
      vehicle,
      vehicleFactor: perTonneKm,
      emissionsKgCo2e: massKg * TONNES_PER_KG * distance.km * perTonneKm.value,
      allocationShare: 1,
      transportFactorIds: [perTonneKm.id, ...distanceParameterIds],
    });
  }

  const isPickup = order.deliveryOption.mode === 'PICKUP';
  return buildFootprint(order, massKg, {
    deliveryPath: isPickup ? 'BUYER_PICKUP' : 'DEDICATED_TRIP',
    scope: isPickup ? 'SCOPE1_BUYER' : 'SCOPE3_CAT4',
    gcdKm,
    distance,
    activityKm: distance.km,
    vehicle,
    vehicleFactor: vehicle.perVehicleKm,
    emissionsKgCo2e: dedicatedTripKgCo2e(distance.km, vehicle),
    allocationShare: 1,
    transportFactorIds: [vehicle.perVehicleKm.id, ...distanceParameterIds, PARAMETER_IDS.emptyReturn],
  });
}

/** How a round's emissions were obtained, for `allocateRound`. */
export interface RoundEmissions {
  readonly emissionsKgCo2e: number;
  readonly distance: DrivenDistance;
  readonly dataTier: DataTier;
  readonly dataSource: DataSource;
  readonly dataQuality?: DataQuality;
  /** Factor and parameter ids the round's emissions used (the allocation parameter is added here). */
  readonly factorIds: readonly string[];
  readonly stops: number;
}

/** Validates a round's orders (producer deliveries, one vehicle) and returns their masses and great-circle distances. */
export function checkedRoundOrders(orders: readonly SupplierOrderCarbonInput[]): {
  masses: number[];
  gcds: number[];
  vehicle: VehicleFactors;
} {
  if (orders == null || orders.length === 0) {
    throw new CarbonInputError('orders', 'a round needs at least one supplier order');
  }
  const masses = new Array<number>(orders.length);
  const gcds = new Array<number>(orders.length);
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i];
    const fieldPrefix = `orders[${i}].`;
    masses[i] = checkedOrderMassKg(order, fieldPrefix);
    if (order.deliveryOption.mode !== 'PRODUCER_DELIVERY') {
      throw new CarbonInputError(`${fieldPrefix}deliveryOption.mode`, 'only producer deliveries make a round');
    }
    if (order.deliveryOption.vehicleId !== orders[0].deliveryOption.vehicleId) {
      throw new CarbonInputError(
        `${fieldPrefix}deliveryOption.vehicleId`,
        'every order of a round uses the same vehicle',
      );
    }
    gcds[i] = greatCircleKm(order.producerLocation, order.deliveryLocation);
  }
  return { masses, gcds, vehicle: resolveVehicle(orders[0], 'orders[0].') };
}

/**
 * §1.4 / §7.3 allocation: `share_i = m_i × gcd_i / Σ_j m_j × gcd_j` of the round's emissions, gcd from the producer
 * to order i's delivery point. Every drop at the producer's own address leaves no distance to share by; mass is
 * then the only fair key.
 */
export function allocateRound(orders: readonly SupplierOrderCarbonInput[], round: RoundEmissions): CarbonFootprint[] {
  const { masses, gcds, vehicle } = checkedRoundOrders(orders);
  let totalMassKg = 0;
  let totalActivity = 0;
  for (let i = 0; i < orders.length; i++) {
    totalMassKg += masses[i];
    totalActivity += masses[i] * gcds[i];
  }
  const transportFactorIds = totalActivity > 0 ? [...round.factorIds, PARAMETER_IDS.allocation] : [...round.factorIds];
  return orders.map((order, i) => {
    const allocationShare = totalActivity > 0 ? (masses[i] * gcds[i]) / totalActivity : masses[i] / totalMassKg;
    return buildFootprint(order, masses[i], {
      deliveryPath: 'ROUND',
      scope: 'SCOPE3_CAT4',
      gcdKm: gcds[i],
      distance: round.distance,
      activityKm: gcds[i],
      vehicle,
      vehicleFactor: vehicle.perVehicleKm,
      emissionsKgCo2e: round.emissionsKgCo2e * allocationShare,
      allocationShare,
      transportFactorIds,
      dataTier: round.dataTier,
      dataSource: round.dataSource,
      dataQuality: round.dataQuality,
      round: {
        vkm: round.distance.km,
        emissionsKgCo2e: round.emissionsKgCo2e,
        stops: round.stops,
        orders: orders.length,
      },
    });
  });
}

/**
 * A producer's delivery round: several supplier orders delivered the same day with the same vehicle, with the
 * round's odometer distance (departure to return, so no empty return is added). The round's emissions are
 * round km × the vehicle's factor, split by ISO 14083 transport activity (`allocateRound`). Any odometer or routed
 * distance recorded on the orders themselves is ignored: the round's reading replaces them.
 */
export function roundFootprints(
  orders: readonly SupplierOrderCarbonInput[],
  roundOdometerKm: number,
): CarbonFootprint[] {
  if (orders == null || orders.length === 0) {
    throw new CarbonInputError('orders', 'a round needs at least one supplier order');
  }
  if (!(Number.isFinite(roundOdometerKm) && roundOdometerKm >= 0)) {
    throw new CarbonInputError('roundOdometerKm', 'must be a finite distance of 0 km or more');
  }
  const { vehicle } = checkedRoundOrders(orders);
  return allocateRound(orders, {
    emissionsKgCo2e: roundOdometerKm * vehicle.perVehicleKm.value,
    distance: { km: roundOdometerKm, type: 'ODOMETER' },
    dataTier: 'MODELLED',
    dataSource: 'PRIMARY_DISTANCE',
    factorIds: [vehicle.perVehicleKm.id],
    stops: new Set(orders.map((order) => `${order.deliveryLocation.latitude},${order.deliveryLocation.longitude}`))
      .size,
  });
}
