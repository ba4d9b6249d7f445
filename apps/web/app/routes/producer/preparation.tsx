import { data, Link } from 'react-router';
import type { Route } from './+types/preparation';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { buyerOf, whereOf } from '../../components/producer/DeliveryDays';
import { PickListTable } from '../../components/producer/PickListTable';
import {
  DELIVERY_DAY_PART_FIELDS,
  deliveryDayTitle,
  deliveryDays,
  isDeliveryDate,
} from '../../components/producer/delivery-days';
import { graphql } from '../../graphql';
import { allPages } from '../../lib/all-pages';
import { apiQuery } from '../../lib/api.server';
import { PRODUCER_STATUS_LABELS, quantityWithUnit } from '../../lib/format';
import { useHydrated } from '../../lib/use-hydrated';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

/** The parts to deliver on one day, a page (the API's largest) from the cursor `after`. */
const DAY_PARTS = graphql(
  `
    query ProducerPreparation($producerId: ID!, $deliveryDate: Date!, $first: Int!, $after: String) {
      supplierOrders(producerId: $producerId, deliveryDate: $deliveryDate, first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...DeliveryDayPartFields
          }
        }
      }
    }
  `,
  [DELIVERY_DAY_PART_FIELDS],
);

export const meta: Route.MetaFunction = ({ params }) => [
  {
    title: `Fiche de préparation du ${isDeliveryDate(params.date) ? deliveryDayTitle(params.date) : 'jour'} — Ancrage`,
  },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  if (!isDeliveryDate(params.date)) throw data('Date inconnue.', { status: 404 });
  // The sheet is printed whole: every page of the day, not the first 100 parts.
  const producerId = choice.producer.id;
  const all = await allPages((after) =>
    apiQuery(callerOf(context), DAY_PARTS, {
      producerId,
      deliveryDate: params.date,
      first: 100,
      after,
    }).then((result) => result.supplierOrders),
  );
  // The day's parts still to deliver; those cancelled are left out, those delivered stay (the round may be under way).
  const parts = all.filter((part) => part.status !== 'CANCELLED');
  const [day] = deliveryDays(parts, { inProgressOnly: false });
  const several = choice.producers.length > 1;
  return {
    kind: 'day' as const,
    producer: choice.producer,
    date: params.date,
    day: day ?? null,
    backHref: several ? `/producteur?producteur=${choice.producer.id}` : '/producteur',
  };
}

function PrintButton() {
  const hydrated = useHydrated();
  if (!hydrated)
    return (
      <p className="small muted no-print">Imprimez cette page avec la commande d’impression de votre navigateur.</p>
    );
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      Imprimer la fiche
    </button>
  );
}

export default function Preparation({ loaderData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Fiche de préparation" />;
  const { producer, date, day, backHref } = loaderData;
  const title = deliveryDayTitle(date);
  return (
    <div className="stack preparation-sheet">
      <p className="no-print">
        <Link to={backHref}>← Retour aux commandes</Link>
      </p>
      <h1>Fiche de préparation du {title}</h1>
      <p className="muted">
        {producer.name} —{' '}
        {day
          ? `${day.parts.length} commande${day.parts.length > 1 ? 's' : ''} à livrer ce jour-là.`
          : 'aucune commande à livrer ce jour-là.'}
      </p>
      <PrintButton />
      {day ? (
        <>
          <PickListTable
            items={day.pick}
            orderCount={day.parts.length}
            coveredCount={day.parts.length}
            id="cueillette-jour"
            title="Quantités à préparer"
            note={`Tous les produits des commandes du ${title}, additionnés.`}
          />
          <section className="stack" aria-labelledby="commandes-jour">
            <h2 id="commandes-jour">Commande par commande</h2>
            {day.parts.map((part) => (
              <article key={part.id} className="card stack preparation-part" aria-labelledby={`preparation-${part.id}`}>
                <h3 id={`preparation-${part.id}`}>
                  Commande {part.orderNumber} — {buyerOf(part)}
                </h3>
                <p className="small">
                  {whereOf(part)}
                  <br />
                  {part.deliveryOption.label}
                  {part.deliveryOption.mode === 'PICKUP' && part.deliveryOption.openingHours
                    ? ` (${part.deliveryOption.openingHours})`
                    : ''}{' '}
                  · Étape&nbsp;: <strong>{PRODUCER_STATUS_LABELS[part.status] ?? part.status}</strong>
                </p>
                <ul>
                  {part.lines.map((line) => (
                    <li key={line.productId}>
                      {line.name}&nbsp;: <strong>{quantityWithUnit(line.quantity, line.unit)}</strong>
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>
        </>
      ) : (
        <p className="empty-state">Aucune commande à livrer ce jour-là.</p>
      )}
    </div>
  );
}
