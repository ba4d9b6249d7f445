import { Injectable } from '@nestjs/common';
import {
  type Address,
  type AddressInputValues,
  type AddressResolver,
  GeoPrecision,
  validatedAddress,
} from '@app/identity';
import { PLAUSIBILITY, coordinatesPlausible } from '@app/carbon';
import { AppError } from '@app/platform';
import { type CommuneRecord, normalizeName } from './gazetteer';
import { GazetteerService } from './gazetteer.service';

/**
 * Resolves an address to its commune (INSEE code, or postal code and city) and to coordinates: the client's
 * (ADDRESS, if in France), else the commune's imported centre (COMMUNE), else the département's (DEPARTMENT).
 */
@Injectable()
export class TerritoryAddressResolver implements AddressResolver {
  constructor(private readonly gazetteers: GazetteerService) {}

  async resolve(input: AddressInputValues, field: string): Promise<Address> {
    const address = validatedAddress(input, field);
    const commune = this.communeOf(address, field);
    const resolved: Address = {
      ...address,
      city: commune.name,
      inseeCode: commune.inseeCode,
      departmentCode: commune.departmentCode,
    };
    if (address.latitude !== undefined && address.longitude !== undefined) {
      if (!this.gazetteers.gazetteer.isInFrance(address.latitude, address.longitude)) {
        throw AppError.badInput(
          `${field}.latitude`,
          'These coordinates are outside France; check latitude and longitude.',
        );
      }
      // CARBON-METHOD §7.3 plausibility: a client's point more than 15 km from its commune's centre (when known) would
      // bend every distance computed from it.
      const centre = (await this.gazetteers.coordinatesOf([commune.inseeCode])).get(commune.inseeCode);
      if (centre && !coordinatesPlausible({ latitude: address.latitude, longitude: address.longitude }, centre)) {
        throw AppError.badInput(
          `${field}.latitude`,
          `These coordinates are more than ${PLAUSIBILITY.maxKmFromCommuneCentre} km from the centre of ${commune.name}; check latitude and longitude, or leave them out.`,
        );
      }
      return { ...resolved, precision: GeoPrecision.ADDRESS };
    }
    const centre = (await this.gazetteers.coordinatesOf([commune.inseeCode])).get(commune.inseeCode);
    if (centre) return { ...resolved, ...centre, precision: GeoPrecision.COMMUNE };
    const department = this.gazetteers.gazetteer.department(commune.departmentCode)?.centroid;
    return {
      ...resolved,
      latitude: department?.latitude,
      longitude: department?.longitude,
      precision: GeoPrecision.DEPARTMENT,
    };
  }

  private communeOf(address: Address, field: string): CommuneRecord {
    const { gazetteer } = this.gazetteers;
    if (address.inseeCode) {
      const commune = gazetteer.commune(address.inseeCode);
      if (!commune)
        throw AppError.badInput(`${field}.inseeCode`, `No commune has the INSEE code ${address.inseeCode}.`);
      this.assertPostalCodeOf(commune, address.postalCode, field);
      return commune;
    }
    const candidates = gazetteer.communesWithPostalCode(address.postalCode);
    if (candidates.length === 0)
      throw AppError.badInput(`${field}.postalCode`, `No commune has the postal code ${address.postalCode}.`);
    if (address.city) {
      const wanted = normalizeName(address.city);
      const match = candidates.find((commune) => normalizeName(commune.name) === wanted);
      if (match) return match;
      const elsewhere = gazetteer.search(address.city, 1).find((commune) => normalizeName(commune.name) === wanted);
      if (elsewhere) this.assertPostalCodeOf(elsewhere, address.postalCode, field);
      throw AppError.badInput(
        `${field}.city`,
        `No commune named ${address.city} has the postal code ${address.postalCode} (${names(candidates)}).`,
      );
    }
    if (candidates.length === 1) return candidates[0];
    throw AppError.badInput(
      `${field}.city`,
      `Several communes share the postal code ${address.postalCode} (${names(candidates)}): give the city.`,
    );
  }

  private assertPostalCodeOf(commune: CommuneRecord, postalCode: string, field: string): void {
    if (commune.postalCodes.length && !commune.postalCodes.includes(postalCode)) {
      throw AppError.badInput(
        `${field}.postalCode`,
        `The postal code ${postalCode} does not belong to ${commune.name} (${commune.postalCodes.join(', ')}).`,
      );
    }
  }
}

function names(communes: CommuneRecord[]): string {
  const shown = communes.slice(0, 5).map((commune) => commune.name);
  return communes.length > 5 ? `${shown.join(', ')}…` : shown.join(', ');
}
