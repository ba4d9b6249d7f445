/**
 * How the RSE writers print figures: machine-readable decimals for the CSV/XLSX lines (a point, fixed digits,
 * exact euros from cents) and French display for the summary sheet and the PDF.
 *
 * The French euro formatter repeats the one in `libs/payments/src/invoices/french-format.ts` on purpose: the
 * payments context does not export it, and contexts only use each other through their `index.ts`
 * (ARCHITECTURE.md), so importing that file directly would couple reporting to payments' internals.
 */
import { EMISSION_FACTORS } from '@app/carbon';

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

/** Integer cents as an exact decimal literal: 123456 → "1234.56", -5 → "-0.05". No float between cents and euros. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an amount in integer cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * A measured figure with a fixed number of decimals and a point: 1.23456, 3 → "1.235". A non-finite number is a
 * bug upstream: the accountant must never receive "NaN" in a report, so it stops the export instead.
 */
export function fixedDecimal(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite figure: ${value}`);
  const text = value.toFixed(digits);
  // -0.0001 prints as "-0.000": a signed zero would read as a (tiny) negative saving.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** The same rounding as `fixedDecimal`, as a number for a typed XLSX cell, so both exports carry the same figures. */
export const roundTo = (value: number, digits: number): number => Number(fixedDecimal(value, digits));

/** A quantity with at most 3 decimals and no trailing zeros: 1.5 → "1.5", 12 → "12". */
export const quantityDecimal = (value: number): string => String(roundTo(value, 3));

/** `part / whole`, 0 when there is nothing to share (a period with no spend). */
export const shareOf = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

// ---------------------------------------------------------------------------------------------------------------
// French display (summary sheet, PDF)

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const PERCENT = new Intl.NumberFormat('fr-FR', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const numberFormats = new Map<string, Intl.NumberFormat>();

/** 123456 → "1 234,56 €" (narrow no-break spaces, as fr-FR writes them). */
export const formatEuros = (cents: number): string => EUROS.format(centsToDecimal(cents) as `${number}`);

/** 1234.5678, 2 → "1 234,57"; `signed` also prints "+" on positive figures, where the sign carries the meaning (savings). */
export function formatNumber(value: number, digits: number, signed = false): string {
  const key = `${digits}${signed ? '+' : ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    numberFormats.set(key, format);
  }
  // Rounded first so that -0.001 prints "0,00", not "-0,00".
  return format.format(roundTo(value, digits));
}

/** kgCO2e with 2 decimals, as the method displays them (CARBON-METHOD.md §7.2 "Precision"). */
export const formatKgCo2e = (value: number, signed = false): string => `${formatNumber(value, 2, signed)} kgCO2e`;

/** 0.4567 → "45,7 %". */
export const formatPercent = (share: number): string => PERCENT.format(roundTo(share, 4));

/** "2026-12-31" → "31/12/2026". */
export function formatDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** 14 digits → "123 456 789 00012"; anything else is printed as given. */
export const formatSiret = (siret: string): string =>
  /^\d{14}$/.test(siret) ? siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4') : siret;

/** The report's generation instant as a reader in France reads it: "30 novembre 2026 à 09:15". */
export const formatGeneratedAt = (at: Date): string =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' }).format(at);

/** "2026-03" → "mars 2026". */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

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
  'VSME (EFRAG, module de base) : l’indicateur B3 ne demande que le Scope 1 et le Scope 2 (méthode « location-based »). ' +
  'Ces lignes ne concernent B3 que lorsque l’acheteur transporte lui-même les marchandises (Scope 1, poste BEGES 1.2) : ' +
  'ces émissions sont déjà comptées dans ses achats de carburant, ne pas les ajouter une seconde fois.';

/** ADEME's caveat (CARBON-METHOD.md §3.4), printed whenever the signed saving is negative. */
export const NEGATIVE_SAVING_NOTE =
  'L’écart est négatif : sur cette période, le transport de ces achats a émis plus que la chaîne conventionnelle de référence. ' +
  'L’ADEME rappelle que les circuits courts ne sont pas automatiquement moins émetteurs : une camionnette peu chargée qui fait ' +
  'un aller-retour dédié émet bien plus par kilogramme qu’un poids lourd rempli. Regrouper les livraisons (tournées) ou ' +
  'mutualiser le transport réduit cet écart.';
