import { Form, useNavigation } from 'react-router';
import { ContactLinks } from '../ContactLine';
import type { FormError } from '../../lib/api-error';
import {
  deliveryOptionName,
  DISPUTE_PRODUCER_NEXT,
  DISTANCE_TYPE_LABELS,
  disputedPaymentLabel,
  disputeStanding,
  dateTime,
  deliveryDay,
  euros,
  kgCo2e,
  km,
  quantityWithUnit,
} from '../../lib/format';
import { FieldError, FormAlert } from '../FieldError';
import { FootprintMethod } from '../Footprint';
import { CANCELLABLE, NEXT_STEP, PAYMENT_STATUS_LABELS, type SupplierOrderCardData } from './supplier-order';

/** A move of this order that the API refused: its error, and what the producer had typed. */
export interface MoveFailure {
  error: FormError;
  odometerText: string;
}

/**
 * One supplier order as the producer prepares it: who bought, where it goes, what to put in the box, its totals and
 * transport footprint, and the buttons that move it one step (or cancel it while it has not left).
 */
export function SupplierOrderCard({ order, failure }: { order: SupplierOrderCardData; failure?: MoveFailure }) {
  // From the click until the page is read again: a second click would only be refused.
  const busy = useNavigation().formData?.get('commande') === order.id;
  const titleId = `commande-${order.id}-titre`;
  const cancellation = order.history.find((change) => change.toStatus === 'CANCELLED');
  return (
    <article id={`commande-${order.id}`} className="card producer-order" aria-labelledby={titleId}>
      <h3 id={titleId}>Commande {order.orderNumber}</h3>
      <dl className="producer-order__facts small">
        <div>
          <dt>Acheteur</dt>
          <dd>{order.buyerOrganization?.name ?? 'Un particulier'}</dd>
        </div>
        {order.buyerOrganization?.phone || order.buyerOrganization?.contactEmail ? (
          <div>
            <dt>Contact</dt>
            <dd>
              <ContactLinks {...order.buyerOrganization} />
            </dd>
          </div>
        ) : null}
        <div>
          {/* Received, for the producer: « passée » is what the buyer did. */}
          <dt>Reçue le</dt>
          <dd>{dateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Livraison</dt>
          <dd>{deliveryOptionName(order.deliveryOption)}</dd>
        </div>
        {order.deliveryDate ? (
          <div>
            <dt>{order.deliveryOption.mode === 'PICKUP' ? 'Jour de retrait' : 'Jour de livraison'}</dt>
            <dd>{deliveryDay(order.deliveryDate)}</dd>
          </div>
        ) : null}
        {order.deliveryOption.mode === 'PICKUP' ? null : (
          <div>
            <dt>Adresse de livraison</dt>
            <dd>
              {order.deliveryAddress.line1}, {order.deliveryAddress.postalCode} {order.deliveryAddress.city}
            </dd>
          </div>
        )}
        <div>
          <dt>Distance</dt>
          <dd>
            {km(order.carbon.distanceKm)},{' '}
            {DISTANCE_TYPE_LABELS[order.carbon.distanceType] ?? order.carbon.distanceType}
          </dd>
        </div>
        <div>
          <dt>Émissions du transport</dt>
          <dd>
            {kgCo2e(order.carbon.emissionsKgCo2e)}
            <FootprintMethod methodVersion={order.carbon.methodVersion} />
          </dd>
        </div>
        <div>
          <dt>Paiement</dt>
          <dd>
            {order.paymentStatus === 'PAID'
              ? disputedPaymentLabel(PAYMENT_STATUS_LABELS.PAID, order.dispute)
              : PAYMENT_STATUS_LABELS[order.paymentStatus]}
          </dd>
        </div>
        {order.deliveredAt ? (
          <div>
            <dt>Livrée le</dt>
            <dd>{dateTime(order.deliveredAt)}</dd>
          </div>
        ) : null}
        {cancellation ? (
          <div>
            <dt>Annulée le</dt>
            <dd>
              {dateTime(cancellation.at)}
              {cancellation.reason ? ` — motif\u00a0: ${cancellation.reason}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {order.dispute ? <DisputeLine dispute={order.dispute} /> : null}
      <OrderLines order={order} />
      <OrderMoves order={order} failure={failure} busy={busy} />
    </article>
  );
}

/**
 * A chargeback on the buyer's card payment: the producer's share of it (`shareCents`, what its transfer gives back)
 * is held back until the bank decides, and given back only if the dispute is won (a loss never in the positive,
 * green style). The whole amount the bank disputes is the buyer's order's, of several producers maybe: not said here.
 */
function DisputeLine({ dispute }: { dispute: NonNullable<SupplierOrderCardData['dispute']> }) {
  return (
    <div
      className={`producer-order__dispute small${dispute.outcome === 'WON' ? '' : ' producer-order__dispute--loss'}`}
    >
      <p>
        <strong>Paiement contesté par la banque de l’acheteur</strong>&nbsp;: votre part,{' '}
        {euros(dispute.shareCents ?? 0)} — contestation {disputeStanding(dispute)}.
      </p>
      <p>{DISPUTE_PRODUCER_NEXT[dispute.outcome]}</p>
    </div>
  );
}

function OrderLines({ order }: { order: SupplierOrderCardData }) {
  return (
    <table className="producer-order__lines">
      <caption className="visually-hidden">Produits de la commande {order.orderNumber}</caption>
      <thead>
        <tr>
          <th scope="col">Produit</th>
          <th scope="col" className="num">
            Quantité
          </th>
          <th scope="col" className="num">
            Total HT
          </th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.productId}>
            <th scope="row">{line.name}</th>
            <td className="num">{quantityWithUnit(line.quantity, line.unit)}</td>
            <td className="num">{euros(line.totalCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {order.feeCents > 0 ? (
          <tr>
            <th scope="row" colSpan={2}>
              Frais de livraison
            </th>
            <td className="num">{euros(order.feeCents)}</td>
          </tr>
        ) : null}
        <tr>
          <th scope="row" colSpan={2}>
            Total HT
          </th>
          <td className="num">{euros(order.subtotalCents)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={2}>
            TVA
          </th>
          <td className="num">{euros(order.vatCents)}</td>
        </tr>
        <tr className="producer-order__total">
          <th scope="row" colSpan={2}>
            Total TTC
          </th>
          <td className="num">{euros(order.totalCents)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * A dispute lost before the order left, the bank having given the buyer back all of it (`partRefundedByBank`): the
 * producer will not be paid for this order. It may still send it (the API lets it move on, the producer's choice), or
 * cancel it: nothing is refunded then (the bank did), its stock comes back and the order leaves both sides' lists.
 */
function TakenBackNotice() {
  return (
    <div className="producer-order__taken-back small">
      <p>
        <strong>Paiement repris par la banque de l’acheteur</strong>&nbsp;: sa banque lui a rendu le montant de cette
        commande, qui ne vous sera donc pas payée.
      </p>
      <p>
        Rien ne vous oblige à la préparer ni à la livrer&nbsp;: vous pouvez l’annuler ci-dessous, et les quantités
        reviennent dans votre stock. Si vous la livrez quand même, ce sera sans paiement.
      </p>
    </div>
  );
}

/** The hidden fields every move of this order posts. */
function MoveFields({ orderId, status }: { orderId: string; status: string }) {
  return (
    <>
      <input type="hidden" name="commande" value={orderId} />
      <input type="hidden" name="statut" value={status} />
    </>
  );
}

function OrderMoves({ order, failure, busy }: { order: SupplierOrderCardData; failure?: MoveFailure; busy: boolean }) {
  const next = NEXT_STEP[order.status];
  if (!next && !CANCELLABLE.has(order.status)) return null;
  // A card part not paid yet cannot be moved (the API answers AWAITING_PAYMENT): it waits, or lapses on its own.
  if (order.paymentStatus === 'AWAITING' && order.status !== 'CANCELLED') {
    return (
      <p className="producer-order__awaiting small">
        <strong>En attente du paiement par carte.</strong> Vous pourrez confirmer cette commande dès que l’acheteur
        l’aura payée&nbsp;; sans paiement, elle s’annule d’elle-même et le stock revient.
      </p>
    );
  }
  // The buyer's bank gave the money back for good before the order left: the producer decides whether it still goes,
  // or cancels it (with no refund: the bank made it). Any other dispute leaves a cancellation nobody could refund.
  const unpaidForGood = order.dispute?.partRefundedByBank === true && CANCELLABLE.has(order.status);
  const cancellationWithheld = order.dispute != null && !unpaidForGood;
  const error = failure?.error;
  const odometerId = `odometre-${order.id}`;
  const asksOdometer = next?.to === 'DELIVERED' && order.deliveryOption.mode === 'PRODUCER_DELIVERY';
  const odometerInvalid = error?.field === 'odometerKm';
  return (
    <div className="producer-order__moves">
      <FormAlert error={error} fields={asksOdometer ? ['odometerKm'] : []} />
      {unpaidForGood ? <TakenBackNotice /> : null}
      {next ? (
        <Form method="post" noValidate className="producer-order__next">
          <MoveFields orderId={order.id} status={next.to} />
          {asksOdometer ? (
            <div className="field">
              <label htmlFor={odometerId}>Kilomètres parcourus (aller)</label>
              <input
                id={odometerId}
                name="odometerKm"
                type="number"
                inputMode="decimal"
                min="0"
                step="any"
                defaultValue={failure?.odometerText}
                aria-describedby={odometerInvalid ? `${odometerId}-aide ${odometerId}-erreur` : `${odometerId}-aide`}
                aria-invalid={odometerInvalid || undefined}
              />
              <p className="field__hint" id={`${odometerId}-aide`}>
                Facultatif&nbsp;: la distance relevée au compteur pour l’aller seul. Elle remplace la distance estimée (
                {km(order.carbon.distanceKm)}) dans le bilan carbone de l’acheteur.
              </p>
              <FieldError error={error} field="odometerKm" id={`${odometerId}-erreur`} />
            </div>
          ) : null}
          <button type="submit" disabled={busy} className={unpaidForGood ? 'button--secondary' : undefined}>
            {next.label}
            {unpaidForGood ? ' quand même' : ''}
            <span className="visually-hidden"> la commande {order.orderNumber}</span>
          </button>
        </Form>
      ) : null}
      {CANCELLABLE.has(order.status) && cancellationWithheld ? (
        <p className="producer-order__no-cancel small muted">
          Ce paiement a été contesté par la banque de l’acheteur&nbsp;: cette commande ne peut plus être annulée ici,
          car l’acheteur n’en serait pas remboursé.
        </p>
      ) : CANCELLABLE.has(order.status) ? (
        <details className="producer-order__cancel">
          <summary>
            Annuler la commande…<span className="visually-hidden"> {order.orderNumber}</span>
          </summary>
          <Form method="post" noValidate>
            <MoveFields orderId={order.id} status="CANCELLED" />
            <p className="small">
              L’annulation est définitive&nbsp;: l’acheteur en est prévenu par e-mail et les quantités reviennent dans
              votre stock.
              {unpaidForGood
                ? ' Rien ne lui est remboursé par Ancrage\u00a0: sa banque lui a déjà rendu le montant. Un avoir annule la facture.'
                : ''}
            </p>
            <div className="field">
              <label htmlFor={`motif-${order.id}`}>Motif (facultatif)</label>
              <textarea id={`motif-${order.id}`} name="reason" rows={2} maxLength={500} />
            </div>
            <button type="submit" className="button--danger" disabled={busy}>
              Oui, annuler la commande {order.orderNumber}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
