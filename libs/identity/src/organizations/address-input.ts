import { AppError } from '@app/platform';
import { type Address, GeoPrecision } from '../entities/address.embeddable';

export interface AddressInputValues {
  line1: string;
  postalCode: string;
  city?: string | null;
  inseeCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * Where an address resolves to a commune and coordinates. The default keeps what the client sends; the territory
 * context replaces it with the gazetteer (commune from INSEE code or postal code and city, then its centroid).
 */
export interface AddressResolver {
  resolve(input: AddressInputValues, field: string): Promise<Address>;
}

export const ADDRESS_RESOLVER = Symbol('ADDRESS_RESOLVER');

/** The département of a French postal code: two digits, Corsica split at 20200, three digits overseas. */
export function departmentOfPostalCode(postalCode: string): string {
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

/** Checks the shape of an address and keeps it as given; `field` names the input in errors ("address"). */
export function validatedAddress(input: AddressInputValues, field: string): Address {
  const line1 = input.line1.trim();
  if (!line1 || line1.length > 200)
    throw AppError.badInput(`${field}.line1`, 'The street address must have between 1 and 200 characters.');
  if (!/^\d{5}$/.test(input.postalCode))
    throw AppError.badInput(`${field}.postalCode`, 'A French postal code has 5 digits.');
  const inseeCode = input.inseeCode?.trim().toUpperCase() || undefined;
  if (inseeCode && !/^(\d{5}|2[AB]\d{3})$/.test(inseeCode)) {
    throw AppError.badInput(`${field}.inseeCode`, 'An INSEE commune code has 5 characters, such as 39300 or 2A004.');
  }
  const hasLatitude = input.latitude !== undefined && input.latitude !== null;
  const hasLongitude = input.longitude !== undefined && input.longitude !== null;
  if (hasLatitude !== hasLongitude) {
    throw AppError.badInput(
      `${field}.${hasLatitude ? 'longitude' : 'latitude'}`,
      'Give both latitude and longitude, or neither.',
    );
  }
  if (hasLatitude && (Math.abs(input.latitude!) > 90 || Math.abs(input.longitude!) > 180)) {
    throw AppError.badInput(`${field}.latitude`, 'The coordinates are not on Earth.');
  }
  return {
    line1,
    postalCode: input.postalCode,
    city: input.city?.trim() || undefined,
    inseeCode,
    departmentCode: departmentOfPostalCode(input.postalCode),
    latitude: hasLatitude ? input.latitude! : undefined,
    longitude: hasLongitude ? input.longitude! : undefined,
    precision: hasLatitude ? GeoPrecision.ADDRESS : GeoPrecision.DEPARTMENT,
  };
}

/** The resolver in use until the territory context provides the gazetteer. */
export class AsGivenAddressResolver implements AddressResolver {
  async resolve(input: AddressInputValues, field: string): Promise<Address> {
    return validatedAddress(input, field);
  }
}
