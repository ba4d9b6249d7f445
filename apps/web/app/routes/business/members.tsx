import { Link } from 'react-router';
import type { Route } from './+types/members';
import { BusinessesOnly } from '../../components/business/BusinessesOnly';
import { BusinessSwitch } from '../../components/business/BusinessSwitch';
import { TeamPanel } from '../../components/team/TeamPanel';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { loadTeam, teamAction } from '../../lib/team.server';
import { chooseBusiness } from './rse.server';

export const meta: Route.MetaFunction = () => [
  { title: 'Membres de l’entreprise — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBusiness(request, context);
  if (!choice.business) return { kind: 'not-a-business' as const };
  return {
    kind: 'business' as const,
    ...choice,
    business: choice.business,
    team: await loadTeam(callerOf(context), choice.business.id),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  return teamAction(callerOf(context), String(form.get('organisation') ?? ''), form);
}

/** Who buys for the business: its owners invite and remove members (PRODUCT.md §7). */
export default function BusinessMembers({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-business') {
    return <BusinessesOnly title="Membres" purpose="Elles y gèrent les personnes qui achètent pour elles." />;
  }
  const { businesses, business, unknownBusiness, team } = loaderData;
  return (
    <div className="stack team-page">
      <h1>Membres</h1>
      <p className="muted">
        Les personnes qui achètent pour <strong>{business.name}</strong> sur Ancrage.{' '}
        <Link to="/pro/entreprise">Nom et coordonnées de l’entreprise</Link>
      </p>
      <BusinessSwitch businesses={businesses} current={business} unknownBusiness={unknownBusiness} />
      <TeamPanel
        organizationName={business.name}
        team={team}
        actionData={actionData}
        hidden={{ name: 'organisation', value: business.id }}
      />
    </div>
  );
}
