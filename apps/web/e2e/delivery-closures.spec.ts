import { expect, test } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { addDays, isoWeekday } from './support/days';
import { apiSession, signIn } from './support/producer';
import { deliveryDay } from '../app/lib/format';

/**
 * A producer closes a delivery day (holidays, a day off) on /producteur/livraisons: the day leaves the dates buyers
 * are offered and is listed as closed; a day the option does not deliver on is refused next to the field; the day is
 * opened again. The Cidrerie de Fouesnant acts here: no other journey orders from it, so its van's days are its own.
 */
const PRODUCER = { login: 'cidrerie@fouesnant.example' };
const VAN = 'Livraison par nos soins';

test('a producer closes a delivery day, buyers are no longer offered it, and the producer opens it again', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const { token, organizationId } = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const { organization } = await graphqlCall<{
    organization: { deliveryOptions: { id: string; label: string; weekdays: number[]; nextDeliveryDates: string[] }[] };
  }>(
    request,
    'query ($id: ID!) { organization(id: $id) { deliveryOptions { id label weekdays nextDeliveryDates(first: 4) } } }',
    { id: organizationId },
    token,
  );
  const van = organization.deliveryOptions.find((option) => option.label === VAN)!;
  const [day, following] = van.nextDeliveryDates;
  const offered = async () =>
    (
      await graphqlCall<{ nextDeliveryDates: string[] }>(
        request,
        'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 3) }',
        { id: van.id },
      )
    ).nextDeliveryDates;

  try {
    await signIn(page, PRODUCER.login);
    await open('/producteur/livraisons');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: VAN }) });
    const next = card.getByRole('list', { name: `Prochaines dates de livraison de «\u00a0${VAN}\u00a0»` });
    await expect(next.locator('time').first()).toHaveAttribute('datetime', day);

    await next.getByRole('button', { name: `Fermer le ${deliveryDay(day)}` }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Le ${deliveryDay(day)} est fermé pour «\u00a0${VAN}\u00a0»\u00a0: les acheteurs ne peuvent plus le choisir.`,
    );
    const closed = card.getByRole('list', { name: `Jours fermés de «\u00a0${VAN}\u00a0»` });
    await expect(closed.locator('time')).toHaveAttribute('datetime', day);
    await expect(next.locator('time').first()).toHaveAttribute('datetime', following);
    expect(await offered()).not.toContain(day);
    expect((await offered())[0]).toBe(following);

    // A day the van does not go out on: refused next to the field, nothing closed.
    let notADeliveryDay = addDays(following, 1);
    while (van.weekdays.includes(isoWeekday(notADeliveryDay))) notADeliveryDay = addDays(notADeliveryDay, 1);
    const field = card.getByLabel('Fermer un autre jour');
    await field.fill(notADeliveryDay);
    await card.getByRole('button', { name: 'Fermer ce jour' }).click();
    await expect(page.locator(`#option-${van.id}-date-error`)).toHaveText(
      'Ce jour ne peut pas être fermé\u00a0: ce n’est pas un jour de livraison de ce mode, ou ses commandes sont déjà closes.',
    );
    await expect(card.getByLabel('Fermer un autre jour')).toHaveAttribute('aria-invalid', 'true');
    await expect(closed.locator('time')).toHaveCount(1);
    await expectAccessible();
    await snap('producer-delivery-day-closed');

    await closed.getByRole('button', { name: `Rouvrir le ${deliveryDay(day)}` }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Le ${deliveryDay(day)} est de nouveau proposé aux acheteurs pour «\u00a0${VAN}\u00a0».`,
    );
    await expect(next.locator('time').first()).toHaveAttribute('datetime', day);
    await expect(card.getByRole('list', { name: `Jours fermés de «\u00a0${VAN}\u00a0»` })).toHaveCount(0);
    expect((await offered())[0]).toBe(day);
  } finally {
    // Whatever happened above, the day is open again for the next run.
    await graphqlCall(
      request,
      'mutation ($id: ID!, $date: Date!) { reopenDeliveryDate(deliveryOptionId: $id, date: $date) { id } }',
      { id: van.id, date: day },
      token,
    );
  }
});
