/** Where Ancrage placed an address (Address.precision), in French: the point its distances are measured from. */

interface PlacedAddress {
  city?: string | null;
  departmentCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  precision: 'ADDRESS' | 'COMMUNE' | 'DEPARTMENT';
}

const coordinate = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** "46,1580 N, 1,8700 E", or null without coordinates. */
export function coordinatesText({ latitude, longitude }: Pick<PlacedAddress, 'latitude' | 'longitude'>): string | null {
  if (latitude == null || longitude == null) return null;
  const ns = `${coordinate.format(Math.abs(latitude))} ${latitude >= 0 ? 'N' : 'S'}`;
  const ew = `${coordinate.format(Math.abs(longitude))} ${longitude >= 0 ? 'E' : 'O'}`;
  return `${ns}, ${ew}`;
}

/** One sentence: how precisely the address was placed, and where. */
export function placeOfAddress(address: PlacedAddress): string {
  const where = coordinatesText(address);
  const at = where ? ` (${where})` : '';
  switch (address.precision) {
    case 'ADDRESS':
      return `Placée à l’adresse exacte${at}.`;
    case 'COMMUNE':
      return `Placée au centre de la commune${address.city ? ` de ${address.city}` : ''}${at}\u00a0: les distances de livraison sont mesurées depuis ce point.`;
    default:
      return `Placée seulement au centre du département ${address.departmentCode ?? ''}${at}\u00a0: la commune n’a pas de coordonnées connues, les distances de livraison seront approximatives.`;
  }
}
