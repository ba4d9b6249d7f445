import type { Route } from './+types/members';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { TeamPanel } from '../../components/team/TeamPanel';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { loadTeam, teamAction } from '../../lib/team.server';
import { chooseProducer } from './producers.server';

export const meta: Route.MetaFunction = () => [
  { title: 'Membres du producteur — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    team: await loadTeam(callerOf(context), choice.producer.id),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  return teamAction(callerOf(context), String(form.get('producteur') ?? ''), form);
}

/** Who works for the producer: its owners invite and remove members (PRODUCT.md §7). */
export default function ProducerMembers({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Membres" />;
  const { producers, producer, unknownProducer, team } = loaderData;
  return (
    <div className="stack team-page">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>Membres</h1>
      <p className="muted">
        Les personnes qui travaillent pour <strong>{producer.name}</strong> sur Ancrage.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <TeamPanel
        organizationName={producer.name}
        team={team}
        actionData={actionData}
        hidden={{ name: 'producteur', value: producer.id }}
      />
    </div>
  );
}
