import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/cart';
import { BuyerChoiceForm } from '../components/BuyerChoiceForm';
import { CartSummary, CheckoutBlockers } from '../components/CartSummary';
import { CommuneInput } from '../components/CommuneInput';
import { FormAlert } from '../components/FieldError';
import { Footprint } from '../components/Footprint';
import { Totals } from '../components/Totals';
import { formErrorOf } from '../lib/api.server';
import {
  buyerChoice,
  checkCartLine,
  placeAddress,
  placeCookie,
  quoteCart,
  readPlace,
  reorderInto,
  resolvePlace,
} from '../lib/buying.server';
import { addToCart, cartCookie, chooseDelivery, readCart, setQuantity } from '../lib/cart.server';
import { blockingProblems } from '../lib/cart-quote';
import { dateFootprintsOf } from '../lib/date-footprints.server';
import { placeLabel } from '../lib/estimate-place';
import { priceBasisOfBuyer } from '../lib/price-basis';
import { safeReturnPath } from '../lib/redirect';
import { callerOf } from '../lib/session.server';

export const meta: Route.MetaFunction = () => [
  { title: 'Votre panier — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, url, context }: Route.LoaderArgs) {
  const cart = readCart(request);
  const caller = callerOf(context);
  const { businesses, buyer, cookie: buyerCookie } = await buyerChoice({ request, url, context });
  const headers = new Headers();
  if (buyerCookie) headers.append('Set-Cookie', buyerCookie);

  // Where the carbon estimate goes: the commune just typed, else the one remembered, else the business's address.
  const typedPlace = url.searchParams.get('commune');
  let place = readPlace(request);
  let placeNotFound: string | null = null;
  if (typedPlace !== null && typedPlace.trim()) {
    const found = await resolvePlace(caller, typedPlace);
    if (found) {
      place = found;
      headers.append('Set-Cookie', placeCookie(found));
    } else {
      placeNotFound = typedPlace.trim();
    }
  }
  const base = {
    businesses: businesses.map(({ id, name }) => ({ id, name })),
    buyerId: buyer?.id ?? null,
    place,
    placeNotFound,
  };
  if (cart.lines.length === 0) return data({ ...base, quoted: null, estimateFor: null }, { headers });

  const deliveryAddress = place ? placeAddress(place) : null;
  const { quote, refused } = await quoteCart(caller, cart, { buyerOrganizationId: buyer?.id ?? null, deliveryAddress });
  // Each producer's delivery days with the cart's footprint on each (CARBON-METHOD §7.3: the pooling day).
  const dateFootprints = await dateFootprintsOf(caller, quote, {
    buyerOrganizationId: buyer?.id ?? null,
    address: deliveryAddress,
  });
  const estimateFor = place
    ? placeLabel(place)
    : buyer
      ? `${buyer.name} (${buyer.address.city ?? buyer.address.postalCode})`
      : null;
  return data(
    {
      ...base,
      quoted: {
        quote,
        refused: refused.map(({ productId, error }) => ({ productId, message: formErrorOf(error).message })),
        dateFootprints,
      },
      estimateFor,
    },
    { headers },
  );
}

/**
 * The cart's one action, posted by every "add to cart" form of the site and by the cart page itself:
 * `intent` = add (productId, quantity, optional retour: where to go back), update (productId, quantity; 0 removes),
 * remove (productId), delivery (producerId, deliveryOptionId, deliveryDate for an option with days), reorder (orderId: that order's lines and delivery
 * choices added, then the cart). A quantity is checked by the API (whole pieces, the product still on sale) before the
 * cart keeps it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const productId = String(form.get('productId') ?? '');
  const quantity = Number(String(form.get('quantity') ?? '').replace(',', '.'));
  let cart = readCart(request);
  switch (intent) {
    case 'add':
      if (!productId || !Number.isFinite(quantity) || quantity <= 0) {
        return data(
          { error: { message: 'Indiquez une quantité supérieure à zéro.', code: 'BAD_USER_INPUT', field: 'quantity' } },
          { status: 400 },
        );
      }
      cart = addToCart(cart, productId, quantity);
      break;
    case 'update':
      cart = setQuantity(cart, productId, Number.isFinite(quantity) ? quantity : 0);
      break;
    case 'remove':
      cart = setQuantity(cart, productId, 0);
      break;
    case 'delivery':
      cart = chooseDelivery(
        cart,
        String(form.get('producerId') ?? ''),
        String(form.get('deliveryOptionId') ?? ''),
        String(form.get('deliveryDate') ?? '') || null,
      );
      break;
    case 'reorder': {
      const reordered = await reorderInto(callerOf(context), cart, String(form.get('orderId') ?? ''));
      if (!reordered)
        return data({ error: { message: 'Cette commande est introuvable.', code: 'NOT_FOUND' } }, { status: 404 });
      throw redirect('/panier', { headers: { 'Set-Cookie': cartCookie(reordered) } });
    }
    default:
      return data({ error: { message: 'Action inconnue.', code: 'BAD_USER_INPUT' } }, { status: 400 });
  }
  const changedLine =
    intent === 'add' || intent === 'update' ? cart.lines.find((line) => line.productId === productId) : undefined;
  if (changedLine) {
    const error = await checkCartLine(callerOf(context), changedLine);
    if (error) return data({ error }, { status: 400 });
  }
  const back = form.get('retour');
  const headers = new Headers({ 'Set-Cookie': cartCookie(cart) });
  const searched = intent === 'add' && !readPlace(request) ? await searchedPlace(callerOf(context), back) : null;
  if (searched) headers.append('Set-Cookie', placeCookie(searched));
  if (back) throw redirect(safeReturnPath(back, '/panier'), { headers });
  return data({ error: null }, { headers });
}

/** The commune the visitor searched the catalogue around (the page adding to the cart keeps it in its `retour`). */
async function searchedPlace(caller: ReturnType<typeof callerOf>, back: FormDataEntryValue | null) {
  const commune = typeof back === 'string' ? new URL(back, 'http://page').searchParams.get('commune') : null;
  return commune ? resolvePlace(caller, commune) : null;
}

type CartData = Route.ComponentProps['loaderData'];

function EmptyCart() {
  return (
    <div className="empty-state stack">
      <p className="empty-state__title">Votre panier est vide.</p>
      <p>
        Fromages, légumes, viandes, pains… les producteurs des marques de territoire vous attendent, près de chez vous.
      </p>
      <p>
        <Link to="/produits" className="button">
          Voir les produits
        </Link>
      </p>
    </div>
  );
}

/** Lines the cart holds but the quote could not price: withdrawn products, refused quantities. Each can be removed. */
function LeftOutLines({ quoted }: { quoted: NonNullable<CartData['quoted']> }) {
  const leftOut = [
    ...quoted.quote.unavailableProductIds.map((productId) => ({
      productId,
      message: 'Un produit n’est plus en vente.',
      onSale: false,
    })),
    ...quoted.refused.map((line) => ({ ...line, onSale: true })),
  ];
  if (leftOut.length === 0) return null;
  return (
    <div className="alert alert--warning">
      <p>
        <strong>
          {leftOut.length > 1
            ? 'Des produits de votre panier ne peuvent pas être commandés'
            : 'Un produit de votre panier ne peut pas être commandé'}
        </strong>{' '}
        (ils ne sont pas comptés ci-dessous)&nbsp;:
      </p>
      <ul className="cart-problems">
        {leftOut.map(({ productId, message, onSale }) => (
          <li key={productId}>
            {message} {onSale ? <Link to={`/produits/${productId}`}>Voir le produit</Link> : null}{' '}
            <Form method="post" action="/panier" className="inline-form">
              <input type="hidden" name="productId" value={productId} />
              <button type="submit" name="intent" value="remove" className="button--link">
                Le retirer du panier
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The cart's carbon estimate, and the commune it is estimated for (a small GET form). */
function CarbonEstimate({
  loaderData,
  quote,
}: {
  loaderData: CartData;
  quote: NonNullable<CartData['quoted']>['quote'];
}) {
  const { place, placeNotFound, estimateFor } = loaderData;
  return (
    <section className="stack cart-estimate" aria-labelledby="estimate-title">
      <h2 id="estimate-title">Estimation carbone du transport</h2>
      <Form method="get" action="/panier" className="place-form">
        <CommuneInput
          id="cart-commune"
          name="commune"
          label="Votre commune de livraison"
          defaultValue={placeNotFound ?? (place ? placeLabel(place) : '')}
        />
        <button type="submit" className="button--secondary">
          Estimer pour cette commune
        </button>
      </Form>
      {placeNotFound ? (
        <p className="field__error" role="alert">
          Nous ne trouvons pas la commune «&nbsp;{placeNotFound}&nbsp;». Vérifiez son nom ou tapez son code postal.
        </p>
      ) : null}
      {!estimateFor ? (
        <p className="muted">Indiquez votre commune pour estimer le transport de votre panier.</p>
      ) : quote.carbon ? (
        <>
          <p className="small muted">Estimation pour une livraison à {estimateFor}.</p>
          <Footprint
            carbon={quote.carbon}
            estimate
            averageDistance={quote.producers.length > 1}
            title="Votre panier"
            headingLevel={3}
            subject="Le transport de votre panier"
          />
        </>
      ) : (
        <p className="muted">
          Choisissez un mode de livraison pour chaque producteur pour estimer le transport jusqu’à {estimateFor}.
        </p>
      )}
    </section>
  );
}

export default function Cart({ loaderData, actionData }: Route.ComponentProps) {
  const { quoted, businesses, buyerId } = loaderData;
  // An "add to cart" form of another page, posted without JS, lands here with its error.
  const actionError = actionData?.error ? <FormAlert error={actionData.error} fields={[]} /> : null;
  if (!quoted) {
    return (
      <div className="stack">
        <h1>Votre panier</h1>
        {actionError}
        <EmptyCart />
      </div>
    );
  }
  const { quote } = quoted;
  const reasons = blockingProblems(quote, { ignoreArea: true });
  return (
    <div className="stack">
      <h1>Votre panier</h1>
      {actionError}
      {businesses.length ? <BuyerChoiceForm action="/panier" businesses={businesses} buyerId={buyerId} /> : null}
      <LeftOutLines quoted={quoted} />
      <div className="cart-layout">
        <div className="cart-layout__parts">
          {quote.producers.length ? (
            <CartSummary
              quote={quote}
              basis={priceBasisOfBuyer(buyerId)}
              editable
              dateFootprints={quoted.dateFootprints}
            />
          ) : (
            <EmptyCart />
          )}
        </div>
        <aside className="cart-layout__aside stack" aria-label="Récapitulatif du panier">
          <section className="card stack" aria-labelledby="totals-title">
            <h2 id="totals-title">Total</h2>
            <Totals subtotalCents={quote.subtotalCents} vatCents={quote.vatCents} totalCents={quote.totalCents} />
            <CheckoutBlockers reasons={reasons} id="checkout-blockers" />
            {reasons.length || quote.producers.length === 0 ? (
              <button type="button" disabled aria-describedby={reasons.length ? 'checkout-blockers' : undefined}>
                Passer la commande
              </button>
            ) : (
              <Link to="/commande" className="button">
                Passer la commande
              </Link>
            )}
          </section>
          <div className="card">
            <CarbonEstimate loaderData={loaderData} quote={quote} />
          </div>
        </aside>
      </div>
    </div>
  );
}
