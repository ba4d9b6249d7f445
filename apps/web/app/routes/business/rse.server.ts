import type { RouterContextProvider } from 'react-router';
import { graphql } from '../../graphql';
import { ApiError, apiQuery, type ApiCaller } from '../../lib/api.server';
import { BUYER_COOKIE } from '../../lib/buying.server';
import { readCookie } from '../../lib/cookies.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';

const MY_BUSINESSES = graphql(`
  query MyBusinesses {
    me {
      memberships {
        organization {
          id
          name
          kind
          verificationStatus
        }
      }
    }
  }
`);

export interface BusinessRef {
  id: string;
  name: string;
  /** REJECTED: it does not pay by invoice (issue #20 item 5); its pages say so. */
  verificationStatus: string;
}

/**
 * The businesses the viewer buys for, and the one the page is about: `?organisation=<id>`, else the one chosen last
 * (BusinessSwitch, the cart's buyer choice), else the first.
 */
export interface BusinessChoice {
  businesses: BusinessRef[];
  /** Null when the viewer is a member of no business. */
  business: BusinessRef | null;
  /** `?organisation=` named an organization the viewer does not buy for: the page shows its first one, and says so. */
  unknownBusiness: boolean;
}

/** The business buyer's pages: signed-in people only, about one of their own businesses. */
export async function chooseBusiness(
  request: Request,
  context: Readonly<RouterContextProvider>,
): Promise<BusinessChoice> {
  requireSignIn(request, context);
  const { me } = await apiQuery(callerOf(context), MY_BUSINESSES, {});
  const businesses = me.memberships
    .filter((membership) => membership.organization.kind === 'BUSINESS')
    .map(({ organization }) => ({
      id: organization.id,
      name: organization.name,
      verificationStatus: organization.verificationStatus,
    }));
  const wanted = new URL(request.url).searchParams.get('organisation');
  const named = businesses.find((business) => business.id === wanted);
  // Without one in the address, the business chosen last (on a /pro page or as the cart's buyer).
  const remembered = businesses.find((business) => business.id === readCookie(request, BUYER_COOKIE));
  return {
    businesses,
    business: named ?? remembered ?? businesses[0] ?? null,
    unknownBusiness: Boolean(wanted && businesses.length > 0 && !named),
  };
}

const EXPORT_JOB = graphql(`
  query RseExportJob($id: ID!) {
    exportJob(id: $id) {
      id
      status
      progress
      format
      rowCount
      error
      downloadUrl
    }
  }
`);

/**
 * An RSE export the caller may read, or null (unknown, another organization's, or not an id). Its `downloadUrl`, a
 * link signed for 15 minutes, stays on the server: the browser downloads through `/pro/rse/exports/<id>`.
 */
export async function findExportJob(caller: ApiCaller, id: string) {
  return apiQuery(caller, EXPORT_JOB, { id })
    .then((result) => result.exportJob)
    .catch((error: unknown) => {
      if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
      throw error;
    });
}

export type ExportJobData = NonNullable<Awaited<ReturnType<typeof findExportJob>>>;

/** What the page shows of an export while it runs: everything but its signed link. */
export type ExportProgressData = Omit<ExportJobData, 'downloadUrl'>;

export const progressOf = ({ downloadUrl: _link, ...job }: ExportJobData): ExportProgressData => job;
