import { redirect } from 'react-router';
import type { Route } from './+types/switch-organization';
import { rememberBuyer } from '../../lib/buying.server';
import { chooseBusiness } from './rse.server';

/**
 * BusinessSwitch's target (`/pro/organisation?organisation=<id>&retour=/pro/…`): remembers the business chosen, if the
 * person buys for it, and goes back to the /pro page it came from (a /pro page only, never elsewhere).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const retour = params.get('retour') ?? '';
  const back = /^\/pro\/[\w\-/]*(\?[^#]*)?$/.test(retour) ? retour : '/pro/rse';
  const { business, unknownBusiness } = await chooseBusiness(request, context);
  if (!business || unknownBusiness) {
    // Not one of theirs: the page says so (its own `?organisation=` check), and nothing is remembered.
    const wanted = new URLSearchParams({ organisation: params.get('organisation') ?? '' });
    return redirect(`${back}${back.includes('?') ? '&' : '?'}${wanted}`);
  }
  return redirect(back, { headers: { 'Set-Cookie': rememberBuyer(business.id) } });
}
