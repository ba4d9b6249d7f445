import { type Address, GeoPrecision, type Organization, OrganizationKind } from '@app/identity';

/**
 * Issue #20 item 11: a producer's exact position is public only when it sells on site (an active pickup at the farm);
 * otherwise the public sees its commune's centre, and no street. Distances are still measured from the exact position
 * (the catalog's own copy, `CatalogProducer`), only what is shown is coarse.
 */

/** Without its commune's centre, a position that must not be exact is rounded to this grid (about 5 km). */
export const PUBLIC_POSITION_GRID_DEGREES = 0.05;

const roundTo = (value: number, step: number) => Math.round(Math.round(value / step) * step * 1e6) / 1e6;

/** Whether the public may see the address as it is: it sells on site, or the position is not exact anyway. */
export function showsExactPosition(
  address: Pick<Address, 'precision' | 'latitude' | 'longitude'>,
  sellsOnSite: boolean,
) {
  return (
    sellsOnSite || address.precision !== GeoPrecision.ADDRESS || address.latitude == null || address.longitude == null
  );
}

/** The position the public sees instead of the exact one: the commune's centre, else the exact one on a 5 km grid. */
export function coarsePosition(
  address: Pick<Address, 'latitude' | 'longitude'>,
  communeCentre: { latitude: number; longitude: number } | undefined,
): { latitude: number; longitude: number } {
  return {
    latitude: communeCentre?.latitude ?? roundTo(address.latitude!, PUBLIC_POSITION_GRID_DEGREES),
    longitude: communeCentre?.longitude ?? roundTo(address.longitude!, PUBLIC_POSITION_GRID_DEGREES),
  };
}

/**
 * The organization as the catalog's public paths show it (a product's producer): a producer that does not sell on
 * site with an exact address shows no street (`line1` empty) and its commune's centre, precision COMMUNE.
 */
export function publicOrganization(
  organization: Organization,
  sellsOnSite: boolean,
  communeCentre: { latitude: number; longitude: number } | undefined,
): Organization {
  const { address } = organization;
  if (organization.kind !== OrganizationKind.PRODUCER || showsExactPosition(address, sellsOnSite)) return organization;
  const shown = { ...address, line1: '', precision: GeoPrecision.COMMUNE, ...coarsePosition(address, communeCentre) };
  return Object.assign(Object.create(Object.getPrototypeOf(organization) as object) as Organization, organization, {
    address: shown,
  });
}

/**
 * The same rule in SQL, for the catalog read model's producer column (one statement per page): the organization `o`
 * as a JSON object of `columns` (its column names), its street, precision and position replaced when they are hidden;
 * the commune centres are `commune_coordinates`. Built with `json_build_object` rather than as `to_jsonb(o)` merged
 * with the replaced columns: the whole row built twice as `jsonb` was most of the column's cost in PostgreSQL.
 */
export function publicOrganizationJsonSql(columns: readonly string[]): string {
  const grid = PUBLIC_POSITION_GRID_DEGREES;
  const coarse = (column: string, centre: string) =>
    `coalesce(c.${centre}, round((round(o.${column} / ${grid}) * ${grid})::numeric, 6)::double precision)`;
  const hidden: Record<string, string> = {
    address_line1: `''`,
    address_precision: `'${GeoPrecision.COMMUNE}'`,
    address_latitude: coarse('address_latitude', 'latitude'),
    address_longitude: coarse('address_longitude', 'longitude'),
  };
  const object = (replaced: Record<string, string>) =>
    `json_build_object(${columns.map((column) => `'${column}', ${replaced[column] ?? `o.${column}`}`).join(', ')})`;
  return `(select case when o.kind = '${OrganizationKind.PRODUCER}' and o.address_precision = '${GeoPrecision.ADDRESS}'
      and o.address_latitude is not null and o.address_longitude is not null
      and not exists (select 1 from delivery_option s where s.producer_id = o.id and s.mode = 'PICKUP' and s.active = true)
    then ${object(hidden)} else ${object({})} end
    from organization o left join commune_coordinates c on c.insee_code = o.address_insee_code where o.id = p.producer_id)`;
}
