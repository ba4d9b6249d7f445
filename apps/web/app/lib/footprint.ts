import { kgCo2e } from './format';

/** The figures of a transport footprint that the pages tell (CarbonFootprint, or a cart's estimate). */
export interface FootprintFigures {
  distanceKm: number;
  distanceType?: string | null;
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  /** baseline − emissions, signed: negative when the local trip emits more. */
  savedKgCo2e: number;
  methodVersion?: string | null;
}

export type FootprintTone = 'saving' | 'loss' | 'even';

/** Below half a hundred grams either way, the two chains are told as even (the figures show two decimals). */
const EVEN_KG = 0.005;

export const footprintTone = (savedKgCo2e: number): FootprintTone =>
  savedKgCo2e >= EVEN_KG ? 'saving' : savedKgCo2e <= -EVEN_KG ? 'loss' : 'even';

/**
 * The signed difference with the conventional chain, said in words (WEB.md §2): a saving as a saving, a loss as
 * "more than" — never a loss dressed as a gain.
 */
export function footprintVerdict(savedKgCo2e: number, subject = 'Ce transport'): string {
  switch (footprintTone(savedKgCo2e)) {
    case 'saving':
      return `${subject} émet ${kgCo2e(savedKgCo2e)} de moins qu’une chaîne d’approvisionnement classique.`;
    case 'loss':
      return `${subject} émet ${kgCo2e(-savedKgCo2e)} de plus qu’une chaîne d’approvisionnement classique.`;
    default:
      return `${subject} émet autant qu’une chaîne d’approvisionnement classique.`;
  }
}

/**
 * What would shrink a pickup's loss (the buyer's own trip to the farm, CARBON-METHOD §7.2): not "collect it at the
 * farm", which the buyer already does.
 */
export const PICKUP_LOSS_REMEDIES =
  'Ce qui réduirait cet écart\u00a0: regrouper le retrait avec d’autres courses ou d’autres commandes (commander plus en une fois), venir à plusieurs, ou une livraison par le producteur un jour où il passe déjà près de chez vous.';

/** What would shrink a loss: shown wherever local delivery emits more than the conventional chain. */
export const LOSS_REMEDIES =
  'Ce qui réduirait cet écart\u00a0: une tournée partagée avec d’autres commandes, le retrait à la ferme ou en point de retrait, une camionnette mieux remplie (commander plus en une fois), ou un jour de livraison où le producteur passe déjà près de chez vous.';
