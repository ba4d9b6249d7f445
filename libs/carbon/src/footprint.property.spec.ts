import fc from 'fast-check';
import { EARTH_RADIUS_KM, type GeoPoint } from './distance';
import { PRODUCT_CATEGORIES, VEHICLE_IDS, VEHICLES } from './factors';
import { type SupplierOrderCarbonInput, roundFootprints, supplierOrderFootprint } from './footprint';

function kmNorthOf(point: GeoPoint, km: number): GeoPoint {
  return { latitude: point.latitude + ((km / EARTH_RADIUS_KM) * 180) / Math.PI, longitude: point.longitude };
}

/** Non-decreasing, allowing for the last bits of floating-point noise in the trigonometry. */
function expectNotBelow(later: number, earlier: number): void {
  expect(later).toBeGreaterThanOrEqual(earlier - 1e-9 * Math.max(1, Math.abs(earlier)));
}

const massKg = fc.double({ min: 0.001, max: 20_000, noNaN: true });
const km = fc.double({ min: 0, max: 2_000, noNaN: true });
const line = fc.record({
  massKg,
  category: fc.constantFrom(...PRODUCT_CATEGORIES),
  intermediaries: fc.option(fc.nat(4), { nil: undefined }),
});
const point = fc.record({
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});
const anyVehicle = fc.constantFrom(...VEHICLE_IDS);
const goodsVehicle = fc.constantFrom(...VEHICLE_IDS.filter((id) => VEHICLES.get(id)!.perTonneKm !== null));
const deliveryOption = fc.oneof(
  anyVehicle.map((vehicleId) => ({ mode: 'PRODUCER_DELIVERY' as const, vehicleId })),
  fc.option(anyVehicle, { nil: undefined }).map((vehicleId) => ({ mode: 'PICKUP' as const, vehicleId })),
  fc.option(goodsVehicle, { nil: undefined }).map((vehicleId) => ({ mode: 'CARRIER' as const, vehicleId })),
);
const order: fc.Arbitrary<SupplierOrderCarbonInput> = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 6 }),
  producerLocation: point,
  deliveryLocation: point,
  deliveryOption,
  routedKm: fc.option(km, { nil: undefined }),
  odometerKm: fc.option(km, { nil: undefined }),
});

describe('footprint properties', () => {
  it('emissions are never negative and saved is exactly baseline − emissions, for the order and each line', () => {
    fc.assert(
      fc.property(order, (input) => {
        const footprint = supplierOrderFootprint(input);
        expect(footprint.emissionsKgCo2e).toBeGreaterThanOrEqual(0);
        expect(footprint.savedKgCo2e).toBe(footprint.baselineKgCo2e - footprint.emissionsKgCo2e);
        for (const lineFootprint of footprint.lines) {
          expect(lineFootprint.emissionsKgCo2e).toBeGreaterThanOrEqual(0);
          expect(lineFootprint.savedKgCo2e).toBe(lineFootprint.baselineKgCo2e - lineFootprint.emissionsKgCo2e);
        }
      }),
    );
  });

  it('the lines’ mass shares sum to 1 and their emissions to the order’s', () => {
    fc.assert(
      fc.property(order, (input) => {
        const footprint = supplierOrderFootprint(input);
        const shares = footprint.lines.reduce((sum, lineFootprint) => sum + lineFootprint.massShare, 0);
        const emissions = footprint.lines.reduce((sum, lineFootprint) => sum + lineFootprint.emissionsKgCo2e, 0);
        expect(shares).toBeCloseTo(1, 9);
        expect(Math.abs(emissions - footprint.emissionsKgCo2e)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, footprint.emissionsKgCo2e),
        );
      }),
    );
  });

  it('emissions do not decrease when the buyer is farther away', () => {
    const producerLocation = fc.record({
      latitude: fc.double({ min: -60, max: 30, noNaN: true }), // + 2 × 27° (3000 km) stays below the pole
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(
        order,
        producerLocation,
        fc.double({ min: 0, max: 3_000, noNaN: true }),
        fc.double({ min: 0, max: 3_000, noNaN: true }),
        (input, producer, nearKm, extraKm) => {
          const at = (gcdKm: number) =>
            supplierOrderFootprint({
              ...input,
              producerLocation: producer,
              deliveryLocation: kmNorthOf(producer, gcdKm),
              routedKm: undefined,
              odometerKm: undefined,
            }).emissionsKgCo2e;
          expectNotBelow(at(nearKm + extraKm), at(nearKm));
        },
      ),
    );
  });

  it('emissions do not decrease with a longer odometer or routed distance', () => {
    fc.assert(
      fc.property(order, km, km, fc.boolean(), (input, shorterKm, extraKm, useOdometer) => {
        const at = (distanceKm: number) =>
          supplierOrderFootprint(
            useOdometer
              ? { ...input, odometerKm: distanceKm }
              : { ...input, routedKm: distanceKm, odometerKm: undefined },
          ).emissionsKgCo2e;
        expectNotBelow(at(shorterKm + extraKm), at(shorterKm));
      }),
    );
  });

  it('emissions and baseline do not decrease when a line is heavier', () => {
    fc.assert(
      fc.property(order, fc.nat(5), massKg, (input, lineIndex, extraKg) => {
        const heavierIndex = lineIndex % input.lines.length;
        const heavier = {
          ...input,
          lines: input.lines.map((l, i) => (i === heavierIndex ? { ...l, massKg: l.massKg + extraKg } : l)),
        };
        const before = supplierOrderFootprint(input);
        const after = supplierOrderFootprint(heavier);
        expectNotBelow(after.emissionsKgCo2e, before.emissionsKgCo2e);
        expectNotBelow(after.baselineKgCo2e, before.baselineKgCo2e);
      }),
    );
  });
});

describe('round properties', () => {
  const drop = fc.record({
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    deliveryLocation: point,
  });

  it('allocation shares sum to 1 and the orders’ emissions to the round’s', () => {
    fc.assert(
      fc.property(
        point,
        fc.array(drop, { minLength: 1, maxLength: 8 }),
        anyVehicle,
        km,
        (producerLocation, drops, vehicleId, roundKm) => {
          const orders = drops.map((d) => ({
            ...d,
            producerLocation,
            deliveryOption: { mode: 'PRODUCER_DELIVERY' as const, vehicleId },
          }));
          const footprints = roundFootprints(orders, roundKm);
          const roundEmissions = roundKm * VEHICLES.get(vehicleId)!.perVehicleKm.value;
          const shares = footprints.reduce((sum, footprint) => sum + footprint.allocationShare, 0);
          const emissions = footprints.reduce((sum, footprint) => sum + footprint.emissionsKgCo2e, 0);
          expect(shares).toBeCloseTo(1, 9);
          expect(Math.abs(emissions - roundEmissions)).toBeLessThanOrEqual(1e-9 * Math.max(1, roundEmissions));
          for (const footprint of footprints) {
            expect(footprint.allocationShare).toBeGreaterThanOrEqual(0);
            expect(footprint.savedKgCo2e).toBe(footprint.baselineKgCo2e - footprint.emissionsKgCo2e);
          }
        },
      ),
    );
  });
});
