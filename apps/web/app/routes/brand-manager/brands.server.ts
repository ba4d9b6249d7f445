import type { RouterContextProvider } from 'react-router';
import { graphql } from '../../graphql';
import { apiQuery } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';

const MY_BRANDS = graphql(`
  query MyBrands {
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
      slug
      name
      departmentCodes
      status
      organization {
        id
        name
      }
    }
  }
`);

export interface BrandRef {
  id: string;
  slug: string;
  name: string;
  departmentCodes: string[];
  /** The brand organization that runs it (its pictures are uploaded in its name). */
  organizationId: string;
  organizationName: string;
  /** False until a platform admin verified the brand: until then it is not public and decides on nothing. */
  verified: boolean;
}

/** The brands the viewer runs, and the one the page is about (`?marque=<slug>`, else the first). */
export interface BrandChoice {
  brands: BrandRef[];
  /** Null when the viewer runs no brand. */
  brand: BrandRef | null;
  /** `?marque=` named a brand the viewer does not run: the page shows its first one, and says so. */
  unknownBrand: boolean;
}

/**
 * The brand manager's pages: signed-in people only, about a brand run by a BRAND organization they are a member of
 * (the `brands` query names each brand's organization; the viewer's memberships say which are theirs).
 */
export async function chooseBrand(request: Request, context: Readonly<RouterContextProvider>): Promise<BrandChoice> {
  requireSignIn(request, context);
  const { me, brands } = await apiQuery(callerOf(context), MY_BRANDS, {});
  const mine = new Set(
    me.memberships
      .filter((membership) => membership.organization.kind === 'BRAND')
      .map((membership) => membership.organization.id),
  );
  const run = brands
    .filter((brand) => mine.has(brand.organization.id))
    .map(({ id, slug, name, departmentCodes, status, organization }) => ({
      id,
      slug,
      name,
      departmentCodes,
      organizationId: organization.id,
      organizationName: organization.name,
      verified: status === 'VERIFIED',
    }));
  const wanted = new URL(request.url).searchParams.get('marque');
  const named = run.find((brand) => brand.slug === wanted);
  return { brands: run, brand: named ?? run[0] ?? null, unknownBrand: Boolean(wanted && run.length > 0 && !named) };
}
