import { graphql } from '../graphql';
import { apiMutation, apiQuery, formErrorOf, type ApiCaller, type FormError } from './api.server';
import { brandFieldOf, brandValuesOf, departmentCodesOf, suggestedSlug, type BrandValues } from './brand-form';

/** The viewer's BRAND organizations and the brands they see (theirs among them, verified or not). */
const OWN_BRAND_ORGANIZATIONS = graphql(`
  query OwnBrandOrganizations {
    me {
      memberships {
        organization {
          id
          kind
        }
      }
    }
    brands {
      id
      organization {
        id
      }
    }
  }
`);

const CREATE_BRAND_ORGANIZATION = graphql(`
  mutation CreateBrandOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
    }
  }
`);

const CREATE_BRAND = graphql(`
  mutation CreateBrand($input: CreateBrandInput!) {
    createBrand(input: $input) {
      id
      slug
    }
  }
`);

export type BrandCreation = { ok: true; slug: string } | { ok: false; error: FormError; values: BrandValues };

/**
 * PRODUCT.md §3: a brand is run by a BRAND organization, whose creator becomes its owner. The signed-in person's own
 * BRAND organization that runs no brand yet (one created by an attempt the API then refused on the brand's fields) is
 * used again; else the organization is created first, with the brand's name and the address typed. Then the brand,
 * PENDING_VERIFICATION until a platform admin verifies it. A refusal comes back with its field named as the form
 * names it, and everything typed.
 */
export async function createBrandFrom(caller: ApiCaller, form: FormData): Promise<BrandCreation> {
  const values = brandValuesOf(form);
  try {
    const { me, brands } = await apiQuery(caller, OWN_BRAND_ORGANIZATIONS, {});
    const running = new Set(brands.map((brand) => brand.organization.id));
    let organizationId = me.memberships
      .map((membership) => membership.organization)
      .find((organization) => organization.kind === 'BRAND' && !running.has(organization.id))?.id;
    if (!organizationId) {
      const { createOrganization } = await apiMutation(caller, CREATE_BRAND_ORGANIZATION, {
        input: {
          kind: 'BRAND',
          name: values.name,
          siret: values.siret || null,
          address: { line1: values.line1, postalCode: values.postalCode, city: values.city || null },
        },
      });
      organizationId = createOrganization.id;
    }
    const { createBrand } = await apiMutation(caller, CREATE_BRAND, {
      input: {
        organizationId,
        name: values.name,
        slug: values.slug || suggestedSlug(values.name),
        departmentCodes: departmentCodesOf(values.departmentCodes),
        charter: values.charter || null,
      },
    });
    return { ok: true, slug: createBrand.slug };
  } catch (error) {
    const apiError = formErrorOf(error);
    return { ok: false, error: { ...apiError, field: brandFieldOf(apiError.field) }, values };
  }
}
