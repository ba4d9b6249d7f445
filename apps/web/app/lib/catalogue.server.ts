import { graphql, type ResultOf } from '../graphql';
import { type ApiCaller, apiQuery } from './api.server';
import { communeLabel, parseCommuneInput } from './catalogue';

/** What a product card shows (components/ProductCard.tsx): the catalogue, the brand page, later the home page. */
export const PRODUCT_CARD = graphql(`
  fragment ProductCard on Product @_unmask {
    id
    slug
    name
    category
    priceCents
    vatRate
    unit
    available
    distanceKm
    certifications
    producer {
      id
      name
      address {
        city
        postalCode
        latitude
        longitude
      }
    }
    labels {
      id
      brand {
        id
        name
        slug
      }
    }
    coverAlt
    coverSmall: coverUrl(width: 320)
    coverMedium: coverUrl(width: 800)
  }
`);

export type ProductCardData = ResultOf<typeof PRODUCT_CARD>;

const COMMUNE_LOOKUP = graphql(`
  query CommuneLookup($search: String, $postalCode: String, $first: Int!) {
    communes(search: $search, postalCode: $postalCode, first: $first) {
      inseeCode
      name
      postalCodes
      latitude
      longitude
    }
  }
`);

export interface ResolvedCommune {
  inseeCode: string;
  name: string;
  label: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The commune a visitor typed ("Guéret (23000)", "Guéret", "23000"): the first one `communes` answers (by name, the
 * API ranks the exact name first; for a postal code shared by several communes, the first whose position is known),
 * or null when none matches (the page then says so next to the field).
 */
export async function resolveCommune(caller: ApiCaller, input: string): Promise<ResolvedCommune | null> {
  const wanted = parseCommuneInput(input);
  if (!wanted) return null;
  const byCodeOnly = !wanted.search;
  const { communes } = await apiQuery(caller, COMMUNE_LOOKUP, { ...wanted, first: byCodeOnly ? 50 : 1 });
  let found = byCodeOnly
    ? (communes.find((c) => c.latitude !== null && c.longitude !== null) ?? communes[0])
    : communes[0];
  if (!found && wanted.search && wanted.postalCode) {
    // "Name (code)" whose code is not the commune's own: the name alone decides.
    found = (await apiQuery(caller, COMMUNE_LOOKUP, { search: wanted.search, first: 1 })).communes[0];
  }
  if (!found) return null;
  return {
    inseeCode: found.inseeCode,
    name: found.name,
    label: communeLabel(found),
    latitude: found.latitude,
    longitude: found.longitude,
  };
}

export const placeOf = (commune: ResolvedCommune | null) =>
  commune && commune.latitude !== null && commune.longitude !== null
    ? { latitude: commune.latitude, longitude: commune.longitude }
    : null;

/** What the page says next to the commune field when it cannot search around what was typed. */
export function communeProblem(input: string, commune: ResolvedCommune | null): string | null {
  if (!input) return null;
  if (!commune)
    return `Nous ne trouvons pas de commune «\u00a0${input}\u00a0». Vérifiez son nom ou tapez son code postal (5 chiffres).`;
  if (placeOf(commune) === null)
    return `La position de ${commune.label} n’est pas encore connue\u00a0: les distances ne peuvent pas être calculées.`;
  return null;
}

/** The absolute address of a path on this site, as the request reached it (canonical links, Open Graph, sitemap). */
export const absoluteUrl = (request: Request, path: string): string =>
  new URL(path, new URL(request.url).origin).toString();

/** Map tiles only when the server has a tile server (`MAP_TILE_URL`): no request leaves the machine otherwise. */
export function mapTilesOf() {
  const url = process.env.MAP_TILE_URL?.trim();
  if (!url) return null;
  const attribution =
    process.env.MAP_TILE_ATTRIBUTION?.trim() ||
    `Fond de carte\u00a0: ${new URL(url.replace(/\{[a-z]\}/g, 'a')).hostname}`;
  return { url, attribution };
}
