import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/order';
import { ContactLine } from '../components/ContactLine';
import { FormAlert } from '../components/FieldError';
import { Footprint } from '../components/Footprint';
import { LinesTable } from '../components/LinesTable';
import { OrderStatus } from '../components/OrderStatus';
import { Totals } from '../components/Totals';
import { graphql, type ResultOf } from '../graphql';
import type { DateFootprint } from '../components/CartSummary';
import { ApiError, type ApiCaller, apiMutation, apiQuery, formErrorOf } from '../lib/api.server';
import type { FormError } from '../lib/api-error';
import { optionDateFootprints } from '../lib/date-footprints.server';
import { FOOTPRINT_FIELDS } from '../lib/buying-fragments';
import {
  date,
  dateTime,
  deliveryDay,
  deliveryOptionName,
  DISPUTE_BUYER_NEXT,
  DISPUTE_REASON_LABELS,
  disputedPaymentLabel,
  disputeStanding,
  euros,
  invoicePaymentStanding,
  kgCo2e,
  km,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  type PriceBasis,
} from '../lib/format';
import { footprintVerdict } from '../lib/footprint';
import { priceBasisOfBuyer } from '../lib/price-basis';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const ORDER = graphql(
  `
    query OrderDetail($id: ID!) {
      order(id: $id) {
        id
        number
        createdAt
        status
        paymentMethod
        subtotalCents
        vatCents
        totalCents
        buyerOrganization {
          id
          name
        }
        deliveryAddress {
          line1
          postalCode
          city
          inseeCode
          latitude
          longitude
        }
        payment {
          status
          dispute {
            outcome
            status
            amountCents
            reason
          }
        }
        carbon {
          ...FootprintFields
        }
        supplierOrders {
          id
          status
          paymentStatus
          feeCents
          feeInclVatCents
          subtotalCents
          vatCents
          totalCents
          deliveryDate
          producer {
            id
            name
            phone
            contactEmail
          }
          deliveryOption {
            id
            label
            mode
            address
            openingHours
          }
          lines {
            productId
            name
            unit
            quantity
            unitPriceCents
            vatRate
            totalCents
            totalInclVatCents
          }
          carbon {
            ...FootprintFields
          }
          dispute {
            partRefundedByBank
          }
          invoice {
            id
            number
            status
            dueDate
            totalCents
            amountDueCents
            creditNotes {
              id
              number
              totalCents
              reason
              issuedAt
            }
          }
        }
      }
    }
  `,
  [FOOTPRINT_FIELDS],
);

const CANCEL_ORDER = graphql(`
  mutation CancelOrder($id: ID!, $reason: String) {
    cancelOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

const CHANGE_DATE = graphql(`
  mutation ChangeDeliveryDate($id: ID!, $deliveryDate: Date!) {
    changeDeliveryDate(supplierOrderId: $id, deliveryDate: $deliveryDate) {
      id
      deliveryDate
    }
  }
`);

const NEXT_DATES = graphql(`
  query OrderNextDeliveryDates($deliveryOptionId: ID!, $first: Int) {
    nextDeliveryDates(deliveryOptionId: $deliveryOptionId, first: $first)
  }
`);

const CANCEL_PART = graphql(`
  mutation CancelSupplierOrder($id: ID!, $reason: String) {
    cancelSupplierOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const meta: Route.MetaFunction = ({ loaderData: loaded }) => [
  { title: loaded ? `Commande ${loaded.order.number} — Ancrage` : 'Commande — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

/** Someone else's order, or none: the same 404 (the API answers NOT_FOUND for both). */
const notFound = () => new Response('Commande introuvable', { status: 404 });

export async function loader({ url, params, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const order = await apiQuery(callerOf(context), ORDER, { id: params.id })
    .then((result) => result.order)
    .catch((error: unknown) => {
      if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
      throw error;
    });
  if (!order) throw notFound();
  const search = url.searchParams;
  return {
    order,
    dayChoices: await dayChoicesOf(callerOf(context), order),
    confirmed: search.has('confirmee'),
    cancelled: search.has('annulee'),
    partCancelled: search.get('partie-annulee'),
    dayChanged: search.get('jour-change'),
  };
}

/** How many next days the change of day offers. */
const DAY_CHOICES = 6;

interface DayChoices {
  /** The option's next open days, soonest first. */
  dates: string[];
  /** The part's footprint on each (its own round's option only, CARBON-METHOD §7.3): absent when not estimated. */
  footprints: DateFootprint[] | null;
}

/**
 * The days each part still waiting for its producer could move to (`changeDeliveryDate`), with the part's
 * footprint on each for a producer's own round. A part whose day is already closed is left out: only its producer
 * may move it now.
 */
async function dayChoicesOf(caller: ApiCaller, order: LoadedOrder): Promise<Record<string, DayChoices>> {
  const choices: Record<string, DayChoices> = {};
  const address = order.deliveryAddress;
  await Promise.all(
    order.supplierOrders.map(async (part) => {
      if (part.status !== 'PLACED' || !part.deliveryDate) return;
      const dates = await apiQuery(caller, NEXT_DATES, {
        deliveryOptionId: part.deliveryOption.id,
        first: DAY_CHOICES,
      }).then(
        (result) => result.nextDeliveryDates,
        () => [] as string[],
      );
      if (dates.length === 0 || part.deliveryDate < dates[0]) return;
      const footprints =
        part.deliveryOption.mode === 'PRODUCER_DELIVERY' && address.latitude != null && address.longitude != null
          ? await optionDateFootprints(
              caller,
              {
                deliveryOptionId: part.deliveryOption.id,
                massKg: part.carbon.massKg,
                address: {
                  line1: address.line1,
                  postalCode: address.postalCode,
                  city: address.city,
                  inseeCode: address.inseeCode,
                  latitude: address.latitude,
                  longitude: address.longitude,
                },
              },
              DAY_CHOICES,
            )
          : null;
      choices[part.id] = { dates, footprints };
    }),
  );
  return choices;
}

/** The API's refusals of a change of day, as the buyer reads them. */
function dayChangeError(error: unknown): FormError {
  const formError = formErrorOf(error);
  if (formError.code === 'BAD_USER_INPUT')
    return { ...formError, message: 'Ce jour n’est plus ouvert à la commande\u00a0: choisissez-en un autre.' };
  if (formError.code === 'INVALID_STATE_TRANSITION')
    return {
      ...formError,
      message:
        'Ce jour de livraison ne se change plus ici\u00a0: le producteur a confirmé la commande ou prépare déjà sa tournée. Contactez-le.',
    };
  return formError;
}

export async function action({ request, url, params, context }: Route.ActionArgs) {
  requireSignIn(url, context);
  const form = await request.formData();
  const reason = String(form.get('reason') ?? '').trim();
  if (form.get('intent') === 'change-date') {
    const partId = String(form.get('partId') ?? '');
    const deliveryDate = String(form.get('deliveryDate') ?? '');
    try {
      await apiMutation(callerOf(context), CHANGE_DATE, { id: partId, deliveryDate });
    } catch (error) {
      return data({ error: dayChangeError(error), partId, intent: 'change-date' as const }, { status: 400 });
    }
    throw redirect(`/commandes/${params.id}?jour-change=${encodeURIComponent(partId)}#part-${partId}`);
  }
  if (form.get('intent') === 'cancel-part') {
    // One producer's part: the order goes on with the others.
    const partId = String(form.get('partId') ?? '');
    try {
      await apiMutation(callerOf(context), CANCEL_PART, { id: partId, reason: reason || null });
    } catch (error) {
      return data({ error: formErrorOf(error), partId, intent: 'cancel-part' as const }, { status: 400 });
    }
    throw redirect(`/commandes/${params.id}?partie-annulee=${encodeURIComponent(partId)}`);
  }
  try {
    await apiMutation(callerOf(context), CANCEL_ORDER, { id: params.id, reason: reason || null });
  } catch (error) {
    return data({ error: formErrorOf(error), partId: null, intent: 'cancel-order' as const }, { status: 400 });
  }
  throw redirect(`/commandes/${params.id}?annulee=1`);
}

type OrderData = Route.ComponentProps['loaderData']['order'];
type LoadedOrder = NonNullable<ResultOf<typeof ORDER>['order']>;

function ConfirmationBanner({ order }: { order: OrderData }) {
  return (
    <div className="alert alert--info confirmation" role="status">
      <h2 className="confirmation__title">Merci, votre commande est passée</h2>
      <p>
        Commande <strong>{order.number}</strong>&nbsp;:{' '}
        {order.supplierOrders.length > 1
          ? `${order.supplierOrders.length} producteurs vont la préparer`
          : 'le producteur va la préparer'}
        . Vos produits parcourront {order.supplierOrders.length > 1 ? 'en moyenne ' : ''}
        <strong>{km(order.carbon.distanceKm)}</strong> jusqu’à vous.
      </p>
      <p>{footprintVerdict(order.carbon.savedKgCo2e, 'Leur transport')}</p>
      {order.paymentMethod === 'INVOICE' ? (
        <p className="small">Chaque producteur vous enverra sa facture à la livraison, payable à 30 jours.</p>
      ) : null}
    </div>
  );
}

type PartData = OrderData['supplierOrders'][number];
type ActionError = ReturnType<typeof formErrorOf> | null | undefined;

/** A part the buyer's bank gave back whole through a dispute lost: cancelled, it is not refunded a second time. */
const refundedByBank = (part: PartData): boolean => part.dispute?.partRefundedByBank === true;

/** What a cancellation does with the money of a part: refunded on the card, or already given back by the bank. */
function cancelledMoneyText(part: PartData, paidByCard: boolean): string {
  if (refundedByBank(part))
    return '\u00a0; votre banque vous a déjà rendu ce montant (contestation acceptée)\u00a0: Ancrage ne vous le rembourse pas une seconde fois';
  return paidByCard ? '\u00a0; ce montant vous est remboursé sur votre carte' : '';
}

/** "Annuler cette partie": a disclosure, then the confirmation with an optional reason (keyboard and no-JS friendly). */
function CancelPartForm({ part, paidByCard, error }: { part: PartData; paidByCard: boolean; error: ActionError }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <details className="cancel-part" open={Boolean(error)}>
      <summary>
        Annuler cette partie<span className="visually-hidden"> ({part.producer.name})</span>
      </summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="cancel-part" />
        <input type="hidden" name="partId" value={part.id} />
        <p className="small">
          Les produits de {part.producer.name} ({euros(part.totalCents)} TTC) sont retirés de la commande et remis en
          vente
          {cancelledMoneyText(part, paidByCard)}. Le producteur en est prévenu. Les autres producteurs préparent leur
          part comme prévu. Cette annulation est définitive.
        </p>
        <FormAlert error={error} fields={[]} />
        <div className="field">
          <label htmlFor={`reason-${part.id}`}>Motif (facultatif)</label>
          <input id={`reason-${part.id}`} name="reason" maxLength={500} autoComplete="off" />
        </div>
        <button type="submit" className="button--danger" disabled={busy}>
          Oui, annuler la part de {part.producer.name}
        </button>
      </Form>
    </details>
  );
}

/**
 * "Changer le jour de livraison": the part's other open days, with its footprint on each for a producer's own round
 * (CARBON-METHOD §7.3) and the day that would carry it for less said in words; posted to the order (works without JS).
 */
function ChangeDayForm({ part, choices, error }: { part: PartData; choices: DayChoices; error: ActionError }) {
  const busy = useNavigation().state === 'submitting';
  const current = part.deliveryDate!;
  const others = choices.dates.filter((day) => day !== current);
  if (others.length === 0) return null;
  const footprintOf = new Map((choices.footprints ?? []).map((day) => [day.deliveryDate, day]));
  // The other day whose round would carry this part for less than its own day does now, if any.
  const [cheapest] = others
    .map((day) => footprintOf.get(day))
    .filter((day): day is DateFootprint => day !== undefined)
    .sort((a, b) => a.estimatedKgCo2e - b.estimatedKgCo2e);
  const better = cheapest && cheapest.estimatedKgCo2e < part.carbon.emissionsKgCo2e - 0.005 ? cheapest : null;
  const pickup = part.deliveryOption.mode === 'PICKUP';
  const id = `jour-${part.id}`;
  return (
    // Keyed by the day: once the part has moved, the page shows it closed again.
    <details key={current} className="change-day" open={Boolean(error) || undefined}>
      <summary>
        Changer le jour de {pickup ? 'retrait' : 'livraison'}
        <span className="visually-hidden"> ({part.producer.name})</span>
      </summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="change-date" />
        <input type="hidden" name="partId" value={part.id} />
        <p className="small">
          Tant que {part.producer.name} n’a pas confirmé la commande, vous pouvez choisir un autre de ses jours. Le
          producteur en est informé par sa liste de commandes.
        </p>
        {better ? (
          <p className="pooling-day">
            <strong>
              {capitalized(deliveryDay(better.deliveryDate))}&nbsp;:{' '}
              {better.pooled ? 'la tournée passe déjà près de chez vous' : 'le jour le plus sobre pour cette livraison'}
            </strong>{' '}
            ({kgCo2e(better.estimatedKgCo2e)} attribués à cette livraison, au lieu de{' '}
            {kgCo2e(part.carbon.emissionsKgCo2e)} le {deliveryDay(current)}).
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={id}>Nouveau jour</label>
          <select id={id} name="deliveryDate" defaultValue={better?.deliveryDate ?? others[0]}>
            {others.map((day) => {
              const footprint = footprintOf.get(day);
              return (
                <option key={day} value={day}>
                  {deliveryDay(day)}
                  {footprint ? ` — ${kgCo2e(footprint.estimatedKgCo2e)}` : ''}
                </option>
              );
            })}
          </select>
          <p className="field__hint">
            Aujourd’hui prévue le {deliveryDay(current)}&nbsp;: {kgCo2e(part.carbon.emissionsKgCo2e)} pour cette
            livraison.
          </p>
        </div>
        <FormAlert error={error} fields={[]} />
        <button type="submit" disabled={busy}>
          Déplacer au jour choisi
        </button>
      </Form>
    </details>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function CreditNotes({ orderId, notes }: { orderId: string; notes: NonNullable<PartData['invoice']>['creditNotes'] }) {
  if (!notes.length) return null;
  return (
    <ul className="credit-notes">
      {notes.map((note) => (
        <li key={note.id}>
          <span>
            <strong>Avoir {note.number}</strong> · −{euros(note.totalCents)} TTC · {date(note.issuedAt.slice(0, 10))} ·{' '}
            {note.reason}
          </span>
          <span className="invoice-files">
            <a className="button button--secondary" href={`/commandes/${orderId}/avoirs/${note.id}`}>
              Télécharger l’avoir (PDF)<span className="visually-hidden"> {note.number}</span>
            </a>
            <a className="button button--secondary" href={`/avoirs/${note.id}/factur-x`}>
              Factur-X<span className="visually-hidden"> de l’avoir {note.number} (facture électronique)</span>
            </a>
          </span>
        </li>
      ))}
    </ul>
  );
}

function SupplierOrderPart({
  orderId,
  part,
  basis,
  paidByCard,
  dispute,
  error,
  dayChoices,
  dayError,
}: {
  orderId: string;
  part: PartData;
  /** The order's price basis, by who bought it (`priceBasisOfBuyer`). */
  basis: PriceBasis;
  paidByCard: boolean;
  /**
   * The dispute on the order's card payment: it is not refunded, so the part is not cancelled here (unless the bank
   * gave it back whole, a dispute lost: then it is, with no refund); and its invoice, issued paid, says what became
   * of the money.
   */
  dispute: { outcome: string } | null;
  error: ActionError;
  dayChoices?: DayChoices;
  dayError: ActionError;
}) {
  const headingId = `part-${part.id}`;
  return (
    <section className="card stack supplier-part" aria-labelledby={headingId}>
      <div className="supplier-part__head">
        <h2 id={headingId}>{part.producer.name}</h2>
        <OrderStatus status={part.status} />
      </div>
      <ContactLine phone={part.producer.phone} contactEmail={part.producer.contactEmail} name={part.producer.name} />
      <div className="table-scroll">
        <LinesTable
          caption={`Produits commandés à ${part.producer.name}`}
          lines={part.lines}
          basis={basis}
          delivery={{
            label: deliveryOptionName(part.deliveryOption),
            feeCents: part.feeCents,
            feeInclVatCents: part.feeInclVatCents,
          }}
        />
      </div>
      {part.deliveryDate ? (
        <p className="delivery-day-line">
          {part.deliveryOption.mode === 'PICKUP' ? 'Retrait' : 'Livraison'} le{' '}
          <strong>{deliveryDay(part.deliveryDate)}</strong>
          {part.deliveryOption.mode === 'PICKUP' && part.deliveryOption.address
            ? `\u00a0: ${part.deliveryOption.address}`
            : ''}
          {part.deliveryOption.mode === 'PICKUP' && part.deliveryOption.openingHours
            ? ` (${part.deliveryOption.openingHours})`
            : ''}
        </p>
      ) : null}
      <Totals
        subtotalCents={part.subtotalCents}
        vatCents={part.vatCents}
        totalCents={part.totalCents}
        feeCents={part.feeCents}
      />
      <Footprint
        carbon={part.carbon}
        subject={part.deliveryOption.mode === 'PICKUP' ? 'Ce retrait' : 'Cette livraison'}
        pickup={part.deliveryOption.mode === 'PICKUP'}
      />
      {part.status === 'PLACED' && dayChoices ? (
        <ChangeDayForm part={part} choices={dayChoices} error={dayError} />
      ) : null}
      {part.status === 'PLACED' && (!dispute || refundedByBank(part)) ? (
        <CancelPartForm part={part} paidByCard={paidByCard} error={error} />
      ) : null}
      {part.invoice ? (
        <div className="invoice-line">
          <p>
            <strong>Facture {part.invoice.number}</strong> · {euros(part.invoice.totalCents)} TTC ·{' '}
            {invoicePaymentStanding(part.invoice, dispute).label} · échéance le {date(part.invoice.dueDate)}
            {part.invoice.amountDueCents > 0 && part.invoice.amountDueCents < part.invoice.totalCents ? (
              <>
                {' '}
                · reste {euros(part.invoice.amountDueCents)} à payer,{' '}
                {part.invoice.creditNotes.length > 1 ? 'avoirs déduits' : 'avoir déduit'}
              </>
            ) : null}
          </p>
          <span className="invoice-files">
            <a className="button button--secondary" href={`/commandes/${orderId}/factures/${part.invoice.id}`}>
              Télécharger la facture (PDF)<span className="visually-hidden"> {part.invoice.number}</span>
            </a>
            <a className="button button--secondary" href={`/factures/${part.invoice.id}/factur-x`}>
              Factur-X
              <span className="visually-hidden"> de la facture {part.invoice.number} (facture électronique)</span>
            </a>
          </span>
          <CreditNotes orderId={orderId} notes={part.invoice.creditNotes} />
        </div>
      ) : part.status === 'CANCELLED' ? null : (
        <p className="small muted">La facture de ce producteur sera disponible à la livraison.</p>
      )}
    </section>
  );
}

type DisputeData = NonNullable<NonNullable<OrderData['payment']>['dispute']>;

const DISPUTE_TITLES: Record<string, string> = {
  OPEN: 'Votre banque conteste ce paiement',
  WON: 'Contestation close\u00a0: le paiement est maintenu',
  LOST: 'Contestation close\u00a0: votre banque vous a rendu le montant',
};

/**
 * A chargeback on the order's card payment, told to the buyer: the amount, why, where it stands and what happens
 * next; and, while parts are still waiting, why they no longer cancel here (a disputed payment is never refunded).
 */
function DisputeNotice({ dispute, cancellationWithheld }: { dispute: DisputeData; cancellationWithheld: boolean }) {
  const reason = dispute.reason ? (DISPUTE_REASON_LABELS[dispute.reason] ?? null) : null;
  return (
    <section
      className={`alert ${dispute.outcome === 'OPEN' ? 'alert--warning' : 'alert--info'} dispute-notice`}
      aria-labelledby="dispute-title"
    >
      <h2 id="dispute-title">{DISPUTE_TITLES[dispute.outcome] ?? 'Contestation du paiement'}</h2>
      <p>
        Montant contesté&nbsp;: <strong>{euros(dispute.amountCents)}</strong>
        {reason ? <> — motif déclaré&nbsp;: {reason}</> : null}.
      </p>
      <p>{DISPUTE_BUYER_NEXT[dispute.outcome]}</p>
      {cancellationWithheld ? (
        <p className="small dispute-notice__aside">
          Un paiement contesté ne peut plus être remboursé&nbsp;: la commande ne s’annule donc plus ici. Pour ne plus
          recevoir les produits, contactez le producteur.
        </p>
      ) : null}
    </section>
  );
}

function CancelOrderForm({ error, refundedByBank }: { error?: ActionError; refundedByBank: boolean }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="card stack cancel-order" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Annuler la commande</h2>
      <p>
        Aucun producteur n’a encore confirmé cette commande&nbsp;: vous pouvez l’annuler entièrement. Les produits sont
        remis en vente
        {refundedByBank
          ? '\u00a0; votre banque vous a déjà rendu son montant (contestation acceptée)\u00a0: Ancrage ne vous le rembourse pas une seconde fois'
          : ' et rien ne vous sera facturé'}
        . Cette annulation est définitive.
      </p>
      <FormAlert error={error} fields={[]} />
      <Form method="post" className="stack">
        <div className="field">
          <label htmlFor="reason">Motif (facultatif)</label>
          <input id="reason" name="reason" maxLength={500} autoComplete="off" />
        </div>
        <button type="submit" className="button--danger" disabled={busy}>
          {busy ? 'Annulation…' : 'Annuler la commande'}
        </button>
      </Form>
    </section>
  );
}

export default function OrderPage({ loaderData, actionData }: Route.ComponentProps) {
  const { order, confirmed, cancelled, partCancelled, dayChanged, dayChoices } = loaderData;
  const partError = actionData?.intent === 'cancel-part' ? actionData.error : null;
  const dayError = actionData?.intent === 'change-date' ? actionData.error : null;
  const orderError = actionData?.intent === 'cancel-order' ? actionData.error : null;
  const movedPart = dayChanged ? order.supplierOrders.find((part) => part.id === dayChanged) : undefined;
  const droppedPart = partCancelled
    ? order.supplierOrders.find((part) => part.id === partCancelled && part.status === 'CANCELLED')
    : undefined;
  const paidByCard =
    order.paymentMethod === 'CARD' && ['SUCCEEDED', 'PARTIALLY_REFUNDED'].includes(order.payment?.status ?? '');
  const dispute = order.payment?.dispute ?? null;
  // A disputed payment is never refunded (the API refuses, PAYMENT_DISPUTED): no cancellation promising a refund. A
  // part the bank gave back whole (a dispute lost) is cancelled all the same, with no refund.
  const cancellationWithheld =
    dispute !== null &&
    order.status !== 'CANCELLED' &&
    order.supplierOrders.some((part) => part.status === 'PLACED' && !refundedByBank(part));
  const allRefundedByBank = dispute !== null && order.supplierOrders.every(refundedByBank);
  const cancellable = (!dispute || allRefundedByBank) && order.supplierOrders.every((part) => part.status === 'PLACED');
  // A card order left before its payment went through: the way back to the payment page.
  const awaitingCard =
    order.paymentMethod === 'CARD' && order.status !== 'CANCELLED' && order.payment?.status !== 'SUCCEEDED';
  // Unpaid in time (PRODUCT.md §7): cancelled by the platform, its stock back on sale; a late payment is refunded.
  const expired =
    order.status === 'CANCELLED' &&
    order.supplierOrders.some((part) => part.paymentStatus === 'EXPIRED' || part.paymentStatus === 'REFUNDED');
  const expiredRefunded = expired && order.supplierOrders.some((part) => part.paymentStatus === 'REFUNDED');
  const address = order.deliveryAddress;
  return (
    <div className="stack">
      <p className="breadcrumb">
        <Link to="/commandes">Mes commandes</Link> › Commande {order.number}
      </p>
      {confirmed ? <ConfirmationBanner order={order} /> : null}
      {cancelled && order.status === 'CANCELLED' ? (
        <div className="alert alert--info" role="status">
          Votre commande est annulée. Les producteurs en sont informés.
        </div>
      ) : null}
      {droppedPart && order.status !== 'CANCELLED' ? (
        <div className="alert alert--info" role="status">
          La part de <strong>{droppedPart.producer.name}</strong> est annulée
          {droppedPart.invoice
            ? refundedByBank(droppedPart)
              ? ' (votre banque vous en avait déjà rendu le montant\u00a0; un avoir corrige sa facture)'
              : ' et vous est remboursée (un avoir corrige sa facture)'
            : ''}
          . Nouveau total de la commande&nbsp;: <strong>{euros(order.totalCents)} TTC</strong>.
        </div>
      ) : null}
      {movedPart?.deliveryDate ? (
        <div className="alert alert--info" role="status">
          La livraison de <strong>{movedPart.producer.name}</strong> est déplacée au{' '}
          <strong>{deliveryDay(movedPart.deliveryDate)}</strong>. Son empreinte estimée&nbsp;:{' '}
          {kgCo2e(movedPart.carbon.emissionsKgCo2e)}.
        </div>
      ) : null}
      <div className="order-head">
        <h1>
          Commande <span className="order-number">{order.number}</span>
        </h1>
        <OrderStatus status={order.status} />
      </div>
      {expired ? (
        <div className="alert alert--warning" role="status">
          <p>
            <strong>Paiement non reçu à temps&nbsp;: commande annulée, stock remis en vente.</strong>
          </p>
          <p className="small">
            {expiredRefunded
              ? 'Votre paiement est arrivé après l’annulation\u00a0: il vous est intégralement remboursé.'
              : 'Rien ne vous a été débité. Pour ces produits, passez une nouvelle commande.'}
          </p>
        </div>
      ) : null}
      {awaitingCard ? (
        <div className="alert alert--warning row" role="status">
          <span>Cette commande attend son paiement par carte&nbsp;: les producteurs la préparent une fois payée.</span>
          <Link to={`/commandes/${order.id}/paiement`} className="button">
            Payer maintenant
          </Link>
        </div>
      ) : null}
      <dl className="order-facts">
        <div>
          <dt>Passée le</dt>
          <dd>{dateTime(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Pour</dt>
          <dd>{order.buyerOrganization?.name ?? 'Moi (particulier)'}</dd>
        </div>
        <div>
          <dt>Adresse de livraison</dt>
          <dd>
            {address.line1}, {address.postalCode} {address.city ?? ''}
          </dd>
        </div>
        <div>
          <dt>Paiement</dt>
          <dd>
            {PAYMENT_METHOD_LABELS[order.paymentMethod] ?? order.paymentMethod}
            {order.payment
              ? ` — ${disputedPaymentLabel(PAYMENT_STATUS_LABELS[order.payment.status] ?? order.payment.status, dispute)}`
              : ''}
          </dd>
        </div>
        {dispute ? (
          <div>
            <dt>Contestation</dt>
            <dd className="order-dispute">
              {euros(dispute.amountCents)} — {disputeStanding(dispute)}
            </dd>
          </div>
        ) : null}
      </dl>
      {dispute ? <DisputeNotice dispute={dispute} cancellationWithheld={cancellationWithheld} /> : null}
      {order.buyerOrganization && order.status !== 'CANCELLED' ? (
        <p className="order-repeat">
          <Link to={`/pro/commandes-recurrentes?organisation=${order.buyerOrganization.id}&depuis=${order.id}`}>
            Commander ceci chaque semaine
          </Link>
          <span className="small muted">
            {' '}
            — une commande récurrente, passée pour vous les jours de livraison choisis.
          </span>
        </p>
      ) : null}
      {order.supplierOrders.map((part) => (
        <SupplierOrderPart
          key={part.id}
          orderId={order.id}
          part={part}
          basis={priceBasisOfBuyer(order.buyerOrganization?.id)}
          paidByCard={paidByCard}
          dispute={dispute}
          error={actionData?.partId === part.id ? partError : null}
          dayChoices={dayChoices[part.id]}
          dayError={actionData?.partId === part.id ? dayError : null}
        />
      ))}
      <section className="card stack order-total" aria-labelledby="order-total-title">
        <h2 id="order-total-title">Total de la commande</h2>
        <Totals subtotalCents={order.subtotalCents} vatCents={order.vatCents} totalCents={order.totalCents} />
        <Footprint
          carbon={order.carbon}
          averageDistance={order.supplierOrders.length > 1}
          title="Empreinte carbone de la commande"
          subject="Cette commande"
          pickup={order.supplierOrders.every((part) => part.deliveryOption.mode === 'PICKUP')}
        />
      </section>
      <Form method="post" action="/panier" className="reorder">
        <input type="hidden" name="intent" value="reorder" />
        <input type="hidden" name="orderId" value={order.id} />
        <button type="submit" className="button--secondary">
          Commander à nouveau
        </button>{' '}
        <span className="small muted">
          Les mêmes produits et modes de livraison, dans votre panier, aux prix d’aujourd’hui.
        </span>
      </Form>
      {cancellable && order.status !== 'CANCELLED' ? (
        <CancelOrderForm error={orderError} refundedByBank={allRefundedByBank} />
      ) : null}
    </div>
  );
}
