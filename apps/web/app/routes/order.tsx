import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/order';
import { FormAlert } from '../components/FieldError';
import { Footprint } from '../components/Footprint';
import { LinesTable } from '../components/LinesTable';
import { OrderStatus } from '../components/OrderStatus';
import { Totals } from '../components/Totals';
import { graphql } from '../graphql';
import { ApiError, apiMutation, apiQuery, formErrorOf } from '../lib/api.server';
import { FOOTPRINT_FIELDS } from '../lib/buying-fragments';
import { date, dateTime, DELIVERY_MODE_LABELS, euros, INVOICE_STATUS_LABELS, km, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../lib/format';
import { footprintVerdict } from '../lib/footprint';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const ORDER = graphql(
  `
    query OrderDetail($id: ID!) {
      order(id: $id) {
        id number createdAt status paymentMethod subtotalCents vatCents totalCents
        buyerOrganization { name }
        deliveryAddress { line1 postalCode city }
        payment { status }
        carbon { ...FootprintFields }
        supplierOrders {
          id status feeCents subtotalCents vatCents totalCents
          producer { id name }
          deliveryOption { label mode }
          lines { productId name unit quantity unitPriceCents vatRate totalCents }
          carbon { ...FootprintFields }
          invoice { id number status dueDate totalCents }
        }
      }
    }
  `,
  [FOOTPRINT_FIELDS],
);

const CANCEL_ORDER = graphql(`
  mutation CancelOrder($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { id status } }
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
  return { order, confirmed: search.has('confirmee'), cancelled: search.has('annulee') };
}

export async function action({ request, url, params, context }: Route.ActionArgs) {
  requireSignIn(url, context);
  const form = await request.formData();
  const reason = String(form.get('reason') ?? '').trim();
  try {
    await apiMutation(callerOf(context), CANCEL_ORDER, { id: params.id, reason: reason || null });
  } catch (error) {
    return data({ error: formErrorOf(error) }, { status: 400 });
  }
  throw redirect(`/commandes/${params.id}?annulee=1`);
}

type OrderData = Route.ComponentProps['loaderData']['order'];

function ConfirmationBanner({ order }: { order: OrderData }) {
  return (
    <div className="alert alert--info confirmation" role="status">
      <h2 className="confirmation__title">Merci, votre commande est passée</h2>
      <p>
        Commande <strong>{order.number}</strong> :{' '}
        {order.supplierOrders.length > 1 ? `${order.supplierOrders.length} producteurs vont la préparer` : 'le producteur va la préparer'}. Vos
        produits parcourront {order.supplierOrders.length > 1 ? 'en moyenne ' : ''}
        <strong>{km(order.carbon.distanceKm)}</strong> jusqu’à vous.
      </p>
      <p>{footprintVerdict(order.carbon.savedKgCo2e, 'Leur transport')}</p>
      {order.paymentMethod === 'INVOICE' ? (
        <p className="small">Chaque producteur vous enverra sa facture à la livraison, payable à 30 jours.</p>
      ) : null}
    </div>
  );
}

function SupplierOrderPart({ orderId, part }: { orderId: string; part: OrderData['supplierOrders'][number] }) {
  const headingId = `part-${part.id}`;
  return (
    <section className="card stack supplier-part" aria-labelledby={headingId}>
      <div className="supplier-part__head">
        <h2 id={headingId}>{part.producer.name}</h2>
        <OrderStatus status={part.status} />
      </div>
      <div className="table-scroll">
        <LinesTable
          caption={`Produits commandés à ${part.producer.name}`}
          lines={part.lines}
          delivery={{ label: `${part.deliveryOption.label} (${(DELIVERY_MODE_LABELS[part.deliveryOption.mode] ?? part.deliveryOption.mode).toLowerCase()})`, feeCents: part.feeCents }}
        />
      </div>
      <Totals subtotalCents={part.subtotalCents} vatCents={part.vatCents} totalCents={part.totalCents} feeCents={part.feeCents} />
      <Footprint carbon={part.carbon} subject="Cette livraison" />
      {part.invoice ? (
        <div className="invoice-line">
          <p>
            <strong>Facture {part.invoice.number}</strong> · {euros(part.invoice.totalCents)} TTC ·{' '}
            {INVOICE_STATUS_LABELS[part.invoice.status] ?? part.invoice.status} · échéance le {date(part.invoice.dueDate)}
          </p>
          <a className="button button--secondary" href={`/commandes/${orderId}/factures/${part.invoice.id}`}>
            Télécharger la facture (PDF)<span className="visually-hidden"> {part.invoice.number}</span>
          </a>
        </div>
      ) : (
        <p className="small muted">La facture de ce producteur sera disponible à la livraison.</p>
      )}
    </section>
  );
}

function CancelOrderForm({ error }: { error?: ReturnType<typeof formErrorOf> | null }) {
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="card stack cancel-order" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Annuler la commande</h2>
      <p>
        Aucun producteur n’a encore confirmé cette commande : vous pouvez l’annuler entièrement. Les produits sont
        remis en vente et rien ne vous sera facturé. Cette annulation est définitive.
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
  const { order, confirmed, cancelled } = loaderData;
  const cancellable = order.supplierOrders.every((part) => part.status === 'PLACED');
  // A card order left before its payment went through: the way back to the payment page.
  const awaitingCard = order.paymentMethod === 'CARD' && order.status !== 'CANCELLED' && order.payment?.status !== 'SUCCEEDED';
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
      <div className="order-head">
        <h1>Commande {order.number}</h1>
        <OrderStatus status={order.status} />
      </div>
      {awaitingCard ? (
        <div className="alert alert--warning row" role="status">
          <span>Cette commande attend son paiement par carte : les producteurs la préparent une fois payée.</span>
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
            {order.payment ? ` — ${PAYMENT_STATUS_LABELS[order.payment.status] ?? order.payment.status}` : ''}
          </dd>
        </div>
      </dl>
      {order.supplierOrders.map((part) => (
        <SupplierOrderPart key={part.id} orderId={order.id} part={part} />
      ))}
      <section className="card stack order-total" aria-labelledby="order-total-title">
        <h2 id="order-total-title">Total de la commande</h2>
        <Totals subtotalCents={order.subtotalCents} vatCents={order.vatCents} totalCents={order.totalCents} />
        <Footprint
          carbon={order.carbon}
          averageDistance={order.supplierOrders.length > 1}
          title="Empreinte carbone de la commande"
          subject="Cette commande"
        />
      </section>
      <Form method="post" action="/panier" className="reorder">
        <input type="hidden" name="intent" value="reorder" />
        <input type="hidden" name="orderId" value={order.id} />
        <button type="submit" className="button--secondary">
          Commander à nouveau
        </button>{' '}
        <span className="small muted">Les mêmes produits et modes de livraison, dans votre panier, aux prix d’aujourd’hui.</span>
      </Form>
      {cancellable && order.status !== 'CANCELLED' ? <CancelOrderForm error={actionData?.error} /> : null}
    </div>
  );
}
