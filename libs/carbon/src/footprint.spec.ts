import { CarbonInputError } from './carbon-input-error';
import factorsJson from './data/emission-factors.json';
import { EARTH_RADIUS_KM, type GeoPoint } from './distance';
import { METHOD_VERSION } from './factors';
import { type SupplierOrderCarbonInput, roundFootprints, supplierOrderFootprint } from './footprint';

/** The method's tolerance (§8): 0.01 kgCO2e. Two bounds rather than a difference, so a failure shows the value. */
function expectKg(actual: number, expected: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - 0.01);
  expect(actual).toBeLessThanOrEqual(expected + 0.01);
}

/** Along a meridian the great circle is R × Δlatitude, so this point is `km` north of `point` (south if < 0). */
function kmNorthOf(point: GeoPoint, km: number): GeoPoint {
  return { latitude: point.latitude + ((km / EARTH_RADIUS_KM) * 180) / Math.PI, longitude: point.longitude };
}

const farm: GeoPoint = { latitude: 46.1716, longitude: 1.8717 }; // Guéret, Creuse

describe('worked example AC1 (method §8, data file worked_example)', () => {
  const ac1 = factorsJson.worked_example;
  const order: SupplierOrderCarbonInput = {
    lines: [{ massKg: ac1.inputs.mass_kg, category: 'FRESH_VEGETABLES' }],
    producerLocation: farm,
    deliveryLocation: kmNorthOf(farm, ac1.inputs.gcd_km),
    deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: ac1.inputs.vehicle_id },
  };

  it('dedicated diesel van with an empty return emits more than the conventional chain', () => {
    const footprint = supplierOrderFootprint(order);
    expect(footprint.distanceKm).toBeCloseTo(ac1.steps.actual_km_one_way, 6);
    expectKg(footprint.emissionsKgCo2e, ac1.expected.local_kgco2e);
    expectKg(footprint.baselineKgCo2e, ac1.expected.baseline_kgco2e);
    expectKg(footprint.savedKgCo2e, ac1.expected.saved_kgco2e);
    expect(footprint).toMatchObject({
      methodVersion: METHOD_VERSION,
      deliveryPath: 'DEDICATED_TRIP',
      distanceType: 'GCD_ESTIMATED',
      vehicleId: 'vul_diesel',
      vehicleAssumed: false,
      massKg: 120,
      scope: 'SCOPE3_CAT4',
      dataTier: 'DEFAULT',
      shortCircuit: true,
      allocationShare: 1,
    });
    expect(footprint.tkm).toBeCloseTo(0.12 * ac1.steps.actual_km_one_way, 9);
    expect(footprint.factorIds).toEqual([
      'vehicles.vul_diesel.kgco2e_per_vkm_wtw',
      'parameters.circuity_gcd_to_road',
      'parameters.daf_road',
      'parameters.empty_return_factor_dedicated_trip',
      'baseline.categories.fresh_vegetables',
      'vehicles.articule_40t_diesel_groupe_froid.kgco2e_per_tkm_wtw',
      'vehicles.porteur_19t_diesel_messagerie_frigo.kgco2e_per_tkm_wtw',
    ]);
  });

  it('the same parcel through a shared express carrier saves carbon', () => {
    const footprint = supplierOrderFootprint({
      ...order,
      deliveryOption: { mode: 'CARRIER', vehicleId: 'vul_diesel' },
    });
    expectKg(footprint.emissionsKgCo2e, ac1.variant_carrier_intensity.local_kgco2e);
    expectKg(footprint.savedKgCo2e, ac1.variant_carrier_intensity.saved_kgco2e);
    expect(footprint).toMatchObject({ deliveryPath: 'CARRIER', scope: 'SCOPE3_CAT4' });
    expect(footprint.vehicleFactor.id).toBe('vehicles.vul_diesel.kgco2e_per_tkm_wtw');
  });
});

describe('supplierOrderFootprint, cases computed by hand from §7.2 and the data file', () => {
  it('dedicated refrigerated van trip on a routed distance', () => {
    // 80 kg cheese, router says 20 km, vul_diesel_frigo 0.61052 kgCO2e/vkm.
    // driven one way = 20 × 1.05 = 21 km; vehicle-km = 21 × (1 + 1.0) = 42; E = 42 × 0.61052 = 25.64184
    // B = 0.080 t × (450 × 0.10195 + 150 × 0.3122) = 0.080 × 92.7075 = 7.4166; S = 7.4166 − 25.64184 = −18.22524
    const footprint = supplierOrderFootprint({
      lines: [{ massKg: 80, category: 'DAIRY_CHEESE' }],
      producerLocation: farm,
      deliveryLocation: kmNorthOf(farm, 15),
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel_frigo' },
      routedKm: 20,
    });
    expectKg(footprint.emissionsKgCo2e, 25.64184);
    expectKg(footprint.baselineKgCo2e, 7.4166);
    expectKg(footprint.savedKgCo2e, -18.22524);
    expect(footprint.distanceType).toBe('ROUTED');
    expect(footprint.distanceKm).toBeCloseTo(21, 9);
    expect(footprint.tkm).toBeCloseTo(1.68, 9); // 0.080 t × 21 km
    expect(footprint.gcdKm).toBeCloseTo(15, 9);
    expect(footprint.proximityBand).toBe('très local');
    expect(footprint.factorIds).not.toContain('parameters.circuity_gcd_to_road');
  });

  it('carrier, intensity per t·km', () => {
    // 250 kg beverages, 90 km great circle, 19 t rigid groupage 0.34236 kgCO2e/t·km.
    // driven = 90 × 1.30 × 1.05 = 122.85 km; t·km = 0.25 × 122.85 = 30.7125; E = 30.7125 × 0.34236 = 10.5147315
    // B = 0.25 × (450 × 0.08572 + 150 × 0.34236) = 0.25 × 89.928 = 22.482; S = 22.482 − 10.5147315 = 11.9672685
    const footprint = supplierOrderFootprint({
      lines: [{ massKg: 250, category: 'BEVERAGES' }],
      producerLocation: farm,
      deliveryLocation: kmNorthOf(farm, 90),
      deliveryOption: { mode: 'CARRIER', vehicleId: 'porteur_19t_diesel_messagerie' },
    });
    expectKg(footprint.emissionsKgCo2e, 10.5147315);
    expectKg(footprint.baselineKgCo2e, 22.482);
    expectKg(footprint.savedKgCo2e, 11.9672685);
    expect(footprint.tkm).toBeCloseTo(30.7125, 9);
    expect(footprint).toMatchObject({ deliveryPath: 'CARRIER', scope: 'SCOPE3_CAT4', proximityBand: 'local' });
  });

  it('carrier with no vehicle declared uses the express van of the method’s carrier example', () => {
    // 250 kg over 122.85 km × 1.10261 (vul_diesel t·km) = 33.8639...
    const footprint = supplierOrderFootprint({
      lines: [{ massKg: 250, category: 'BEVERAGES' }],
      producerLocation: farm,
      deliveryLocation: kmNorthOf(farm, 90),
      deliveryOption: { mode: 'CARRIER' },
    });
    expect(footprint).toMatchObject({ vehicleId: 'vul_diesel', vehicleAssumed: true });
    expectKg(footprint.emissionsKgCo2e, 0.25 * 122.85 * 1.10261);
  });

  const eggsPickup = (vehicleId?: string): SupplierOrderCarbonInput => ({
    lines: [{ massKg: 12, category: 'EGGS' }],
    producerLocation: farm,
    deliveryLocation: kmNorthOf(farm, 10),
    deliveryOption: { mode: 'PICKUP', vehicleId },
  });

  it('pickup by car: the buyer’s own trip, Scope 1 of the buyer', () => {
    // 12 kg eggs, 10 km great circle, petrol/diesel car 0.192 kgCO2e/vkm.
    // driven one way = 10 × 1.365 = 13.65 km; there and back = 27.3 vkm; E = 27.3 × 0.192 = 5.2416
    // B = 0.012 × 89.928 = 1.079136; S = 1.079136 − 5.2416 = −4.162464
    const footprint = supplierOrderFootprint(eggsPickup('voiture_thermique'));
    expectKg(footprint.emissionsKgCo2e, 5.2416);
    expectKg(footprint.baselineKgCo2e, 1.079136);
    expectKg(footprint.savedKgCo2e, -4.162464);
    expect(footprint).toMatchObject({ deliveryPath: 'BUYER_PICKUP', scope: 'SCOPE1_BUYER', vehicleAssumed: false });
  });

  it('pickup with no vehicle declared assumes the car', () => {
    const footprint = supplierOrderFootprint(eggsPickup());
    expect(footprint).toMatchObject({ vehicleId: 'voiture_thermique', vehicleAssumed: true, scope: 'SCOPE1_BUYER' });
    expectKg(footprint.emissionsKgCo2e, 5.2416);
  });

  it('pickup on foot or by bike emits nothing and saves the whole baseline', () => {
    // velo_marche: 0 kgCO2e/vkm → E = 0; S = B = 1.079136
    const footprint = supplierOrderFootprint(eggsPickup('velo_marche'));
    expect(footprint.emissionsKgCo2e).toBe(0);
    expectKg(footprint.savedKgCo2e, 1.079136);
    expect(footprint.scope).toBe('SCOPE1_BUYER');
  });

  it('odometer read at delivery replaces the estimate, the empty return is still added', () => {
    // 50 kg fruit, 22 km great circle but 30 km on the odometer, vul_diesel 0.5072 kgCO2e/vkm.
    // E = 30 × (1 + 1.0) × 0.5072 = 30.432; B = 0.05 × 92.7075 = 4.635375; S = −25.796625
    const footprint = supplierOrderFootprint({
      lines: [{ massKg: 50, category: 'FRESH_FRUITS' }],
      producerLocation: farm,
      deliveryLocation: kmNorthOf(farm, 22),
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
      routedKm: 25,
      odometerKm: 30,
    });
    expectKg(footprint.emissionsKgCo2e, 30.432);
    expectKg(footprint.savedKgCo2e, -25.796625);
    expect(footprint).toMatchObject({ distanceType: 'ODOMETER', distanceKm: 30, dataTier: 'MODELLED', tkm: 1.5 });
    expect(footprint.factorIds).not.toContain('parameters.daf_road');
  });

  it('mixed categories: a baseline per line, the trip’s emissions split by mass', () => {
    // Dedicated vul_diesel trip, 20 km great circle: driven 20 × 1.365 = 27.3 km, 54.6 vkm,
    // E = 54.6 × 0.5072 = 27.69312
    // Lines (60 kg): meat 30 kg → 1/2 → 13.84656; bread 20 kg → 1/3 → 9.23104; crafts 10 kg → 1/6 → 4.61552
    // Baselines: meat 0.03 × 92.7075 = 2.781225; bread 0.02 × 89.928 = 1.79856;
    //            crafts 0.01 × (500 × 0.08572 + 500 × 0.34236 = 214.04) = 2.1404; total 6.720185
    // Saved: meat −11.065335; bread −7.43248; crafts −2.47512; order 6.720185 − 27.69312 = −20.972935
    const footprint = supplierOrderFootprint({
      lines: [
        { massKg: 30, category: 'MEAT_CHARCUTERIE' },
        { massKg: 20, category: 'BAKERY' },
        { massKg: 10, category: 'CRAFTS_NON_FOOD' },
      ],
      producerLocation: farm,
      deliveryLocation: kmNorthOf(farm, 20),
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
    });
    expectKg(footprint.emissionsKgCo2e, 27.69312);
    expectKg(footprint.baselineKgCo2e, 6.720185);
    expectKg(footprint.savedKgCo2e, -20.972935);
    const expectedLines = [
      { category: 'MEAT_CHARCUTERIE', emissions: 13.84656, baseline: 2.781225, saved: -11.065335 },
      { category: 'BAKERY', emissions: 9.23104, baseline: 1.79856, saved: -7.43248 },
      { category: 'CRAFTS_NON_FOOD', emissions: 4.61552, baseline: 2.1404, saved: -2.47512 },
    ];
    expect(footprint.lines.map((line) => line.category)).toEqual(expectedLines.map((line) => line.category));
    footprint.lines.forEach((line, i) => {
      expectKg(line.emissionsKgCo2e, expectedLines[i].emissions);
      expectKg(line.baselineKgCo2e, expectedLines[i].baseline);
      expectKg(line.savedKgCo2e, expectedLines[i].saved);
    });
    expect(footprint.lines[2].baselineFactorIds[0]).toBe('baseline.categories.crafts_non_food');
    expect(footprint.factorIds).toEqual(
      expect.arrayContaining([
        'baseline.categories.meat_charcuterie',
        'baseline.categories.bakery',
        'baseline.categories.crafts_non_food',
      ]),
    );
  });

  it('is a short circuit when every line has at most one intermediary', () => {
    const withIntermediaries = (counts: number[]) =>
      supplierOrderFootprint({
        lines: counts.map((intermediaries) => ({ massKg: 5, category: 'EGGS' as const, intermediaries })),
        producerLocation: farm,
        deliveryLocation: kmNorthOf(farm, 400),
        deliveryOption: { mode: 'CARRIER', vehicleId: 'vul_diesel' },
      });
    expect(withIntermediaries([0, 1]).shortCircuit).toBe(true); // 400 km away: no distance criterion
    const twoIntermediaries = withIntermediaries([1, 2]);
    expect(twoIntermediaries.shortCircuit).toBe(false);
    expect(twoIntermediaries.lines.map((line) => line.shortCircuit)).toEqual([true, false]);
  });
});

describe('roundFootprints', () => {
  const drop = (massKg: number, category: 'MEAT_CHARCUTERIE' | 'DAIRY_CHEESE' | 'EGGS', kmNorth: number) => ({
    lines: [{ massKg, category }],
    producerLocation: farm,
    deliveryLocation: kmNorthOf(farm, kmNorth),
    deliveryOption: { mode: 'PRODUCER_DELIVERY' as const, vehicleId: 'vul_diesel' },
  });

  it('splits the odometer round by mass × great-circle distance (ISO 14083)', () => {
    // Round of 60 km on the odometer with vul_diesel: E_round = 60 × 0.5072 = 30.432 (no empty return added).
    // mass × GCD: A 100 kg × 10 km = 1000; B 50 × 20 = 1000; C 200 × 15 (south) = 3000; Σ = 5000
    // shares 0.2, 0.2, 0.6 → E = 6.0864, 6.0864, 18.2592
    // Baselines: A 0.1 × 92.7075 = 9.27075; B 0.05 × 92.7075 = 4.635375; C 0.2 × 89.928 = 17.9856
    // Saved: A 3.18435; B −1.451025; C −0.2736
    const footprints = roundFootprints(
      [drop(100, 'MEAT_CHARCUTERIE', 10), drop(50, 'DAIRY_CHEESE', 20), drop(200, 'EGGS', -15)],
      60,
    );
    const expected = [
      { share: 0.2, emissions: 6.0864, saved: 3.18435, tkm: 1 },
      { share: 0.2, emissions: 6.0864, saved: -1.451025, tkm: 1 },
      { share: 0.6, emissions: 18.2592, saved: -0.2736, tkm: 3 },
    ];
    footprints.forEach((footprint, i) => {
      expect(footprint.allocationShare).toBeCloseTo(expected[i].share, 9);
      expectKg(footprint.emissionsKgCo2e, expected[i].emissions);
      expectKg(footprint.savedKgCo2e, expected[i].saved);
      expect(footprint.tkm).toBeCloseTo(expected[i].tkm, 9);
      expect(footprint).toMatchObject({
        deliveryPath: 'ROUND',
        distanceType: 'ODOMETER',
        distanceKm: 60,
        scope: 'SCOPE3_CAT4',
        dataTier: 'MODELLED',
      });
      expect(footprint.factorIds).toContain('parameters.allocation');
    });
    expect(footprints.reduce((sum, footprint) => sum + footprint.allocationShare, 0)).toBeCloseTo(1, 12);
    expect(footprints.reduce((sum, footprint) => sum + footprint.emissionsKgCo2e, 0)).toBeCloseTo(30.432, 9);
  });

  it('ignores the orders’ own odometer readings: the round’s replaces them', () => {
    const alone = roundFootprints([drop(100, 'EGGS', 10)], 24);
    const withReading = roundFootprints([{ ...drop(100, 'EGGS', 10), odometerKm: 999 }], 24);
    expect(withReading[0].emissionsKgCo2e).toBe(alone[0].emissionsKgCo2e);
    expectKg(alone[0].emissionsKgCo2e, 24 * 0.5072); // 12.1728
  });

  it('splits by mass when every drop is at the producer’s own address', () => {
    const footprints = roundFootprints([drop(30, 'EGGS', 0), drop(10, 'EGGS', 0)], 8);
    expect(footprints.map((footprint) => footprint.allocationShare)).toEqual([0.75, 0.25]);
  });
});

describe('invalid inputs throw a CarbonInputError naming the field', () => {
  const valid: SupplierOrderCarbonInput = {
    lines: [{ massKg: 10, category: 'EGGS' }],
    producerLocation: farm,
    deliveryLocation: kmNorthOf(farm, 10),
    deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
  };
  const withLine = (line: object) => ({ ...valid, lines: [valid.lines[0], line] }) as SupplierOrderCarbonInput;

  it.each<[string, SupplierOrderCarbonInput, string]>([
    ['no line', { ...valid, lines: [] }, 'lines'],
    ['a mass of 0', withLine({ massKg: 0, category: 'EGGS' }), 'lines[1].massKg'],
    ['a negative mass', withLine({ massKg: -2, category: 'EGGS' }), 'lines[1].massKg'],
    ['a NaN mass', withLine({ massKg: NaN, category: 'EGGS' }), 'lines[1].massKg'],
    ['an infinite mass', withLine({ massKg: Infinity, category: 'EGGS' }), 'lines[1].massKg'],
    ['an unknown category', withLine({ massKg: 1, category: 'CHEESE' }), 'lines[1].category'],
    [
      'negative intermediaries',
      withLine({ massKg: 1, category: 'EGGS', intermediaries: -1 }),
      'lines[1].intermediaries',
    ],
    ['1.5 intermediaries', withLine({ massKg: 1, category: 'EGGS', intermediaries: 1.5 }), 'lines[1].intermediaries'],
    ['a NaN latitude', { ...valid, producerLocation: { latitude: NaN, longitude: 2 } }, 'producerLocation.latitude'],
    ['a latitude of 91', { ...valid, deliveryLocation: { latitude: 91, longitude: 2 } }, 'deliveryLocation.latitude'],
    [
      'an infinite longitude',
      { ...valid, deliveryLocation: { latitude: 46, longitude: -Infinity } },
      'deliveryLocation.longitude',
    ],
    ['a negative odometer', { ...valid, odometerKm: -1 }, 'odometerKm'],
    ['a NaN odometer', { ...valid, odometerKm: NaN }, 'odometerKm'],
    ['a negative routed distance', { ...valid, routedKm: -5 }, 'routedKm'],
    [
      'an unknown vehicle',
      { ...valid, deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'tractor' } },
      'deliveryOption.vehicleId',
    ],
    [
      'a producer delivery without vehicle',
      { ...valid, deliveryOption: { mode: 'PRODUCER_DELIVERY' } },
      'deliveryOption.vehicleId',
    ],
    [
      'a carrier with a car (no t·km factor)',
      { ...valid, deliveryOption: { mode: 'CARRIER', vehicleId: 'voiture_thermique' } },
      'deliveryOption.vehicleId',
    ],
    [
      'an unknown mode',
      { ...valid, deliveryOption: { mode: 'DRONE' } } as unknown as SupplierOrderCarbonInput,
      'deliveryOption.mode',
    ],
  ])('%s', (_case, order, field) => {
    expect(() => supplierOrderFootprint(order)).toThrow(CarbonInputError);
    expect(() => supplierOrderFootprint(order)).toThrow(expect.objectContaining({ field }));
  });

  it.each<[string, SupplierOrderCarbonInput[], number, string]>([
    ['an empty round', [], 10, 'orders'],
    ['a negative round odometer', [valid], -1, 'roundOdometerKm'],
    ['an infinite round odometer', [valid], Infinity, 'roundOdometerKm'],
    [
      'two vehicles',
      [valid, { ...valid, deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_electrique' } }],
      10,
      'orders[1].deliveryOption.vehicleId',
    ],
    [
      'a pickup in a round',
      [valid, { ...valid, deliveryOption: { mode: 'PICKUP' } }],
      10,
      'orders[1].deliveryOption.mode',
    ],
    [
      'a bad line in the second order',
      [valid, { ...valid, lines: [{ massKg: 0, category: 'EGGS' }] }],
      10,
      'orders[1].lines[0].massKg',
    ],
  ])('round with %s', (_case, orders, odometerKm, field) => {
    expect(() => roundFootprints(orders, odometerKm)).toThrow(CarbonInputError);
    expect(() => roundFootprints(orders, odometerKm)).toThrow(expect.objectContaining({ field }));
  });
});
