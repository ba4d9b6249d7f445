import { CarbonInputError } from './carbon-input-error';
import { EARTH_RADIUS_KM } from './distance';
import { supplierOrderFootprint } from './footprint';
import { roundKgCo2e, sumFootprints } from './totals';

const farm = { latitude: 46.1716, longitude: 1.8717 };
/** Along a meridian the great circle is R × Δlatitude. */
const kmNorth = (km: number) => ({
  latitude: farm.latitude + ((km / EARTH_RADIUS_KM) * 180) / Math.PI,
  longitude: farm.longitude,
});

describe('sumFootprints (an Order’s footprint)', () => {
  // Van delivery: 120 kg vegetables, 35 km → E 48.46296, B 11.1249 (AC1).
  // Buyer's car pickup: 12 kg eggs, 10 km → E 5.2416, B 1.079136.
  const delivered = supplierOrderFootprint({
    lines: [{ massKg: 120, category: 'FRESH_VEGETABLES' }],
    producerLocation: farm,
    deliveryLocation: kmNorth(35),
    deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
  });
  const pickedUp = supplierOrderFootprint({
    lines: [{ massKg: 12, category: 'EGGS', intermediaries: 2 }],
    producerLocation: farm,
    deliveryLocation: kmNorth(10),
    deliveryOption: { mode: 'PICKUP', vehicleId: 'voiture_thermique' },
    odometerKm: 12,
  });

  it('adds the supplier orders and keeps the buyer’s own trips out of Scope 3', () => {
    const total = sumFootprints([delivered, pickedUp]);
    expect(total.massKg).toBe(132);
    expect(total.scope3Cat4KgCo2e).toBe(delivered.emissionsKgCo2e);
    expect(total.scope1BuyerKgCo2e).toBe(pickedUp.emissionsKgCo2e);
    expect(total.emissionsKgCo2e).toBeCloseTo(delivered.emissionsKgCo2e + pickedUp.emissionsKgCo2e, 12);
    expect(total.baselineKgCo2e).toBeCloseTo(11.1249 + 1.079136, 9);
    expect(total.savedKgCo2e).toBeCloseTo(total.baselineKgCo2e - total.emissionsKgCo2e, 12);
    expect(total.tkm).toBeCloseTo(delivered.tkm + pickedUp.tkm, 12);
  });

  it('describes what the parts share, and the weakest of what they do not', () => {
    const total = sumFootprints([delivered, pickedUp]);
    expect(total.scope).toBeNull();
    expect(total.vehicleId).toBeNull();
    expect(total.distanceType).toBe('GCD_ESTIMATED'); // the van's estimate, not the pickup's odometer
    expect(total.shortCircuit).toBe(false); // the eggs went through 2 intermediaries
    expect(total.proximityBand).toBe(delivered.proximityBand); // the farther producer
    // (120 × 47.775 + 12 × 12) / 132 = 44.5227...
    expect(total.distanceKm).toBeCloseTo((120 * 47.775 + 12 * 12) / 132, 9);
    expect(total.methodVersion).toBe(delivered.methodVersion);

    const alone = sumFootprints([delivered]);
    expect(alone).toMatchObject({ scope: 'SCOPE3_CAT4', vehicleId: 'vul_diesel', shortCircuit: true });
    expect(alone.emissionsKgCo2e).toBe(delivered.emissionsKgCo2e);
  });

  it('refuses an order without supplier orders', () => {
    expect(() => sumFootprints([])).toThrow(CarbonInputError);
  });
});

describe('roundKgCo2e', () => {
  it.each([
    [48.46296, 48.46],
    [-37.33806, -37.34],
    [0.125, 0.13], // exact halves in binary: away from zero, both signs
    [-0.125, -0.13],
    [-0.004, 0],
    [11.1249, 11.12],
  ])('%p → %p', (raw, shown) => {
    expect(roundKgCo2e(raw)).toBe(shown);
  });

  it('never shows a negative zero', () => {
    expect(Object.is(roundKgCo2e(-0.001), 0)).toBe(true);
  });
});
