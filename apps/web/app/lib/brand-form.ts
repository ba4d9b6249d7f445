/**
 * The form that creates a territory brand (/marque/creer): the brand (name, address of its page, départements,
 * charter) and the BRAND organization that runs it (an optional SIRET, its address), as the page names them; what was
 * typed; and which field an API error names (createOrganization's and createBrand's `extensions.field`).
 */
import { organizationFieldOf, type OrganizationField } from './organization-form';

export type BrandField = OrganizationField | 'slug' | 'departmentCodes' | 'charter';
export const BRAND_FIELDS: BrandField[] = [
  'name',
  'slug',
  'departmentCodes',
  'charter',
  'siret',
  'line1',
  'postalCode',
  'city',
];

/** What was typed in each field, trimmed: sent to the API, and shown again when it refuses it. */
export type BrandValues = Record<BrandField, string>;

export function brandValuesOf(form: FormData): BrandValues {
  const text = (name: BrandField) => String(form.get(name) ?? '').trim();
  return Object.fromEntries(BRAND_FIELDS.map((name) => [name, text(name)])) as BrandValues;
}

/** "39, 25 et 70" or "39 25": the codes as typed, upper-case (2a → 2A); the API says which it does not know. */
export function departmentCodesOf(text: string): string[] {
  return text
    .split(/[\s,;]+|\bet\b/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/**
 * The address of the brand's page when none is typed, proposed from its name ("C’est creusois" → `c-est-creusois`);
 * the API alone says whether it is valid and free.
 */
export function suggestedSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** The field of the form an API error names. */
export function brandFieldOf(apiField: string | undefined): BrandField | undefined {
  switch (apiField) {
    case 'slug':
    case 'departmentCodes':
    case 'charter':
      return apiField;
    default:
      return organizationFieldOf(apiField);
  }
}
