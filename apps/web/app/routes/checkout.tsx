import { randomUUID } from 'node:crypto';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/checkout';
import { BuyerChoiceForm } from '../components/BuyerChoiceForm';
import { CartSummary, CheckoutBlockers, DeliveryDateField, quoteNeedsRoundingNote } from '../components/CartSummary';
import { FieldError, invalidProps } from '../components/FieldError';
import { Footprint } from '../components/Footprint';
import { RoundingNote } from '../components/LinesTable';
import { businessStartPath } from '../components/OrganizationStart';
import { Totals } from '../components/Totals';
import { VerificationNotice } from '../components/VerificationNotice';
import { graphql } from '../graphql';
import type { FormError } from '../lib/api-error';
import { apiMutation, apiQuery, formErrorOf } from '../lib/api.server';
import { buyerChoice, quoteCart } from '../lib/buying.server';
import { cartCookie, emptyCart, readCart } from '../lib/cart.server';
import { blockingProblems } from '../lib/cart-quote';
import { euros, PAYMENT_METHOD_LABELS } from '../lib/format';
import { priceBasisOfBuyer } from '../lib/price-basis';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const CARD_PAYMENTS = graphql(`
  query CardPaymentsAvailable {
    cardPaymentsAvailable
  }
`);

const PLACE_ORDER = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Passer la commande — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

const CARD_DISABLED_REASON = 'Le paiement par carte n’est pas encore activé sur cette plateforme.';

/** The form's fields, as the page names them. */
type CheckoutField = 'line1' | 'postalCode' | 'city' | 'address' | 'paymentMethod' | 'buyer';
const FORM_FIELDS: CheckoutField[] = ['line1', 'postalCode', 'city', 'address', 'paymentMethod', 'buyer'];

/** The field of this form an API error names (placeOrder's `extensions.field`), if it names one of them. */
function checkoutFieldOf(apiField: string | undefined): CheckoutField | undefined {
  switch (apiField) {
    case 'deliveryAddress.line1':
      return 'line1';
    case 'deliveryAddress.postalCode':
      return 'postalCode';
    case 'deliveryAddress.city':
    case 'deliveryAddress.inseeCode':
      return 'city';
    case 'paymentMethod':
      return 'paymentMethod';
    case 'buyerOrganizationId':
      return 'buyer';
    default:
      return apiField?.startsWith('deliveryAddress') ? 'address' : undefined;
  }
}

/**
 * Errors about the cart itself (stock, minimums, delivery areas): the page lists each producer's problems for the
 * address typed (quoteCart's French messages name the product or the producer) under one headline.
 */
const CART_ERROR_HEADLINES: Record<string, string> = {
  OUT_OF_STOCK: 'Un produit n’est plus disponible dans la quantité demandée\u00a0:',
  MINIMUM_NOT_MET: 'Le minimum de commande d’un producteur n’est pas atteint\u00a0:',
  OUT_OF_DELIVERY_AREA: 'Cette adresse est hors de la zone de livraison d’un producteur\u00a0:',
  NOT_FOUND: 'Un produit du panier n’est plus en vente\u00a0:',
};

export async function loader({ request, url, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const cart = readCart(request);
  if (cart.lines.length === 0) throw redirect('/panier');
  const caller = callerOf(context);
  const { businesses, buyer, cookie } = await buyerChoice({ request, url, context });
  const [{ cardPaymentsAvailable }, { quote, refused }] = await Promise.all([
    apiQuery(caller, CARD_PAYMENTS, {}),
    quoteCart(caller, cart, { buyerOrganizationId: buyer?.id ?? null }),
  ]);
  return data(
    {
      businesses: businesses.map(({ id, name }) => ({ id, name })),
      buyer,
      cardPaymentsAvailable,
      quote,
      leftOutCount: refused.length + quote.unavailableProductIds.length,
      // One key per checkout page: a form posted twice places one order.
      idempotencyKey: randomUUID(),
    },
    cookie ? { headers: { 'Set-Cookie': cookie } } : undefined,
  );
}

export async function action({ request, url, context }: Route.ActionArgs) {
  requireSignIn(url, context);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values = {
    line1: text('line1'),
    postalCode: text('postalCode'),
    city: text('city'),
    paymentMethod: text('paymentMethod'),
  };
  const caller = callerOf(context);
  const cart = readCart(request);
  const { buyer } = await buyerChoice({ request, url, context }, text('acheteur') || null);
  // A business may leave the address out: its own is used.
  const deliveryAddress =
    buyer && !values.line1 && !values.postalCode && !values.city
      ? null
      : { line1: values.line1, postalCode: values.postalCode, city: values.city || null };
  const dates: Record<string, string> = Object.fromEntries(
    [...form.entries()]
      .filter(([name]) => name.startsWith('deliveryDate:'))
      .map(([name, value]) => [name, String(value)]),
  );
  let dateField: (field: string | undefined) => string | undefined = () => undefined;
  const fail = (error: FormError, problems: string[] = []) =>
    data(
      { error: { ...error, field: dateField(error.field) ?? checkoutFieldOf(error.field) }, values, problems, dates },
      { status: 400 },
    );

  if (values.paymentMethod !== 'CARD' && values.paymentMethod !== 'INVOICE') {
    return fail({ message: 'Choisissez un moyen de paiement.', code: 'BAD_USER_INPUT', field: 'paymentMethod' });
  }
  // The delivery choices of the producers the cart still holds (the cookie may remember others).
  const { quote } = await quoteCart(caller, cart, { buyerOrganizationId: buyer?.id ?? null });
  // Each producer's delivery day as chosen on this page (else as quoted).
  const deliveries = quote.producers.flatMap((part) =>
    part.deliveryOption
      ? [
          {
            producerId: part.producer.id,
            deliveryOptionId: part.deliveryOption.id,
            deliveryDate: text(`deliveryDate:${part.producer.id}`) || part.deliveryDate,
          },
        ]
      : [],
  );
  // An error on deliveries[i].deliveryDate shows under that producer's date field.
  const dateFieldOf = (field: string | undefined) => {
    const index = /^deliveries\[(\d+)\]\.deliveryDate$/.exec(field ?? '')?.[1];
    return index === undefined
      ? undefined
      : deliveries[Number(index)]
        ? `deliveryDate:${deliveries[Number(index)].producerId}`
        : undefined;
  };
  dateField = dateFieldOf;
  try {
    const { placeOrder } = await apiMutation(caller, PLACE_ORDER, {
      input: {
        buyerOrganizationId: buyer?.id ?? null,
        lines: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
        deliveries,
        deliveryAddress,
        paymentMethod: values.paymentMethod,
        idempotencyKey: text('idempotencyKey'),
      },
    });
    // A card order is paid next (Stripe's Payment Element); an invoice order is confirmed at once.
    const next =
      values.paymentMethod === 'CARD'
        ? `/commandes/${placeOrder.id}/paiement`
        : `/commandes/${placeOrder.id}?confirmee=1`;
    throw redirect(next, { headers: { 'Set-Cookie': cartCookie(emptyCart()) } });
  } catch (error) {
    if (error instanceof Response) throw error;
    const formError = formErrorOf(error);
    if (!CART_ERROR_HEADLINES[formError.code]) return fail(formError);
    // Which product or producer, in French: the cart priced for the address typed.
    const priced = await quoteCart(caller, cart, { buyerOrganizationId: buyer?.id ?? null, deliveryAddress }).catch(
      () => null,
    );
    return fail(formError, priced ? blockingProblems(priced.quote) : []);
  }
}

type CheckoutData = Route.ComponentProps['loaderData'];
type CheckoutActionData = Route.ComponentProps['actionData'];

function AddressFields({ buyer, actionData }: { buyer: CheckoutData['buyer']; actionData: CheckoutActionData }) {
  const error = actionData?.error;
  const values = actionData?.values;
  const field = (
    name: 'line1' | 'postalCode' | 'city',
    label: string,
    autoComplete: string,
    extra: Record<string, string> = {},
  ) => (
    <div className={`field field--${name}`}>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        autoComplete={autoComplete}
        defaultValue={values?.[name]}
        {...extra}
        {...invalidProps(error, name, `${name}-error`)}
      />
      <FieldError error={error} field={name} id={`${name}-error`} />
    </div>
  );
  return (
    <section className="card stack" aria-labelledby="address-title">
      <h2 id="address-title">Adresse de livraison</h2>
      {buyer ? (
        <p className="small muted" id="address-hint">
          Laissez ces champs vides pour livrer à l’adresse de {buyer.name}&nbsp;: {buyer.address.line1},{' '}
          {buyer.address.postalCode} {buyer.address.city}.
        </p>
      ) : null}
      {error?.field === 'address' ? (
        <p className="field__error" role="alert">
          {error.message}
        </p>
      ) : null}
      {field('line1', 'Numéro et rue', 'address-line1')}
      <div className="address-row">
        {field('postalCode', 'Code postal', 'postal-code', { inputMode: 'numeric', maxLength: '5' })}
        {field('city', 'Commune', 'address-level2')}
      </div>
    </section>
  );
}

/** The day each producer delivers, for those whose chosen option delivers on set days. */
function DeliveryDays({ quote, actionData }: { quote: CheckoutData['quote']; actionData: CheckoutActionData }) {
  const dated = quote.producers.filter(
    (part) => part.deliveryOption && part.deliveryOption.nextDeliveryDates.length > 0,
  );
  if (dated.length === 0) return null;
  const error = actionData?.error;
  return (
    <section className="card stack" aria-labelledby="days-title">
      <h2 id="days-title">{dated.length > 1 ? 'Jours de livraison' : 'Jour de livraison'}</h2>
      {dated.map((part) => {
        const name = `deliveryDate:${part.producer.id}`;
        const typed = actionData?.dates?.[name];
        return (
          <DeliveryDateField
            key={part.producer.id}
            part={typed ? { ...part, deliveryDate: typed } : part}
            name={name}
            id={`jour-${part.producer.id}`}
            error={error?.field === name ? error : null}
          />
        );
      })}
    </section>
  );
}

function PaymentChoice({
  business,
  cardPaymentsAvailable,
  actionData,
}: {
  business: boolean;
  cardPaymentsAvailable: boolean;
  actionData: CheckoutActionData;
}) {
  const error = actionData?.error;
  const wanted = actionData?.values.paymentMethod ?? (business ? 'INVOICE' : 'CARD');
  return (
    <section className="card stack" aria-labelledby="payment-title">
      <h2 id="payment-title">Paiement</h2>
      <fieldset aria-describedby={error?.field === 'paymentMethod' ? 'paymentMethod-error' : undefined}>
        <legend>Moyen de paiement</legend>
        {business ? (
          <label className="choice">
            <input type="radio" name="paymentMethod" value="INVOICE" defaultChecked={wanted === 'INVOICE'} />
            <span>
              <strong>{PAYMENT_METHOD_LABELS.INVOICE}</strong>
              <br />
              <span className="small muted">Chaque producteur vous adresse sa facture à la livraison.</span>
            </span>
          </label>
        ) : null}
        <label className="choice">
          <input
            type="radio"
            name="paymentMethod"
            value="CARD"
            disabled={!cardPaymentsAvailable}
            defaultChecked={cardPaymentsAvailable && wanted === 'CARD'}
            aria-describedby={cardPaymentsAvailable ? undefined : 'card-disabled'}
          />
          <span>
            <strong>{PAYMENT_METHOD_LABELS.CARD}</strong>
            {cardPaymentsAvailable ? null : (
              <>
                <br />
                <span className="small" id="card-disabled">
                  {CARD_DISABLED_REASON}
                </span>
              </>
            )}
          </span>
        </label>
        <FieldError error={error} field="paymentMethod" id="paymentMethod-error" />
      </fieldset>
    </section>
  );
}

/** Why this order cannot be placed from this page, before anyone tries; empty when it can. */
function reasonsNotToOrder(loaderData: CheckoutData): string[] {
  const reasons = blockingProblems(loaderData.quote, { ignoreArea: true });
  if (loaderData.leftOutCount)
    reasons.push('Des produits de votre panier ne sont plus en vente\u00a0: retirez-les du panier.');
  return reasons;
}

export default function Checkout({ loaderData, actionData }: Route.ComponentProps) {
  const { businesses, buyer, cardPaymentsAvailable, quote, idempotencyKey } = loaderData;
  const busy = useNavigation().state === 'submitting';
  const error = actionData?.error;
  const cannotPay = !buyer && !cardPaymentsAvailable;
  const reasons = reasonsNotToOrder(loaderData);
  const blocked = cannotPay || reasons.length > 0;
  const basis = priceBasisOfBuyer(buyer?.id);
  return (
    <div className="stack">
      <h1>Passer la commande</h1>
      {error &&
      !(
        error.field &&
        (FORM_FIELDS.includes(error.field as CheckoutField) || error.field.startsWith('deliveryDate:'))
      ) ? (
        <div className="alert alert--error" role="alert">
          <p>{actionData.problems.length ? CART_ERROR_HEADLINES[error.code] : error.message}</p>
          {actionData.problems.length ? (
            <ul className="cart-problems">
              {actionData.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/panier">Modifier le panier</Link>
          </p>
        </div>
      ) : null}
      <div className="checkout-layout">
        <div className="checkout-layout__main stack">
          {businesses.length ? (
            <BuyerChoiceForm action="/commande" businesses={businesses} buyerId={buyer?.id ?? null} />
          ) : (
            <>
              <p>Vous commandez en tant que particulier.</p>
              {cannotPay ? null : (
                <p className="small">
                  Vous achetez pour un restaurant, un commerce ou une autre entreprise&nbsp;?{' '}
                  <Link to={businessStartPath('/commande')}>Inscrivez votre entreprise</Link> pour commander aux prix
                  professionnels et payer sur facture.
                </p>
              )}
            </>
          )}
          {buyer ? <VerificationNotice kind="BUSINESS" name={buyer.name} status={buyer.verificationStatus} /> : null}
          {error?.field === 'buyer' ? (
            <p className="field__error" role="alert">
              {error.message}
            </p>
          ) : null}
          {cannotPay ? (
            <div className="alert alert--warning" id="cannot-pay">
              <p>
                <strong>Vous ne pouvez pas encore commander en tant que particulier.</strong> Les particuliers paient
                par carte, et {CARD_DISABLED_REASON.charAt(0).toLowerCase() + CARD_DISABLED_REASON.slice(1)} Votre
                panier est conservé.
              </p>
              {businesses.length === 0 ? (
                <p className="small">
                  Les entreprises inscrites sur Ancrage peuvent commander et payer sur facture&nbsp;:{' '}
                  <Link to={businessStartPath('/commande')}>inscrire mon entreprise</Link>.
                </p>
              ) : null}
            </div>
          ) : null}
          <Form method="post" action="/commande" className="stack" noValidate>
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <input type="hidden" name="acheteur" value={buyer?.id ?? 'moi'} />
            <DeliveryDays quote={quote} actionData={actionData} />
            <AddressFields buyer={buyer} actionData={actionData} />
            <PaymentChoice
              business={Boolean(buyer)}
              cardPaymentsAvailable={cardPaymentsAvailable}
              actionData={actionData}
            />
            <CheckoutBlockers reasons={reasons} id="checkout-blockers" />
            <div className="checkout-submit">
              <button
                type="submit"
                disabled={busy || blocked}
                aria-describedby={cannotPay ? 'cannot-pay' : reasons.length ? 'checkout-blockers' : undefined}
              >
                {busy ? 'Commande en cours…' : `Passer la commande (${euros(quote.totalCents)}\u00a0TTC)`}
              </button>
            </div>
          </Form>
        </div>
        <aside className="checkout-layout__aside stack" aria-labelledby="summary-title">
          <h2 id="summary-title">Récapitulatif</h2>
          <CartSummary quote={quote} basis={basis} headingLevel={3} roundingNotes={false} />
          <section className="card stack" aria-labelledby="total-title">
            <h3 id="total-title">Total</h3>
            <Totals subtotalCents={quote.subtotalCents} vatCents={quote.vatCents} totalCents={quote.totalCents} />
            {/* Once for the whole order, not under each producer's part. */}
            {quoteNeedsRoundingNote(quote, basis) ? <RoundingNote /> : null}
            <p className="small">
              <Link to="/panier">Modifier le panier</Link>
            </p>
          </section>
          {buyer && quote.carbon ? (
            <div className="card">
              <Footprint
                carbon={quote.carbon}
                estimate
                averageDistance={quote.producers.length > 1}
                title={`Estimation carbone, livré à ${buyer.name}`}
                subject="Le transport de cette commande"
              />
            </div>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
