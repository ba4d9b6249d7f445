/**
 * Vehicles as people read them: the API's `vehicles` query gives each id of the carbon data its French label (from
 * the data file); pages show that label, never the id, and forms offer the list by label.
 */

/** What the pages read of a vehicle (the `vehicles` query's `id label vehicleClass`). */
export interface VehicleChoice {
  readonly id: string;
  readonly label: string;
  readonly vehicleClass: string;
}

/** The classes of the carbon data, as the vehicle list groups them. */
const CLASS_LABELS: Record<string, string> = {
  van: 'Véhicules utilitaires légers',
  car: 'Voitures',
  bike: 'Vélo ou marche',
  rigid: 'Camions porteurs',
  articulated: 'Ensembles articulés',
};
const CLASS_ORDER = Object.keys(CLASS_LABELS);

/** The French label of a vehicle id; the id itself for one the data no longer holds; null for none. */
export function vehicleLabel(vehicles: readonly VehicleChoice[], vehicleId: string | null | undefined): string | null {
  if (!vehicleId) return null;
  return vehicles.find((vehicle) => vehicle.id === vehicleId)?.label ?? vehicleId;
}

/** The vehicles grouped by class, smallest first (vans, cars, bikes, then lorries), each group in the data's order. */
export function vehicleGroups(vehicles: readonly VehicleChoice[]): { label: string; vehicles: VehicleChoice[] }[] {
  const rank = (vehicleClass: string) => {
    const index = CLASS_ORDER.indexOf(vehicleClass);
    return index === -1 ? CLASS_ORDER.length : index;
  };
  const classes = [...new Set(vehicles.map((vehicle) => vehicle.vehicleClass))].sort((a, b) => rank(a) - rank(b));
  return classes.map((vehicleClass) => ({
    label: CLASS_LABELS[vehicleClass] ?? 'Autres véhicules',
    vehicles: vehicles.filter((vehicle) => vehicle.vehicleClass === vehicleClass),
  }));
}
