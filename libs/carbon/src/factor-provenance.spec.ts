import factorsJson from './data/emission-factors.json';
import { allocationMethod, distanceParametersApplied, vehicleProvenance } from './factor-provenance';
import { METHOD_VERSION } from './factors';
import { roundFootprints, supplierOrderFootprint } from './footprint';

const record = (id: string) => factorsJson.vehicles.find((vehicle) => vehicle.id === id)!;
const farm = { latitude: 46.1716, longitude: 1.8717 };
const restaurant = { latitude: 46.4, longitude: 1.9 };

describe('factor provenance for the RSE export (CARBON-METHOD.md §9)', () => {
  it('names the vehicle energy, temperature control, source and year of the factor used', () => {
    expect(vehicleProvenance({ vehicleId: 'vul_diesel', methodVersion: METHOD_VERSION })).toEqual({
      energy: 'diesel',
      temperatureControlled: false,
      source: record('vul_diesel').source,
      year: 2012,
      ttwShare: null,
      wttShare: null,
    });
    expect(
      vehicleProvenance({ vehicleId: 'articule_40t_diesel_groupe_froid', methodVersion: METHOD_VERSION })
        .temperatureControlled,
    ).toBe(true);
    expect(vehicleProvenance({ vehicleId: 'vul_electrique', methodVersion: METHOD_VERSION })).toMatchObject({
      energy: 'electricity',
      year: record('vul_electrique').year,
    });
  });

  it("states the stand-in's source for a band without its own factor", () => {
    const standIn = record(record('porteur_20_26t_diesel').fallback_vehicle_id!);
    expect(vehicleProvenance({ vehicleId: 'porteur_20_26t_diesel', methodVersion: METHOD_VERSION })).toMatchObject({
      energy: 'diesel',
      source: standIn.source,
      year: standIn.year,
    });
  });

  it("gives no TTW/WTT split while the vehicles' fuel factor (the file's default) is well-to-wheel only", () => {
    const diesel = factorsJson.fuel_emission_factors.find((fuel) => fuel.default && fuel.fuel.startsWith('diesel'))!;
    expect([diesel.ttw, diesel.wtt]).toEqual([null, null]);
    // The 2012 entries that do give a split are not the factor the vehicles' values were derived from.
    expect(factorsJson.fuel_emission_factors.some((fuel) => !fuel.default && fuel.ttw !== null)).toBe(true);
    expect(vehicleProvenance({ vehicleId: 'vul_electrique', methodVersion: METHOD_VERSION })).toMatchObject({
      ttwShare: null,
      wttShare: null,
    });
    expect(vehicleProvenance({ vehicleId: 'porteur_7_5t_diesel', methodVersion: METHOD_VERSION })).toMatchObject({
      ttwShare: null,
      wttShare: null,
    });
  });

  it('states nothing it cannot know: another version of the factors, or an unknown vehicle', () => {
    const unknown = {
      energy: null,
      temperatureControlled: null,
      source: null,
      year: null,
      ttwShare: null,
      wttShare: null,
    };
    expect(vehicleProvenance({ vehicleId: 'vul_diesel', methodVersion: '0.9/0.9.0+00000000' })).toEqual(unknown);
    expect(vehicleProvenance({ vehicleId: 'hovercraft', methodVersion: METHOD_VERSION })).toEqual(unknown);
  });

  it('names the allocation the footprint used: mass within an order, mass x great circle in a round, mass alone when no drop is away', () => {
    const drop = (deliveryLocation: typeof restaurant) => ({
      lines: [{ massKg: 10, category: 'EGGS' as const }],
      producerLocation: farm,
      deliveryLocation,
      deliveryOption: { mode: 'PRODUCER_DELIVERY' as const, vehicleId: 'vul_diesel' },
    });
    expect(allocationMethod(supplierOrderFootprint(drop(restaurant)))).toBe('mass');
    expect(
      roundFootprints([drop(restaurant), drop({ latitude: 46.3, longitude: 2.1 })], 60).map(allocationMethod),
    ).toEqual(['mass x great-circle distance (ISO 14083)', 'mass x great-circle distance (ISO 14083)']);
    const atTheFarm = roundFootprints([drop(farm), drop(farm)], 4);
    expect(atTheFarm.map(allocationMethod)).toEqual(['mass', 'mass']);
    expect(atTheFarm.map((footprint) => footprint.allocationShare)).toEqual([0.5, 0.5]);
  });

  it('lists the distance parameters a footprint applied, with the values of the file', () => {
    const estimated = supplierOrderFootprint({
      lines: [{ massKg: 12, category: 'DAIRY_CHEESE' }],
      producerLocation: farm,
      deliveryLocation: restaurant,
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
    });
    expect(distanceParametersApplied(estimated)).toEqual({
      circuity: factorsJson.parameters.circuity_gcd_to_road.value,
      daf: factorsJson.parameters.daf_road.value,
      emptyReturn: factorsJson.parameters.empty_return_factor_dedicated_trip.value,
    });
    const measured = supplierOrderFootprint({
      lines: [{ massKg: 12, category: 'DAIRY_CHEESE' }],
      producerLocation: farm,
      deliveryLocation: restaurant,
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
      odometerKm: 41,
    });
    expect(distanceParametersApplied(measured)).toMatchObject({ circuity: null, daf: null });
    expect(distanceParametersApplied({ ...estimated, methodVersion: '0.9/0.9.0+00000000' })).toEqual({
      circuity: null,
      daf: null,
      emptyReturn: null,
    });
  });
});
