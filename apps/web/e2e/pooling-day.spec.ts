import { DEMO_PASSWORD, expect, test } from './support/fixtures';
import { addToCart, productNamed, productsNear, signIn } from './support/buying';
import { graphqlCall } from './support/graphql';
import { firstOfMonth } from '../app/lib/format';

/**
 * The pooling day (CARBON-METHOD §7.3): an Arbois restaurant's cart from the Domaine de la Pinte shows the cart's
 * footprint on each of the van's next days, and says which day the round already passes nearby (the demo's pooled
 * round of three Arbois restaurants).
 */
const ARBOIS = { latitude: 46.9036, longitude: 5.7744 };
const PRODUCER = 'Domaine de la Pinte';
const VAN = 'Livraison par nos soins';
const longDay = (day: string) =>
  firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    ),
  );

test("the cart shows each delivery day's footprint and highlights the day the round already passes nearby", async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const products = await productsNear(request, ARBOIS);
  const poulsard = productNamed(products, 'Poulsard 75 cl');
  const { products: found } = await graphqlCall<{
    products: { edges: { node: { id: string; producer: { deliveryOptions: { id: string; label: string }[] } } }[] };
  }>(
    request,
    'query ($text: String!) { products(filter: { text: $text }, first: 10) { edges { node { id producer { deliveryOptions { id label } } } } } }',
    { text: poulsard.name },
  );
  const organization = found.edges.map((edge) => edge.node).find((node) => node.id === poulsard.id)!.producer;
  const van = organization.deliveryOptions.find((option) => option.label === VAN)!;
  const { nextDeliveryDates: days } = await graphqlCall<{ nextDeliveryDates: string[] }>(
    request,
    'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 3) }',
    { id: van.id },
  );

  await signIn(page, 'table@pupillin.example', DEMO_PASSWORD, '/panier');
  await addToCart(page, poulsard, 12);
  await open('/panier');
  const choice = page.getByRole('group', { name: `Livraison par ${PRODUCER}` });
  await Promise.all([
    page.waitForResponse(
      (response) => new URL(response.url()).pathname.startsWith('/panier') && response.request().method() === 'POST',
    ),
    choice.getByRole('radio', { name: new RegExp(`^${VAN}`) }).check(),
  ]);
  const date = page.getByLabel(`Jour de livraison chez ${PRODUCER}`);
  // The demo's round goes out on the van's third open day: that day is the pooling day.
  const pooled = date.getByRole('option', {
    name: new RegExp(`^${longDay(days[2])} — .*\\skg\\sCO₂e \\(le plus sobre\\)$`),
  });
  await expect(pooled).toHaveCount(1);
  await expect(date.getByRole('option', { name: new RegExp(`^${longDay(days[0])} — .*\\skg\\sCO₂e$`) })).toHaveCount(1);
  const day = longDay(days[2]);
  await expect(
    page.getByText(`${day.charAt(0).toUpperCase()}${day.slice(1)} : la tournée passe déjà près de chez vous`),
  ).toBeVisible();
  await expectAccessible();
  await snap('pooling-day-cart');
});
