import type { Route } from './+types/communes';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { callerOf } from '../lib/session.server';

const COMMUNES = graphql(`
  query CommuneSuggestions($search: String, $postalCode: String) {
    communes(search: $search, postalCode: $postalCode, first: 8) {
      inseeCode
      name
      postalCodes
      departmentCode
      latitude
      longitude
    }
  }
`);

/** Commune suggestions for the "near" fields (by name, or by postal code when five digits are typed). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim();
  if (q.length < 2) return Response.json([]);
  const variables = /^\d{5}$/.test(q) ? { postalCode: q } : { search: q };
  const { communes } = await apiQuery(callerOf(context), COMMUNES, variables);
  return Response.json(communes, { headers: { 'cache-control': 'public, max-age=3600' } });
}
