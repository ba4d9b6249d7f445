import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';

/** The research team's file, read here as it is: the query must offer exactly its vehicles, with its labels. */
const FACTORS = JSON.parse(
  readFileSync(join(__dirname, '..', 'libs', 'carbon', 'src', 'data', 'emission-factors.json'), 'utf8'),
) as {
  vehicles: {
    id: string;
    label_fr: string;
    class: string;
    energy?: string | null;
    refrigerated?: boolean | null;
    kgco2e_per_vkm_wtw: number | null;
    fallback_vehicle_id?: string;
  }[];
};

const VEHICLES = '{ vehicles { id label vehicleClass energy refrigerated kgCo2ePerVehicleKm } }';

interface VehicleView {
  id: string;
  label: string;
  vehicleClass: string;
  energy: string | null;
  refrigerated: boolean | null;
  kgCo2ePerVehicleKm: number;
}

describe('vehicles: the vehicles of the carbon factors, by their French labels', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'vehicles');
  });

  afterAll(() => running.close());

  it('lists every vehicle of the data file, in its order, to anyone, with its French label and facts', async () => {
    const response = await graphql<{ vehicles: VehicleView[] }>(running.app, VEHICLES);

    expect(response.errors).toBeUndefined();
    const vehicles = response.data!.vehicles;
    expect(vehicles.map((vehicle) => vehicle.id)).toEqual(FACTORS.vehicles.map((vehicle) => vehicle.id));
    const byId = new Map(FACTORS.vehicles.map((vehicle) => [vehicle.id, vehicle]));
    for (const vehicle of vehicles) {
      const record = byId.get(vehicle.id)!;
      expect(vehicle).toEqual({
        id: record.id,
        label: record.label_fr,
        vehicleClass: record.class,
        energy: record.energy ?? null,
        refrigerated: record.refrigerated ?? null,
        kgCo2ePerVehicleKm: record.kgco2e_per_vkm_wtw ?? byId.get(record.fallback_vehicle_id!)!.kgco2e_per_vkm_wtw,
      });
    }
    expect(vehicles.find((vehicle) => vehicle.id === 'vul_diesel_frigo')).toMatchObject({
      label: 'VUL diesel ≤3,5 t frigorifique',
      vehicleClass: 'van',
      energy: 'diesel',
      refrigerated: true,
      kgCo2ePerVehicleKm: 0.61052,
    });
    // The 20–26 t band has no sourced value: the 19 t rigid's stands in, as in every footprint.
    expect(vehicles.find((vehicle) => vehicle.id === 'porteur_20_26t_diesel')).toMatchObject({
      label: 'Porteur 20–26 t PTAC',
      kgCo2ePerVehicleKm: 0.8559,
    });
  });
});
