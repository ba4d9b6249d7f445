import { Link } from 'react-router';
import { deliveryOptionName, PRODUCER_STATUS_LABELS } from '../../lib/format';
import { PickListTable } from './PickListTable';
import { type DeliveryDay, type DeliveryDayPart, deliveryDayTitle } from './delivery-days';

const ordersWord = (count: number) => `${count} commande${count > 1 ? 's' : ''}`;

/** Who buys a part: the business, or a consumer. */
export const buyerOf = (part: DeliveryDayPart): string => part.buyerOrganization?.name ?? 'Particulier';

/** Where a part goes: the buyer's address, or the pickup point. */
export function whereOf(part: DeliveryDayPart): string {
  if (part.deliveryOption.mode === 'PICKUP')
    return `Retrait${part.deliveryOption.address ? `\u00a0: ${part.deliveryOption.address}` : ' chez vous'}`;
  const { line1, postalCode, city } = part.deliveryAddress;
  return [line1, [postalCode, city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** One delivery day: its pick list, and each part with its buyer, address and step. */
export function DeliveryDayCard({
  day,
  preparationHref,
  anchors = true,
}: {
  day: DeliveryDay;
  preparationHref?: string;
  anchors?: boolean;
}) {
  const headingId = `jour-${day.date}`;
  return (
    <section className="card delivery-day" aria-labelledby={headingId}>
      <div className="delivery-day__head">
        <h3 id={headingId}>
          {deliveryDayTitle(day.date)} <span className="producer-group__count">({ordersWord(day.parts.length)})</span>
        </h3>
        {preparationHref ? (
          <Link to={preparationHref} className="button button--secondary button--small">
            Fiche de préparation<span className="visually-hidden"> du {deliveryDayTitle(day.date)}</span>
          </Link>
        ) : null}
      </div>
      {day.pick.length ? (
        <PickListTable
          items={day.pick}
          orderCount={day.parts.length}
          coveredCount={day.parts.length}
          id={`cueillette-${day.date}`}
          title={`Liste de préparation du ${deliveryDayTitle(day.date)}`}
          note={
            day.parts.length > 1
              ? `Tous les produits des ${ordersWord(day.parts.length)} à livrer ce jour-là, additionnés.`
              : 'Les produits de la commande à livrer ce jour-là.'
          }
        />
      ) : null}
      <ul className="delivery-day__parts" aria-label={`Commandes à livrer le ${deliveryDayTitle(day.date)}`}>
        {day.parts.map((part) => (
          <li key={part.id}>
            <span>
              {anchors ? (
                <a href={`#commande-${part.id}`}>Commande {part.orderNumber}</a>
              ) : (
                <strong>Commande {part.orderNumber}</strong>
              )}{' '}
              — {buyerOf(part)}
            </span>
            <span className="small">{whereOf(part)}</span>
            <span className="small muted">
              {deliveryOptionName(part.deliveryOption)} ·{' '}
              <strong>{PRODUCER_STATUS_LABELS[part.status] ?? part.status}</strong>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The days to prepare, soonest first. */
export function DeliveryDays({
  days,
  preparationHrefOf,
}: {
  days: DeliveryDay[];
  preparationHrefOf: (date: string) => string;
}) {
  return (
    <section className="producer-group" aria-labelledby="jours-titre">
      <h2 id="jours-titre" className="producer-group__title">
        Par jour de livraison
      </h2>
      <p className="small muted">
        Les commandes en cours, rangées par le jour de livraison choisi par l’acheteur, avec les quantités à préparer
        pour chaque jour. La fiche de préparation s’imprime.
      </p>
      {days.length === 0 ? (
        <p className="producer-group__empty">Aucune commande en cours avec un jour de livraison.</p>
      ) : (
        <div className="delivery-days">
          {days.map((day) => (
            <DeliveryDayCard key={day.date} day={day} preparationHref={preparationHrefOf(day.date)} />
          ))}
        </div>
      )}
    </section>
  );
}
