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
  return apiField === 'name' || apiField === 'siret' ? apiField : addressFieldOf(apiField);
}

/** The address field an API error names (`address.…`, the commune's resolution and position included). */
export function addressFieldOf(apiField: string | undefined): 'line1' | 'postalCode' | 'city' | undefined {
  switch (apiField) {
    case 'address.line1':
      return 'line1';
    case 'address.postalCode':
      return 'postalCode';
    case 'address.city':
    case 'address.inseeCode':
    case 'address.latitude':
      return 'city';
    default:
      return undefined;
  }
}

/** An organization's address as its forms hold it. */
export interface AddressValues {
  line1: string;
  postalCode: string;
  city: string;
}

/**
 * `updateOrganization`'s address, only when the form changed it: an unchanged one is not sent, and keeps its exact
 * position (the API would place it again from its commune).
 */
export function changedAddress(
  values: AddressValues,
  current: { line1: string; postalCode: string; city?: string | null },
): { address?: { line1: string; postalCode: string; city: string | null } } {
  const moved =
    values.line1 !== current.line1 || values.postalCode !== current.postalCode || values.city !== (current.city ?? '');
  return moved ? { address: { line1: values.line1, postalCode: values.postalCode, city: values.city || null } } : {};
}
