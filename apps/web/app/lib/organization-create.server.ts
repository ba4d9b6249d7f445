import { graphql } from '../graphql';
import { apiMutation, formErrorOf, type ApiCaller, type FormError } from './api.server';
import { organizationFieldOf, organizationValuesOf, type OrganizationValues } from './organization-form';

const CREATE_ORGANIZATION = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

export type OrganizationCreation =
  { ok: true; id: string } | { ok: false; error: FormError; values: OrganizationValues };

/**
 * Creates the organization the form describes, the signed-in person its owner; or the API's refusal, its field named
 * as the form names it, with what was typed to show again.
 */
export async function createOrganizationFrom(
  caller: ApiCaller,
  kind: 'PRODUCER' | 'BUSINESS',
  form: FormData,
): Promise<OrganizationCreation> {
  const values = organizationValuesOf(form);
  try {
    const { createOrganization } = await apiMutation(caller, CREATE_ORGANIZATION, {
      input: {
        kind,
        name: values.name,
        siret: values.siret,
        address: { line1: values.line1, postalCode: values.postalCode, city: values.city || null },
      },
    });
    return { ok: true, id: createOrganization.id };
  } catch (error) {
    const apiError = formErrorOf(error);
    return { ok: false, error: { ...apiError, field: organizationFieldOf(apiError.field) }, values };
  }
}
