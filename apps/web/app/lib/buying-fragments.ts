import { graphql } from '../graphql';

/** What a Footprint shows of a CarbonFootprint (lib/footprint.ts FootprintFigures). */
export const FOOTPRINT_FIELDS = graphql(`
  fragment FootprintFields on CarbonFootprint @_unmask {
    distanceKm
    distanceType
    emissionsKgCo2e
    baselineKgCo2e
    savedKgCo2e
    methodVersion
    massKg
  }
`);
