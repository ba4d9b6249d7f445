import { expect, test } from './support/fixtures';
import { NEW_PASSWORD } from './support/buying';
import { graphqlCall } from './support/graphql';
import { createProducts, newProducer } from './support/producer';
import { signInAt } from './support/sign-in';

/**
 * WEB.md §2, `/producteur/produits?vue=retires`: a farm with more withdrawn products than a page (50) sees them all,
 * page after page (`?apres-retires=`), its count told whole, and puts one back on sale from the second page.
 */

test('a producer with 53 withdrawn products pages through them and puts one of the second page back on sale', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow(); // 53 products created and withdrawn through the API
  // A producer of the test's own: no other journey reads its products.
  const run = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const producer = await newProducer(request, `Ferme des Retraits (${run})`);
  const names = Array.from({ length: 53 }, (_, index) => `Tomme n° ${String(index + 1).padStart(2, '0')}`);
  const ids = await createProducts(request, producer, names);
  // Withdrawn one after the other: n° 01 first (the oldest withdrawal, on page 2), n° 53 last (first on page 1).
  for (const id of ids) {
    await graphqlCall(
      request,
      'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { id } }',
      { id },
      producer.token,
    );
  }

  await signInAt(page, '/producteur/produits', producer.email, NEW_PASSWORD);
  const tab = page.getByRole('navigation', { name: 'Produits par état' });
  await tab.getByRole('link', { name: /^Retirés de la vente/ }).click();
  await expect(page).toHaveURL(/\/producteur\/produits\?vue=retires$/);
  await expect(tab.getByRole('link', { name: 'Retirés de la vente (53)' })).toHaveAttribute('aria-current', 'page');
  const table = page.getByRole('table', { name: /^Produits retirés de la vente de / });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(rows.first().getByRole('rowheader')).toHaveText('Tomme n° 53');
  await expect(table.getByRole('rowheader', { name: 'Tomme n° 01', exact: true })).toHaveCount(0);
  await expect(page.getByText('53 produits retirés de la vente, 50 par page')).toBeVisible();
  const pages = page.getByRole('navigation', { name: 'Pages des produits retirés' });
  await expect(pages.getByRole('link', { name: 'Premiers produits retirés' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'Produits retirés suivants' }).click();
  await expect(page).toHaveURL(/\/producteur\/produits\?vue=retires&apres-retires=[^&]+$/);
  await expect(rows).toHaveCount(3);
  await expect(rows.getByRole('rowheader')).toHaveText(['Tomme n° 03', 'Tomme n° 02', 'Tomme n° 01']);
  await expect(pages.getByRole('link', { name: 'Produits retirés suivants' })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-withdrawn-page-2');

  // Back on sale from page 2: the page stays on page 2, without it; the count drops to 52.
  await page.getByRole('button', { name: 'Remettre en vente Tomme n° 02' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est de nouveau en vente' })).toContainText(
    '« Tomme n° 02 » est de nouveau en vente',
  );
  await expect(page).toHaveURL(/apres-retires=/);
  await expect(rows.getByRole('rowheader')).toHaveText(['Tomme n° 03', 'Tomme n° 01']);
  await expect(tab.getByRole('link', { name: 'Retirés de la vente (52)' })).toBeVisible();
  await snap('producer-withdrawn-restored-from-page-2');

  // A stale cursor (a copied link, say) gives the first page, not an error.
  await page.goto('/producteur/produits?vue=retires&apres-retires=perime');
  await expect(page).toHaveURL(/\/producteur\/produits\?vue=retires$/);
  await expect(rows).toHaveCount(50);

  // Back to the first page from the second; the product put back on sale is among those on sale.
  await pages.getByRole('link', { name: 'Produits retirés suivants' }).click();
  await pages.getByRole('link', { name: 'Premiers produits retirés' }).click();
  await expect(page).toHaveURL(/\/producteur\/produits\?vue=retires$/);
  await tab.getByRole('link', { name: /^En vente/ }).click();
  await expect(page.getByRole('link', { name: 'Tomme n° 02', exact: true })).toBeVisible();
});
