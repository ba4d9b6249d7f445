import factorsJson from './data/emission-factors.json';
import { EARTH_RADIUS_KM, type GeoPoint } from './distance';
import { type SupplierOrderCarbonInput, supplierOrderFootprint } from './footprint';
import {
  coordinatesPlausible,
  dateMarginalFootprint,
  deliveredRoundFootprints,
  fuelPlausible,
  odometerPlausible,
  plannedEstimates,
  plannedRoundFootprints,
  plannedTour,
} from './planned-round';

/** Hand computations below: circuity 1.30 × DAF 1.05 = 1.365; diesel van 0.5072 kgCO2e/vkm; diesel 3.17 kgCO2e/L. */
const van = factorsJson.vehicles.find((vehicle) => vehicle.id === 'vul_diesel')!;
const diesel = factorsJson.fuel_emission_factors.find((fuel) => fuel.default)!;

function expectKg(actual: number, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 0.01);
  expect(actual).toBeLessThanOrEqual(expected + 0.01);
}

const DEGREES_PER_KM = 180 / Math.PI / EARTH_RADIUS_KM;
/** On the equator (and along a meridian) the great circle is R × Δangle: points `km` east of (0, 0). */
const east = (km: number): GeoPoint => ({ latitude: 0, longitude: km * DEGREES_PER_KM });
const north = (km: number): GeoPoint => ({ latitude: km * DEGREES_PER_KM, longitude: 0 });
const producer: GeoPoint = { latitude: 0, longitude: 0 };

const order = (deliveryLocation: GeoPoint, massKg: number): SupplierOrderCarbonInput => ({
  lines: [{ massKg, category: 'FRESH_VEGETABLES' }],
  producerLocation: producer,
  deliveryLocation,
  deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
});

describe('§7.3 planned rounds (hand-computed)', () => {
  it('the data file holds the factors the hand computations use', () => {
    expect(van.kgco2e_per_vkm_wtw).toBe(0.5072);
    expect(diesel.wtw).toBe(3.17);
    expect(factorsJson.parameters.circuity_gcd_to_road.value * factorsJson.parameters.daf_road.value).toBeCloseTo(
      1.365,
      12,
    );
  });

  it('one stop: 2 × 35 × 1.365 = 95.55 vkm → 48.463 kg, exactly Tier C (AC1)', () => {
    const single = order(north(35), 120);
    const [planned] = plannedRoundFootprints([single]);
    const tierC = supplierOrderFootprint(single);
    expectKg(planned.emissionsKgCo2e, 48.463);
    expect(planned.emissionsKgCo2e).toBeCloseTo(tierC.emissionsKgCo2e, 9);
    expect(planned.distanceKm).toBeCloseTo(95.55, 6);
    expect(planned.allocationShare).toBe(1);
    expect(planned.dataSource).toBe('MODELLED_ROUND');
    expect(plannedEstimates([single])[0]).toEqual(tierC);
  });

  it('two stops on a line: P→10→30→P = 60 km gcd → 81.9 vkm → 41.540 kg, shared 500:600', () => {
    const footprints = plannedRoundFootprints([order(north(10), 50), order(north(30), 20)]);
    expect(footprints[0].round).toMatchObject({ stops: 2, orders: 2 });
    expect(footprints[0].round!.vkm).toBeCloseTo(81.9, 6);
    expectKg(footprints[0].round!.emissionsKgCo2e, 41.54);
    expect(footprints[0].allocationShare).toBeCloseTo(5 / 11, 9);
    expectKg(footprints[0].emissionsKgCo2e, 18.882);
    expectKg(footprints[1].emissionsKgCo2e, 22.658);
    // The return leg is in the tour: no empty-return factor.
    expect(footprints[0].factorIds).not.toContain('parameters.empty_return_factor_dedicated_trip');
  });

  it('three stops with a tie: west and east both 10 km away, the lower longitude (west) goes first', () => {
    const west = east(-10);
    const tour = plannedTour(producer, [east(10), west, east(25)]);
    expect(tour.stops).toEqual([west, east(10), east(25)]);
    // 10 + 20 + 15 + 25 = 70 km gcd → 95.55 vkm
    expect(tour.legsKm.map((km) => km / 1.365)).toEqual([10, 20, 15, 25].map((km) => expect.closeTo(km, 6)));
    expect(tour.roundVkm).toBeCloseTo(95.55, 6);
    const footprints = plannedRoundFootprints([order(west, 10), order(east(10), 20), order(east(25), 40)]);
    // m × gcd = 100, 200, 1000 → shares 1/13, 2/13, 10/13 of 48.463
    expectKg(footprints[0].emissionsKgCo2e, 3.728);
    expectKg(footprints[1].emissionsKgCo2e, 7.456);
    expectKg(footprints[2].emissionsKgCo2e, 37.279);
  });

  it('a tie of equal distances at the same longitude: the lower latitude goes first', () => {
    const tour = plannedTour(producer, [north(10), north(-10)]);
    expect(tour.stops).toEqual([north(-10), north(10)]);
  });

  it('five stops: nearest neighbour P→−3→−8→5→10→20→P = 56 km gcd → 76.44 vkm → 38.770 kg, shares sum to the round', () => {
    const points = [east(5), east(10), east(-3), east(20), east(-8)];
    const tour = plannedTour(producer, points);
    expect(tour.stops).toEqual([east(-3), east(-8), east(5), east(10), east(20)]);
    expect(tour.roundVkm).toBeCloseTo(76.44, 6);
    const footprints = plannedRoundFootprints(points.map((point) => order(point, 10)));
    expectKg(footprints[0].round!.emissionsKgCo2e, 38.77);
    // m × gcd = 50, 100, 30, 200, 80 (Σ 460): the 20 km stop carries 20/46
    expectKg(footprints[3].emissionsKgCo2e, 16.857);
    expectKg(footprints[2].emissionsKgCo2e, 2.529);
    const total = footprints.reduce((sum, footprint) => sum + footprint.emissionsKgCo2e, 0);
    expect(total).toBeCloseTo(footprints[0].round!.emissionsKgCo2e, 9);
    expect(footprints.reduce((sum, footprint) => sum + footprint.allocationShare, 0)).toBeCloseTo(1, 12);
  });

  it('two orders at one delivery point are one stop', () => {
    const footprints = plannedRoundFootprints([order(north(35), 60), order(north(35), 60)]);
    expect(footprints[0].round!.stops).toBe(1);
    expectKg(footprints[0].emissionsKgCo2e + footprints[1].emissionsKgCo2e, 48.463);
  });
});

describe('§7.3 delivered rounds', () => {
  const round = [order(north(10), 50), order(north(30), 20)]; // modelled 81.9 vkm

  it('fuel litres (Tier A): 10 L × 3.17 = 31.70 kg, allocated 5/11 and 6/11', () => {
    const { footprints, flagged } = deliveredRoundFootprints(round, { fuelLitres: 10 });
    expect(flagged).toBe(false);
    expectKg(footprints[0].emissionsKgCo2e, 14.409);
    expectKg(footprints[1].emissionsKgCo2e, 17.291);
    expect(footprints[0]).toMatchObject({ dataSource: 'PRIMARY_FUEL', dataQuality: 'OK' });
  });

  it('odometer: 90 km × 0.5072 = 45.648 kg', () => {
    const { footprints } = deliveredRoundFootprints(round, { odometerKm: 90 });
    expectKg(footprints[0].emissionsKgCo2e + footprints[1].emissionsKgCo2e, 45.648);
    expect(footprints[1]).toMatchObject({ dataSource: 'PRIMARY_DISTANCE', distanceType: 'ODOMETER', distanceKm: 90 });
  });

  it('an implausible odometer is flagged and the modelled round used', () => {
    const { footprints, flagged } = deliveredRoundFootprints(round, { odometerKm: 40 });
    expect(flagged).toBe(true);
    expect(footprints[0]).toMatchObject({ dataSource: 'MODELLED_ROUND', dataQuality: 'FLAGGED' });
    expectKg(footprints[0].emissionsKgCo2e + footprints[1].emissionsKgCo2e, 41.54);
  });
});

describe('§7.3 plausibility thresholds, both sides', () => {
  it('odometer within [0.8, 4] × round_vkm', () => {
    expect(odometerPlausible(0.8 * 100, 100)).toBe(true);
    expect(odometerPlausible(79.9, 100)).toBe(false);
    expect(odometerPlausible(400, 100)).toBe(true);
    expect(odometerPlausible(400.1, 100)).toBe(false);
  });

  it('fuel implying 4–25 L/100 km', () => {
    expect(fuelPlausible(4, 100)).toBe(true);
    expect(fuelPlausible(3.9, 100)).toBe(false);
    expect(fuelPlausible(25, 100)).toBe(true);
    expect(fuelPlausible(25.1, 100)).toBe(false);
  });

  it('coordinates within 15 km of the commune centre', () => {
    expect(coordinatesPlausible(north(14.9), producer)).toBe(true);
    expect(coordinatesPlausible(north(15.1), producer)).toBe(false);
  });
});

describe('§7.3 marginal footprint of a date', () => {
  it('a cart 30 km out adds 40 km gcd to a round already 10 km out on its way, against 60 km alone', () => {
    const cart = order(north(30), 20);
    const pooled = dateMarginalFootprint([order(north(10), 50)], cart);
    expectKg(pooled.roundWithoutKgCo2e, 13.847); // 2 × 10 × 1.365 × 0.5072
    expectKg(pooled.roundWithKgCo2e, 41.54);
    expectKg(pooled.marginalKgCo2e, 27.693);
    expectKg(pooled.allocatedKgCo2e, 22.658);
    const alone = dateMarginalFootprint([], cart);
    expectKg(alone.marginalKgCo2e, 41.54);
    expectKg(alone.allocatedKgCo2e, 41.54);
  });
});
