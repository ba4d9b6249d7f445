import { clearCookie, readCookie, serializeCookie } from './cookies.server';

/** The visitor's cart, kept in a cookie (signed in or not): product quantities and one delivery option per producer. */
export interface Cart {
  lines: { productId: string; quantity: number }[];
  /** producerId → deliveryOptionId */
  deliveries: Record<string, string>;
  /** producerId → the delivery date chosen (YYYY-MM-DD), for an option with delivery days. */
  dates?: Record<string, string>;
}

const CART_COOKIE = 'ancrage_cart';
const CART_MAX_AGE_S = 30 * 24 * 3600;
const MAX_LINES = 40;

export const emptyCart = (): Cart => ({ lines: [], deliveries: {} });

export function readCart(request: Request): Cart {
  const raw = readCookie(request, CART_COOKIE);
  if (!raw) return emptyCart();
  try {
    const parsed = JSON.parse(raw) as Partial<Cart>;
    const lines = Array.isArray(parsed.lines)
      ? parsed.lines.filter((l) => typeof l?.productId === 'string' && Number.isFinite(l.quantity) && l.quantity > 0)
      : [];
    const deliveries = parsed.deliveries && typeof parsed.deliveries === 'object' ? parsed.deliveries : {};
    const dates = parsed.dates && typeof parsed.dates === 'object' ? parsed.dates : {};
    return { lines: lines.slice(0, MAX_LINES), deliveries, dates };
  } catch {
    return emptyCart();
  }
}

export const cartCookie = (cart: Cart): string =>
  cart.lines.length === 0
    ? clearCookie(CART_COOKIE)
    : serializeCookie(CART_COOKIE, JSON.stringify(cart), CART_MAX_AGE_S);

/** Adds a quantity of a product (added to what the cart already holds). */
export function addToCart(cart: Cart, productId: string, quantity: number): Cart {
  const existing = cart.lines.find((l) => l.productId === productId);
  const lines = existing
    ? cart.lines.map((l) => (l === existing ? { ...l, quantity: roundQuantity(l.quantity + quantity) } : l))
    : [...cart.lines, { productId, quantity: roundQuantity(quantity) }];
  return { ...cart, lines: lines.slice(0, MAX_LINES) };
}

/** Sets a line's quantity; zero or less removes it. */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const lines =
    quantity > 0
      ? cart.lines.map((l) => (l.productId === productId ? { ...l, quantity: roundQuantity(quantity) } : l))
      : cart.lines.filter((l) => l.productId !== productId);
  return { ...cart, lines };
}

/** The delivery option for a producer, and the day when the option has delivery days (kept until changed). */
export const chooseDelivery = (
  cart: Cart,
  producerId: string,
  deliveryOptionId: string,
  deliveryDate?: string | null,
): Cart => ({
  ...cart,
  deliveries: { ...cart.deliveries, [producerId]: deliveryOptionId },
  dates: deliveryDate ? { ...cart.dates, [producerId]: deliveryDate } : cart.dates,
});

/** Quantities carry at most three decimals (PRODUCT.md §4). */
const roundQuantity = (value: number): number => Math.round(value * 1000) / 1000;
