import type { RouterContextProvider } from 'react-router';
import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { ApiError, apiQuery, formErrorOf, type ApiCaller, type FormError } from './api.server';
import { addToCart, chooseDelivery, type Cart } from './cart.server';
import { QUOTE_CART, type CartQuote } from './cart-quote';
import { readCookie, serializeCookie } from './cookies.server';
import type { EstimatePlace } from './estimate-place';
import { callerOf } from './session.server';

const YEAR_S = 365 * 24 * 3600;

// — Who buys: the person, or one of their businesses (B2B prices, invoice) —

const MY_BUSINESSES = graphql(`
  query MyBusinesses {
    me {
      memberships {
        organization {
          id
          name
          kind
          verificationStatus
          address {
            line1
            postalCode
            city
            latitude
            longitude
          }
        }
      }
    }
  }
`);

export type Business = ResultOf<typeof MY_BUSINESSES>['me']['memberships'][number]['organization'];

/**
 * The business a person buys for and whose /pro pages they read, remembered between pages: the cart and checkout's
 * buyer choice and the /pro pages' switcher write it, both read it.
 */
export const BUYER_COOKIE = 'ancrage_acheteur';
/** Set-Cookie remembering the buyer chosen (an organization id, or FOR_MYSELF). */
export const rememberBuyer = (buyerId: string): string => serializeCookie(BUYER_COOKIE, buyerId, YEAR_S);
/** The value of the buyer choice that means "for me, as a consumer". */
export const FOR_MYSELF = 'moi';

export interface BuyerChoice {
  businesses: Business[];
  /** The business buying, or null for the person as a consumer. */
  buyer: Business | null;
  /** Set-Cookie remembering a choice made in the URL (`?acheteur=`), if one was. */
  cookie: string | null;
}

/**
 * The buyer of the cart and the checkout: `?acheteur=<organization id | moi>` when the person just chose, else the
 * choice remembered, else their first business (a member of a business mostly buys for it). Only a business the
 * person is a member of; a visitor buys as a consumer. `chosen`: the choice a form posted.
 */
export async function buyerChoice(
  { request, url, context }: { request: Request; url: URL; context: Readonly<RouterContextProvider> },
  chosen = url.searchParams.get('acheteur'),
): Promise<BuyerChoice> {
  const caller = callerOf(context);
  if (!caller.accessToken) return { businesses: [], buyer: null, cookie: null };
  const { me } = await apiQuery(caller, MY_BUSINESSES, {});
  const businesses = me.memberships
    .map((m) => m.organization)
    .filter((organization) => organization.kind === 'BUSINESS');
  const wanted = chosen ?? readCookie(request, BUYER_COOKIE);
  const buyer = wanted === FOR_MYSELF ? null : (businesses.find((b) => b.id === wanted) ?? businesses[0] ?? null);
  return { businesses, buyer, cookie: chosen ? rememberBuyer(buyer?.id ?? FOR_MYSELF) : null };
}

// — Where the cart would go, for its carbon estimate before any address is typed —

const COMMUNE_LOOKUP = graphql(`
  query CartCommune($search: String, $postalCode: String) {
    communes(search: $search, postalCode: $postalCode, first: 1) {
      inseeCode
      name
      postalCodes
    }
  }
`);

const PLACE_COOKIE = 'ancrage_lieu';

/** What the visitor typed — "Guéret (23000)" from the suggestions, "Guéret", or "23000" — as a commune, or null. */
export async function resolvePlace(caller: ApiCaller, typed: string): Promise<EstimatePlace | null> {
  const text = typed.trim();
  if (!text) return null;
  const labelled = /^(.*?)\s*\((\d{5})\)$/.exec(text);
  const name = labelled ? labelled[1] : /^\d{5}$/.test(text) ? null : text;
  const postalCode = labelled ? labelled[2] : name ? null : text;
  const { communes } = await apiQuery(caller, COMMUNE_LOOKUP, name ? { search: name } : { postalCode });
  const commune = communes[0];
  if (!commune) return null;
  return {
    inseeCode: commune.inseeCode,
    name: commune.name,
    postalCode: postalCode && commune.postalCodes.includes(postalCode) ? postalCode : (commune.postalCodes[0] ?? ''),
  };
}

export function readPlace(request: Request): EstimatePlace | null {
  try {
    const place = JSON.parse(readCookie(request, PLACE_COOKIE) ?? 'null') as Partial<EstimatePlace> | null;
    return place?.inseeCode && place.name && place.postalCode
      ? { inseeCode: place.inseeCode, name: place.name, postalCode: place.postalCode }
      : null;
  } catch {
    return null;
  }
}

export const placeCookie = (place: EstimatePlace): string =>
  serializeCookie(PLACE_COOKIE, JSON.stringify(place), YEAR_S);

/** A commune as a delivery address: its centre, which is all an estimate needs. */
export const placeAddress = (place: EstimatePlace) => ({
  line1: place.name,
  postalCode: place.postalCode,
  inseeCode: place.inseeCode,
});

// — The cart, priced by the API —

type QuoteInput = VariablesOf<typeof QUOTE_CART>['input'];

/** The API's input for the cart's lines and its delivery choices (only those of producers the cart holds count). */
export const cartLinesAndDeliveries = (cart: Cart) => ({
  lines: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
  deliveries: Object.entries(cart.deliveries).map(([producerId, deliveryOptionId]) => ({
    producerId,
    deliveryOptionId,
    deliveryDate: cart.dates?.[producerId] ?? null,
  })),
});

/**
 * The deliveries with a date for each option that has delivery days: the one chosen while it is still open, else the
 * option's next date (what the cart and checkout propose until the buyer picks another).
 */
function withOpenDates(deliveries: QuoteInput['deliveries'], quote: CartQuote): QuoteInput['deliveries'] {
  return (deliveries ?? []).map((delivery) => {
    const option = quote.producers.find((part) => part.producer.id === delivery.producerId)?.deliveryOption;
    if (!option || option.id !== delivery.deliveryOptionId || option.nextDeliveryDates.length === 0) return delivery;
    return option.nextDeliveryDates.includes(delivery.deliveryDate ?? '')
      ? delivery
      : { ...delivery, deliveryDate: option.nextDeliveryDates[0] };
  });
}

export interface QuotedCart {
  quote: CartQuote;
  /** Lines the API refused as malformed (say, part of a piece): left out of the quote, with the API's reason. */
  refused: { productId: string; error: ApiError }[];
}

const LINE_FIELD = /^lines\[(\d+)\]/;

/**
 * quoteCart for the cart: a line the API refuses as malformed is left out (and reported) instead of failing the
 * whole page; any other error is thrown.
 */
export async function quoteCart(
  caller: ApiCaller,
  cart: Cart,
  extra: Omit<QuoteInput, 'lines' | 'deliveries'>,
): Promise<QuotedCart> {
  const { lines: cartLines, deliveries } = cartLinesAndDeliveries(cart);
  let lines = cartLines;
  const refused: QuotedCart['refused'] = [];
  for (;;) {
    try {
      const { quoteCart: quote } = await apiQuery(caller, QUOTE_CART, { input: { ...extra, lines, deliveries } });
      const dated = withOpenDates(deliveries, quote);
      if (JSON.stringify(dated) === JSON.stringify(deliveries)) return { quote, refused };
      const { quoteCart: datedQuote } = await apiQuery(caller, QUOTE_CART, {
        input: { ...extra, lines, deliveries: dated },
      });
      return { quote: datedQuote, refused };
    } catch (error) {
      const position = error instanceof ApiError ? LINE_FIELD.exec(error.field ?? '')?.[1] : undefined;
      if (position === undefined || !lines[Number(position)]) throw error;
      refused.push({ productId: lines[Number(position)].productId, error: error as ApiError });
      lines = lines.filter((_, index) => index !== Number(position));
    }
  }
}

const CHECK_LINE = graphql(`
  query CheckCartLine($input: QuoteCartInput!) {
    quoteCart(input: $input) {
      unavailableProductIds
    }
  }
`);

/** Whether the API takes this line as the cart would order it (a product on sale, a well-formed quantity). */
export async function checkCartLine(caller: ApiCaller, line: Cart['lines'][number]): Promise<FormError | null> {
  try {
    const { quoteCart: quote } = await apiQuery(caller, CHECK_LINE, { input: { lines: [line] } });
    return quote.unavailableProductIds.length
      ? { message: 'Ce produit n’est plus en vente.', code: 'NOT_FOUND', field: 'quantity' }
      : null;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') throw error;
    return { ...formErrorOf(error), field: 'quantity' };
  }
}

const ORDER_TO_REORDER = graphql(`
  query OrderToReorder($id: ID!) {
    order(id: $id) {
      supplierOrders {
        producer {
          id
        }
        deliveryOption {
          id
        }
        lines {
          productId
          quantity
        }
      }
    }
  }
`);

/** An order's lines and delivery choices put back in a cart ("commander à nouveau"); null when it is not the caller's. */
export async function reorderInto(caller: ApiCaller, cart: Cart, orderId: string): Promise<Cart | null> {
  const order = await apiQuery(caller, ORDER_TO_REORDER, { id: orderId })
    .then((result) => result.order)
    .catch((error: unknown) => {
      if (error instanceof ApiError && ['NOT_FOUND', 'BAD_USER_INPUT', 'UNAUTHENTICATED'].includes(error.code))
        return null;
      throw error;
    });
  if (!order) return null;
  return order.supplierOrders.reduce(
    (filled, part) =>
      chooseDelivery(
        part.lines.reduce((withLines, line) => addToCart(withLines, line.productId, line.quantity), filled),
        part.producer.id,
        part.deliveryOption.id,
      ),
    cart,
  );
}
