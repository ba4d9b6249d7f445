/**
 * The form that creates an organization (a producer at /producteur/demarrer, a buying business at /pro/demarrer): its
 * fields as the pages name them, what was typed, and which field an API error names.
 */

/** The creation form's fields, as the pages name them. */
export type OrganizationField = 'name' | 'siret' | 'line1' | 'postalCode' | 'city';
export const ORGANIZATION_FIELDS: OrganizationField[] = ['name', 'siret', 'line1', 'postalCode', 'city'];

/** What was typed in each field, trimmed: sent to the API, and shown again when it refuses it. */
export type OrganizationValues = Record<OrganizationField, string>;

export function organizationValuesOf(form: FormData): OrganizationValues {
  const text = (name: OrganizationField) => String(form.get(name) ?? '').trim();
  return {
    name: text('name'),
    siret: text('siret'),
    line1: text('line1'),
    postalCode: text('postalCode'),
    city: text('city'),
  };
}

/** The field of the creation form an API error names (createOrganization's `extensions.field`). */
export function organizationFieldOf(apiField: string | undefined): OrganizationField | undefined {
  switch (apiField) {
    case 'name':
    case 'siret':
      return apiField;
    case 'address.line1':
      return 'line1';
    case 'address.postalCode':
      return 'postalCode';
    case 'address.city':
    case 'address.inseeCode':
      return 'city';
    default:
      return undefined;
  }
}
