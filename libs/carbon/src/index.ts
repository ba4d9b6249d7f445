/**
 * `@app/carbon`: the carbon method (CARBON-METHOD.md §7) as pure functions over the versioned factors file
 * `data/emission-factors.json`. No framework, no database: callers pass plain values and store the results.
 */
export { CarbonInputError } from './carbon-input-error';
export {
  type DistanceType,
  type DrivenDistance,
  EARTH_RADIUS_KM,
  type GeoPoint,
  drivenDistance,
  greatCircleKm,
  proximityBand,
} from './distance';
export {
  CATEGORY_BASELINES,
  type CategoryBaseline,
  CIRCUITY_GCD_TO_ROAD,
  DAF_ROAD,
  EMISSION_FACTORS,
  EMPTY_RETURN_FACTOR,
  type EmissionFactorsFile,
  type FactorUsed,
  METHOD_VERSION,
  PRODUCT_CATEGORIES,
  PROXIMITY_BANDS,
  type ProductCategory,
  type ProximityBand,
  VEHICLE_CHOICES,
  VEHICLE_IDS,
  VEHICLES,
  type VehicleChoice,
  type VehicleFactors,
  deriveMethodVersion,
} from './factors';
export {
  allocationMethod,
  type DistanceParametersApplied,
  type VehicleProvenance,
  distanceParametersApplied,
  vehicleProvenance,
} from './factor-provenance';
export {
  type CarbonFootprint,
  type CarbonScope,
  type DataQuality,
  type DataSource,
  type DataTier,
  type DeliveryMode,
  type DeliveryPath,
  type LineFootprint,
  type OrderLineCarbonInput,
  type SupplierOrderCarbonInput,
  type RoundEmissions,
  allocateRound,
  roundFootprints,
  supplierOrderFootprint,
} from './footprint';
export {
  type DateMarginalFootprint,
  PLAUSIBILITY,
  type PlannedTour,
  type RoundReport,
  coordinatesPlausible,
  dateMarginalFootprint,
  deliveredRoundFootprints,
  fuelFactorOf,
  fuelPlausible,
  odometerPlausible,
  plannedEstimates,
  plannedRoundFootprints,
  plannedTour,
  roundTour,
} from './planned-round';
export { type CarbonFootprintTotal, roundKgCo2e, sumFootprints } from './totals';
