import { data, redirect } from 'react-router';
import type { Route } from './+types/cart';
import { addToCart, cartCookie, chooseDelivery, readCart, setQuantity } from '../lib/cart.server';
import { safeReturnPath } from '../lib/redirect';

/**
 * The cart's one action, posted by every "add to cart" form of the site and by the cart page itself:
 * `intent` = add (productId, quantity, optional retour: where to go back), update (productId, quantity; 0 removes),
 * remove (productId), delivery (producerId, deliveryOptionId).
 */
export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const productId = String(form.get('productId') ?? '');
  const quantity = Number(String(form.get('quantity') ?? '').replace(',', '.'));
  let cart = readCart(request);
  switch (intent) {
    case 'add':
      if (!productId || !Number.isFinite(quantity) || quantity <= 0) {
        return data({ error: { message: 'Indiquez une quantité supérieure à zéro.', code: 'BAD_USER_INPUT', field: 'quantity' } }, { status: 400 });
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
      cart = chooseDelivery(cart, String(form.get('producerId') ?? ''), String(form.get('deliveryOptionId') ?? ''));
      break;
    default:
      return data({ error: { message: 'Action inconnue.', code: 'BAD_USER_INPUT' } }, { status: 400 });
  }
  const back = form.get('retour');
  const headers = { 'Set-Cookie': cartCookie(cart) };
  if (back) throw redirect(safeReturnPath(back, '/panier'), { headers });
  return data({ error: null }, { headers });
}

// Placeholder: the cart page is being built.
export default function Cart() {
  return <h1>Panier</h1>;
}
