/**
 * How the RSE writers print figures: machine-readable decimals for the CSV/XLSX lines (a point, fixed digits,
 * exact euros from cents) and French display for the summary sheet and the PDF.
 * The figures themselves are formatted by the product's one French formatter, `@app/platform`'s (re-exported
 * here so that the writers read one module).
 */
import { EMISSION_FACTORS } from '@app/carbon';
import { fixedDecimal, formatNumber } from '@app/platform';

export {
  centsToDecimal,
  fixedDecimal,
  formatDate,
  formatEuros,
  formatMonth,
  formatNumber,
  formatPercent,
  formatSiret,
  roundTo,
} from '@app/platform';

/** What the caller knows about the report besides its lines and totals. */
export interface RseReportMeta {
  buyerName: string;
  buyerSiret: string | null;
  /** YYYY-MM-DD, inclusive. */
  periodFrom: string;
  periodTo: string;
  localRadiusKm: number;
  generatedAt: Date;
}

/** What the CSV and XLSX writers return: the number of lines they wrote. */
export interface RseWriteResult {
  rowCount: number;
}

/**
 * Called after each batch is handed to the file, with the number of lines written so far (a job's progress). A
 * returned promise is awaited before the next batch: a progress update to the database never runs on behind the
 * export, and if it rejects the export stops with that error instead of leaving an unhandled rejection.
 */
export type OnBatch = (rowsSoFar: number) => void | Promise<void>;

// ---------------------------------------------------------------------------------------------------------------
// Machine-readable decimals (CSV cells, and the values stored in XLSX cells)

/** A quantity with at most 3 decimals and no trailing zeros: 1.5 → "1.5", 12 → "12". */
export const quantityDecimal = (value: number): string => shortDecimal(value, 3);

/**
 * `String(roundTo(value, digits))` — the figure rounded to `digits` decimals, printed without trailing zeros
 * (48.46248, 3 → "48.462"; 120, 3 → "120") — without parsing the rounded text back into a number: the text of
 * `fixedDecimal` with its trailing zeros cut is that number's shortest form whenever it has at most 15 significant
 * digits (below 10^9 with at most 5 decimals), which is every figure of a report; a larger one takes the long way.
 * Called for every figure of a million-line export.
 */
export function shortDecimal(value: number, digits: number): string {
  const text = fixedDecimal(value, digits);
  if (digits === 0 || digits > 5 || !(value < 1e9 && value > -1e9)) return String(Number(text));
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  // "-0.000" was made "0.000" by fixedDecimal; "-0" cannot remain.
  return end === text.length ? text : text.slice(0, end);
}

/** `part / whole`, 0 when there is nothing to share (a period with no spend). */
export const shareOf = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

// ---------------------------------------------------------------------------------------------------------------
// French display (summary sheet, PDF)

/** kgCO2e with 2 decimals, as the method displays them (CARBON-METHOD.md §7.2 "Precision"). */
export const formatKgCo2e = (value: number, signed = false): string => `${formatNumber(value, 2, signed)} kgCO2e`;

/** The report's generation instant as a reader in France reads it: "30 novembre 2026 à 09:15". */
export const formatGeneratedAt = (at: Date): string =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }).format(at);

/** "2026-03" → "03/26": short enough to sit under a bar of the monthly chart. */
export const formatShortMonth = (month: string): string => `${month.slice(5, 7)}/${month.slice(2, 4)}`;

// ---------------------------------------------------------------------------------------------------------------
// French labels, read from the versioned factors file so that the report names things as the method does

/** `label_fr` of a record of the data file, when it has one (the library's type leaves the labels out). */
const frenchLabel = (record: object): string | undefined =>
  'label_fr' in record && typeof record.label_fr === 'string' ? record.label_fr : undefined;

const CATEGORY_LABELS = new Map(
  EMISSION_FACTORS.baseline.categories.map((category) => [category.id.toUpperCase(), frenchLabel(category)]),
);
const VEHICLE_LABELS = new Map(EMISSION_FACTORS.vehicles.map((vehicle) => [vehicle.id, frenchLabel(vehicle)]));

/** "FRESH_VEGETABLES" → "Légumes frais"; an unknown code is printed as is rather than hidden. */
export const categoryLabel = (category: string): string => CATEGORY_LABELS.get(category) ?? category;

/** "vul_diesel" → "VUL diesel ≤3,5 t PTAC (profil express colis)"; an unknown id is printed as is. */
export const vehicleLabel = (vehicleId: string): string => VEHICLE_LABELS.get(vehicleId) ?? vehicleId;

// ---------------------------------------------------------------------------------------------------------------
// Fixed wording shared by the XLSX summary and the PDF

/** The boundary statement the accountant quotes in the report's methodology note (CARBON-METHOD.md §9). */
export const BOUNDARY_STATEMENT =
  'Well-to-wheel; vehicle manufacturing excluded; baseline: conventional French supply chain per category (Agribalyse 3.1 transport assumptions)';

/** WBCSD (2023): an avoided-emissions figure is comparative and is never subtracted from the inventory. */
export const AVOIDED_EMISSIONS_LABEL = 'Émissions évitées (comparatif, à ne pas déduire du Scope 3 — WBCSD 2023)';

/** CARBON-METHOD.md §9: what a VSME (basic module) reporter does with these figures. */
export const VSME_NOTE =
  'VSME (EFRAG, module de base)\u00a0: l’indicateur B3 ne demande que le Scope 1 et le Scope 2 (méthode «\u00a0location-based\u00a0»). ' +
  'Ces lignes ne concernent B3 que lorsque l’acheteur transporte lui-même les marchandises (Scope 1, poste BEGES 1.2)\u00a0: ' +
  'ces émissions sont déjà comptées dans ses achats de carburant, ne pas les ajouter une seconde fois.';

/** ADEME's caveat (CARBON-METHOD.md §3.4), printed whenever the signed saving is negative. */
export const NEGATIVE_SAVING_NOTE =
  'L’écart est négatif\u00a0: sur cette période, le transport de ces achats a émis plus que la chaîne conventionnelle de référence. ' +
  'L’ADEME rappelle que les circuits courts ne sont pas automatiquement moins émetteurs\u00a0: une camionnette peu chargée qui fait ' +
  'un aller-retour dédié émet bien plus par kilogramme qu’un poids lourd rempli. Regrouper les livraisons (tournées) ou ' +
  'mutualiser le transport réduit cet écart.';
