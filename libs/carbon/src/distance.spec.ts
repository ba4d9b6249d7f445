import factorsJson from './data/emission-factors.json';
import { EARTH_RADIUS_KM, drivenDistance, greatCircleKm, proximityBand } from './distance';

describe('greatCircleKm', () => {
  const gueret = { latitude: 46.1716, longitude: 1.8717 };

  it('is zero from a point to itself and the same both ways', () => {
    const limoges = { latitude: 45.8336, longitude: 1.2611 };
    expect(greatCircleKm(gueret, gueret)).toBe(0);
    expect(greatCircleKm(gueret, limoges)).toBe(greatCircleKm(limoges, gueret));
  });

  it('uses R = 6371.0088 km', () => {
    // Along a meridian the great circle is R × Δlatitude: 1° = 6371.0088 × π / 180 = 111.19508 km.
    expect(greatCircleKm({ latitude: 45, longitude: 2 }, { latitude: 46, longitude: 2 })).toBeCloseTo(111.19508, 4);
    // A quarter of the equator: π × 6371.0088 / 2 = 10007.55722 km.
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 })).toBeCloseTo(10007.55722, 4);
  });

  it('returns half the circumference for antipodes instead of NaN', () => {
    expect(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * EARTH_RADIUS_KM,
      6,
    );
  });
});

describe('drivenDistance', () => {
  const { parameters, worked_example: ac1 } = factorsJson;

  it('estimates the road from the great circle × circuity × DAF, as in AC1', () => {
    // 35 × 1.30 × 1.05 = 47.775 km
    const distance = drivenDistance(ac1.inputs.gcd_km);
    expect(distance.type).toBe('GCD_ESTIMATED');
    expect(distance.km).toBeCloseTo(ac1.steps.actual_km_one_way, 9);
  });

  it('adds only the DAF to a routed distance', () => {
    // 20 × 1.05 = 21 km; circuity is for when there is no router.
    expect(drivenDistance(35, 20)).toEqual({ km: 20 * parameters.daf_road.value, type: 'ROUTED' });
    expect(drivenDistance(35, 20).km).toBeCloseTo(21, 9);
  });

  it('takes the odometer as is, over any routed distance', () => {
    expect(drivenDistance(35, 20, 30)).toEqual({ km: 30, type: 'ODOMETER' });
    expect(drivenDistance(35, null, 0)).toEqual({ km: 0, type: 'ODOMETER' });
  });
});

describe('proximityBand', () => {
  const bands = factorsJson.proximity.proximity_bands_km_gcd;

  it('starts with the first band at 0 km and ends with the open band', () => {
    expect(proximityBand(0)).toBe(bands[0].label);
    expect(proximityBand(5000)).toBe(bands[bands.length - 1].label);
  });

  it.each(bands.slice(0, -1).map((band, i) => [band.max_km!, band.label, bands[i + 1].label]))(
    'puts %p km in "%s" and just beyond it in "%s"',
    (maxKm, label, nextLabel) => {
      expect(proximityBand(maxKm)).toBe(label);
      expect(proximityBand(maxKm + 0.001)).toBe(nextLabel);
    },
  );
});
