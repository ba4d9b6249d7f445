/** The commune a cart's carbon estimate is made for, before any address is typed. */
export interface EstimatePlace {
  inseeCode: string;
  name: string;
  postalCode: string;
}

export const placeLabel = (place: EstimatePlace): string => `${place.name} (${place.postalCode})`;
