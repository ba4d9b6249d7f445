import { describe, expect, it } from '@jest/globals';
import { vehicleGroups, vehicleLabel } from './vehicles';

const VEHICLES = [
  { id: 'vul_diesel', label: 'VUL diesel ≤3,5 t PTAC (profil express colis)', vehicleClass: 'van' },
  { id: 'porteur_12t_diesel', label: 'Porteur 12 t PTAC, marchandises diverses', vehicleClass: 'rigid' },
  { id: 'vul_diesel_frigo', label: 'VUL diesel ≤3,5 t frigorifique', vehicleClass: 'van' },
  { id: 'velo_marche', label: 'Vélo ou marche', vehicleClass: 'bike' },
  { id: 'engin_inconnu', label: 'Engin', vehicleClass: 'hovercraft' },
];

describe('vehicles as people read them', () => {
  it('says a vehicle by its French label; an id the list no longer holds as it is; none as null', () => {
    expect(vehicleLabel(VEHICLES, 'vul_diesel_frigo')).toBe('VUL diesel ≤3,5 t frigorifique');
    expect(vehicleLabel(VEHICLES, 'camion_retire')).toBe('camion_retire');
    expect(vehicleLabel(VEHICLES, null)).toBeNull();
    expect(vehicleLabel(VEHICLES, '')).toBeNull();
  });

  it('groups the list by class, vans first and lorries after, each group in the data’s order', () => {
    expect(vehicleGroups(VEHICLES).map((group) => [group.label, group.vehicles.map((vehicle) => vehicle.id)])).toEqual([
      ['Véhicules utilitaires légers', ['vul_diesel', 'vul_diesel_frigo']],
      ['Vélo ou marche', ['velo_marche']],
      ['Camions porteurs', ['porteur_12t_diesel']],
      ['Autres véhicules', ['engin_inconnu']],
    ]);
  });
});
