import { expect, test } from './support/fixtures';
import { firstDeliveryDate, graphqlCall } from './support/graphql';
import { deliveryDayTitle } from '../app/components/producer/delivery-days';
import { apiSession, PRODUCER, signIn } from './support/producer';

/**
 * WEB.md §2, `/producteur`: the days to prepare are whole for a busy week. The file's own server: the 101 orders
 * this spec places for the demo's market gardeners change no other journey.
 */

const BUYER = 'restauration@arsenal-brest.example';
const ORDERS = 101;

test('a producer with more than 100 orders to prepare finds the oldest of them in its delivery day', async ({
  page,
  request,
  open,
  snap,
}) => {
  test.slow(); // 101 orders placed through the API
  const restaurant = await apiSession(request, BUYER, 'BUSINESS');
  const farm = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const { organization } = await graphqlCall<{
    organization: { deliveryOptions: { id: string; mode: string }[] };
  }>(
    request,
    'query ($id: ID!) { organization(id: $id) { deliveryOptions { id mode } } }',
    {
      id: farm.organizationId,
    },
    farm.token,
  );
  const pickup = organization.deliveryOptions.find((option) => option.mode === 'PICKUP')!;
  const day = (await firstDeliveryDate(request, pickup.id))!;
  const { products } = await graphqlCall<{ products: { edges: { node: { id: string; name: string } }[] } }>(
    request,
    'query ($p: ID!) { products(filter: { producerId: $p }, first: 20) { edges { node { id name } } } }',
    { p: farm.organizationId },
  );
  const artichokes = products.edges.find((edge) => edge.node.name === 'Artichauts camus')!.node;
  const place = async () => {
    const { placeOrder } = await graphqlCall<{ placeOrder: { number: string } }>(
      request,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { number } }',
      {
        input: {
          buyerOrganizationId: restaurant.organizationId,
          lines: [{ productId: artichokes.id, quantity: 1 }],
          deliveries: [{ producerId: farm.organizationId, deliveryOptionId: pickup.id, deliveryDate: day }],
          paymentMethod: 'INVOICE',
          idempotencyKey: `busy-day-${Math.random()}`,
        },
      },
      restaurant.token,
    );
    return placeOrder.number;
  };
  // The first one before the others: with the 100 placed after it, it is not among the farm's latest 100 parts.
  const oldest = await place();
  for (let placed = 1; placed < ORDERS; placed += 10)
    await Promise.all(Array.from({ length: Math.min(10, ORDERS - placed) }, place));

  await signIn(page, PRODUCER.login);
  await open('/producteur');
  const title = deliveryDayTitle(day);
  const dayCard = page.getByRole('region', { name: new RegExp(`^${title} \\(\\d+ commandes\\)$`) });
  await expect(dayCard).toBeVisible();
  const count = Number(/\((\d+) commandes\)/.exec((await dayCard.getByRole('heading').first().innerText())!)![1]);
  expect(count).toBeGreaterThanOrEqual(ORDERS);
  const parts = dayCard.getByRole('list', { name: `Commandes à livrer le ${title}` });
  await expect(parts.getByRole('listitem')).toHaveCount(count);
  await expect(parts.getByRole('listitem').filter({ hasText: `Commande ${oldest} ` })).toHaveCount(1);
  await dayCard.scrollIntoViewIfNeeded();
  await snap('producer-busy-day');
});
