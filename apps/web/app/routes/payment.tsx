import { useEffect, useRef, useState } from 'react';
import { Link, redirect } from 'react-router';
import type { Route } from './+types/payment';
import { graphql } from '../graphql';
import { ApiError } from '../lib/api-error';
import { apiMutation, apiQuery, formErrorOf } from '../lib/api.server';
import { euros } from '../lib/format';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';
import { cardErrorMessage, loadStripeJs, type StripeElements, type StripeJs } from '../lib/stripe-js';

const ORDER_TO_PAY = graphql(`
  query OrderToPay($id: ID!) {
    order(id: $id) {
      id
      number
      totalCents
      paymentMethod
      status
      payment {
        status
      }
    }
  }
`);

const START_CARD_PAYMENT = graphql(`
  mutation StartCardPayment($orderId: ID!) {
    startCardPayment(orderId: $orderId) {
      clientSecret
      amountCents
      publishableKey
    }
  }
`);

/** Stripe.js comes from Stripe; STRIPE_JS_URL points the page elsewhere (the tests' fake Stripe). */
const stripeJsUrl = (): string => process.env.STRIPE_JS_URL ?? 'https://js.stripe.com/v3/';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Paiement de la commande ${loaderData?.order.number ?? ''} — Ancrage` },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireSignIn(request, context);
  const caller = callerOf(context);
  const { order } = await apiQuery(caller, ORDER_TO_PAY, { id: params.id });
  if (!order) throw new Response(null, { status: 404 });
  const orderPage = `/commandes/${order.id}`;
  if (order.paymentMethod !== 'CARD' || order.status === 'CANCELLED' || order.payment?.status === 'SUCCEEDED')
    throw redirect(orderPage);
  try {
    const { startCardPayment } = await apiMutation(caller, START_CARD_PAYMENT, { orderId: order.id });
    return { order, card: startCardPayment, stripeJsUrl: stripeJsUrl(), problem: null };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // A producer not payable, or Stripe's refusal with its decline code: said in French; anything else stays vague.
    const told = error.code === 'PRODUCER_NOT_PAYABLE' || error.code === 'PAYMENT_FAILED';
    return {
      order,
      card: null,
      stripeJsUrl: null,
      problem: told ? formErrorOf(error).message : "Le paiement par carte n'est pas disponible pour cette commande.",
    };
  }
}

type Stage = 'loading' | 'ready' | 'paying' | 'unavailable';

export default function Payment({ loaderData }: Route.ComponentProps) {
  const { order, card, problem } = loaderData;
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: StripeJs; elements: StripeElements } | null>(null);
  const [stage, setStage] = useState<Stage>(card?.publishableKey ? 'loading' : 'unavailable');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!card?.publishableKey || !loaderData.stripeJsUrl) return;
    let cancelled = false;
    loadStripeJs(loaderData.stripeJsUrl)
      .then((Stripe) => {
        if (cancelled || !mount.current) return;
        const js = Stripe(card.publishableKey!);
        const elements = js.elements({ clientSecret: card.clientSecret, locale: 'fr' });
        elements.create('payment').mount(mount.current);
        stripe.current = { js, elements };
        setStage('ready');
      })
      .catch(() => !cancelled && setStage('unavailable'));
    return () => {
      cancelled = true;
    };
  }, [card, loaderData.stripeJsUrl]);

  async function pay(event: React.FormEvent) {
    event.preventDefault();
    if (!stripe.current) return;
    setStage('paying');
    setError(null);
    const { js, elements } = stripe.current;
    const submitted = await elements.submit();
    const { error: refused } = submitted.error
      ? submitted
      : await js.confirmPayment({
          elements,
          confirmParams: { return_url: `${window.location.origin}/commandes/${order.id}?confirmee=1` },
        });
    if (refused) {
      setError(cardErrorMessage(refused));
      setStage('ready');
    }
  }

  return (
    <div className="form-narrow stack">
      <p className="breadcrumb">
        <Link to={`/commandes/${order.id}`}>Commande {order.number}</Link>
      </p>
      <h1>Payer {euros(order.totalCents)}</h1>
      <p>
        Le paiement est traité par Stripe&nbsp;: Ancrage ne voit jamais votre numéro de carte. Chaque producteur reçoit
        sa part une fois le paiement confirmé.
      </p>
      {problem || stage === 'unavailable' ? (
        <div className="alert alert--error" role="alert">
          {problem ?? "Le module de paiement n'a pas pu se charger. Vérifiez votre connexion et rechargez la page."}
        </div>
      ) : (
        <form onSubmit={pay} className="stack" aria-busy={stage !== 'ready'}>
          <div ref={mount} className="payment-element" />
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
          <noscript>
            <p className="alert alert--warning">Le paiement par carte a besoin de JavaScript.</p>
          </noscript>
          <button type="submit" disabled={stage !== 'ready'}>
            {stage === 'paying' ? 'Paiement en cours…' : `Payer ${euros(order.totalCents)}`}
          </button>
        </form>
      )}
      <p className="small muted">
        Votre commande est réservée pendant le paiement. <Link to={`/commandes/${order.id}`}>Voir la commande</Link>
      </p>
    </div>
  );
}
