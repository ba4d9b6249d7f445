/**
 * Distances (method §1.2 and §7.2 step 1). The great-circle distance is the only one the platform can always
 * compute; the driven distance is estimated from it, from a routed distance, or read on the odometer.
 */
import { CIRCUITY_GCD_TO_ROAD, DAF_ROAD, PROXIMITY_BANDS } from './factors';

export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** Mean Earth radius (IUGG), the one the product uses everywhere for distances. */
export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Haversine distance in km. Expects valid coordinates: the footprint functions check them first. */
export function greatCircleKm(from: GeoPoint, to: GeoPoint): number {
  const halfLatitudeDelta = ((to.latitude - from.latitude) * RADIANS_PER_DEGREE) / 2;
  const halfLongitudeDelta = ((to.longitude - from.longitude) * RADIANS_PER_DEGREE) / 2;
  const sinHalfLatitude = Math.sin(halfLatitudeDelta);
  const sinHalfLongitude = Math.sin(halfLongitudeDelta);
  const haversine =
    sinHalfLatitude * sinHalfLatitude +
    Math.cos(from.latitude * RADIANS_PER_DEGREE) *
      Math.cos(to.latitude * RADIANS_PER_DEGREE) *
      sinHalfLongitude *
      sinHalfLongitude;
  // Rounding can push the haversine a hair above 1 for antipodal points, where asin would return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, haversine)));
}

export type DistanceType = 'GCD_ESTIMATED' | 'ROUTED' | 'ODOMETER';

export interface DrivenDistance {
  readonly km: number;
  readonly type: DistanceType;
}

/**
 * §7.2 step 1: the odometer as is; else the routed shortest feasible distance × DAF (routers give the shortest
 * route, trucks drive a little more); else great circle × circuity × DAF.
 */
export function drivenDistance(gcdKm: number, routedKm?: number | null, odometerKm?: number | null): DrivenDistance {
  if (odometerKm != null) return { km: odometerKm, type: 'ODOMETER' };
  if (routedKm != null) return { km: routedKm * DAF_ROAD, type: 'ROUTED' };
  return { km: gcdKm * CIRCUITY_GCD_TO_ROAD * DAF_ROAD, type: 'GCD_ESTIMATED' };
}

/** The distance band of the data file (bounds inclusive), from the great-circle distance. */
export function proximityBand(gcdKm: number): string {
  for (const band of PROXIMITY_BANDS) {
    if (band.maxKm === null || gcdKm <= band.maxKm) return band.label;
  }
  // The data file ends with an open band; reaching this line means it was edited into something else.
  throw new Error('emission-factors.json: the last proximity band must have max_km null');
}
