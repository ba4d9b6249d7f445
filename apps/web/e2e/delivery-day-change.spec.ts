import { DEMO_PASSWORD, expect, plain, test } from './support/fixtures';
import { frenchNumber, productNamed, productsNear, signIn } from './support/buying';
import { apiLogin, graphqlCall } from './support/graphql';
import { firstOfMonth } from '../app/lib/format';

/**
 * Moving a delivery day (changeDeliveryDate, CARBON-METHOD §7.3): the Pupillin restaurant ordered wine from the
 * Domaine de la Pinte for the van's first open day; its order page offers the van's other days with the delivery's
 * footprint on each, says which day the demo's round already passes nearby, and moves it there — the footprint then
 * being the pooled round's share, as the API re-allocated it.
 */
const ARBOIS = { latitude: 46.9036, longitude: 5.7744 };
const BUYER = 'table@pupillin.example';
const PRODUCER = 'Domaine de la Pinte';
const VAN = 'Livraison par nos soins';
const longDay = (day: string) =>
  firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    ),
  );
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

test('the buyer moves a delivery to the day the round already passes nearby, and its footprint follows', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const token = await apiLogin(request, BUYER, DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    token,
  );
  const restaurant = me.memberships.find((membership) => membership.organization.kind === 'BUSINESS')!.organization;
  const poulsard = productNamed(await productsNear(request, ARBOIS), 'Poulsard 75 cl');
  const { product } = await graphqlCall<{
    product: { producer: { deliveryOptions: { id: string; label: string }[] } };
  }>(request, 'query ($id: ID!) { product(id: $id) { producer { deliveryOptions { id label } } } }', {
    id: poulsard.id,
  });
  const van = product.producer.deliveryOptions.find((option) => option.label === VAN)!;
  const { nextDeliveryDates: days } = await graphqlCall<{ nextDeliveryDates: string[] }>(
    request,
    'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 3) }',
    { id: van.id },
  );
  const { placeOrder: order } = await graphqlCall<{
    placeOrder: { id: string; supplierOrders: { id: string; carbon: { emissionsKgCo2e: number } }[] };
  }>(
    request,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id supplierOrders { id carbon { emissionsKgCo2e } } } }',
    {
      input: {
        buyerOrganizationId: restaurant.id,
        lines: [{ productId: poulsard.id, quantity: 12 }],
        deliveries: [{ producerId: poulsard.producer.id, deliveryOptionId: van.id, deliveryDate: days[0] }],
        paymentMethod: 'INVOICE',
        idempotencyKey: `day-change-${Math.random()}`,
      },
    },
    token,
  );
  const alone = order.supplierOrders[0].carbon.emissionsKgCo2e;

  await signIn(page, BUYER, DEMO_PASSWORD);
  await open(`/commandes/${order.id}`);
  const part = page.getByRole('region', { name: PRODUCER, exact: true });
  await part.getByText('Changer le jour de livraison').click();
  // The demo's round goes out on the van's third open day: the page says so, with the delivery's share that day.
  const hint = part.locator('.pooling-day');
  await expect(hint).toContainText(`${capitalized(longDay(days[2]))} : la tournée passe déjà près de chez vous`);
  const select = part.getByLabel('Nouveau jour');
  await expect(select).toHaveValue(days[2]);
  await expect(select.getByRole('option', { name: new RegExp(`^${longDay(days[1])} — .*\\skg\\sCO₂e$`) })).toHaveCount(
    1,
  );
  await expect(select.getByRole('option', { name: new RegExp(`^${longDay(days[0])}`) })).toHaveCount(0);
  const offered = frenchNumber(
    plain(await select.getByRole('option', { name: new RegExp(`^${longDay(days[2])}`) }).innerText()).split('—')[1],
  );
  expect(offered).toBeLessThan(alone);
  await expectAccessible();
  await snap('order-change-day');

  await part.getByRole('button', { name: 'Déplacer au jour choisi' }).click();
  await expect(page).toHaveURL(/\?jour-change=/);
  const notice = page.getByRole('status').filter({ hasText: `La livraison de ${PRODUCER} est déplacée au` });
  await expect(notice).toContainText(longDay(days[2]));
  // The footprint now is the pooled round's share, as the API stored it, and what the page had offered.
  const { order: read } = await graphqlCall<{
    order: { supplierOrders: { deliveryDate: string; carbon: { emissionsKgCo2e: number; deliveryPath: string } }[] };
  }>(
    request,
    'query ($id: ID!) { order(id: $id) { supplierOrders { deliveryDate carbon { emissionsKgCo2e deliveryPath } } } }',
    { id: order.id },
    token,
  );
  const [moved] = read.supplierOrders;
  expect(moved).toMatchObject({ deliveryDate: days[2], carbon: { deliveryPath: 'ROUND' } });
  expect(moved.carbon.emissionsKgCo2e).toBeCloseTo(offered, 2);
  expect(
    frenchNumber(
      plain(await notice.innerText())
        .split(':')
        .at(-1)!,
    ),
  ).toBeCloseTo(moved.carbon.emissionsKgCo2e, 2);
  await expectAccessible();
  await snap('order-day-changed');
});
