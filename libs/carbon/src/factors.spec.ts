import factorsJson from './data/emission-factors.json';
import { CATEGORY_BASELINES, METHOD_VERSION, PRODUCT_CATEGORIES, VEHICLES, deriveMethodVersion } from './factors';

describe('method version', () => {
  it('names the method, the declared factors version and a content hash', () => {
    const [method, rest] = METHOD_VERSION.split('/');
    expect(method).toBe('1.0');
    expect(rest).toMatch(/^[^+]+\+[0-9a-f]{8}$/);
    expect(rest.split('+')[0]).toBe(factorsJson.schema_version);
  });

  it('stays for the same content and changes with one factor, the declared version unchanged', () => {
    const copy = structuredClone(factorsJson);
    expect(deriveMethodVersion(copy)).toBe(METHOD_VERSION);
    copy.vehicles[0].kgco2e_per_vkm_wtw = 0.5073;
    expect(deriveMethodVersion(copy)).not.toBe(METHOD_VERSION);
  });
});

describe('baselines', () => {
  it.each(factorsJson.baseline.categories.map((category) => [category.id, category.baseline_kgco2e_per_t]))(
    '%s: the legs × t·km factors agree with the file’s own total of %p kgCO2e/t',
    (id, fileTotal) => {
      // The file's total was computed from unrounded factors; the legs use the 5-decimal ones, hence 0.01.
      const baseline = CATEGORY_BASELINES.get(id.toUpperCase())!;
      expect(Math.abs(baseline.kgCo2ePerTonne - fileTotal)).toBeLessThan(0.01);
    },
  );

  it('covers every product category and records the legs’ factors', () => {
    expect([...CATEGORY_BASELINES.keys()].sort()).toEqual([...PRODUCT_CATEGORIES].sort());
    expect(CATEGORY_BASELINES.get('FRESH_VEGETABLES')!.factorIds).toEqual([
      'baseline.categories.fresh_vegetables',
      'vehicles.articule_40t_diesel_groupe_froid.kgco2e_per_tkm_wtw',
      'vehicles.porteur_19t_diesel_messagerie_frigo.kgco2e_per_tkm_wtw',
    ]);
  });
});

describe('vehicles', () => {
  it('makes an unsourced band use its fallback and records the fallback’s factor id', () => {
    const rigid20to26 = VEHICLES.get('porteur_20_26t_diesel')!;
    const rigid19 = factorsJson.vehicles.find((vehicle) => vehicle.id === 'porteur_19t_diesel_messagerie')!;
    expect(rigid20to26.vehicleId).toBe('porteur_20_26t_diesel');
    expect(rigid20to26.perVehicleKm).toEqual({
      id: 'vehicles.porteur_19t_diesel_messagerie.kgco2e_per_vkm_wtw',
      value: rigid19.kgco2e_per_vkm_wtw,
      unit: 'kgCO2e/vkm',
    });
  });

  it('gives cars no t·km intensity', () => {
    expect(VEHICLES.get('voiture_thermique')!.perTonneKm).toBeNull();
    expect(VEHICLES.get('vul_diesel')!.perTonneKm!.value).toBe(
      factorsJson.vehicles.find((vehicle) => vehicle.id === 'vul_diesel')!.kgco2e_per_tkm_wtw,
    );
  });
});
