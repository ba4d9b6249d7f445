import { apiSession } from './support/producer';
import { DEMO_PASSWORD, expect, test, waitForHydration } from './support/fixtures';
import { graphqlCall } from './support/graphql';

/**
 * WEB.md §2, platform admin: "export jobs" beside the failed jobs on /admin — every organization's recent RSE exports
 * with their state, format, times and failure, as the API's adminExportJobs lists them.
 */
const ADMIN = 'support@ancrage.example';
const BUYER = 'chef@lecomtois.example';

test('support reads the recent RSE export jobs of every organization beside the failed jobs', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow();
  // The restaurant asks for its report as CSV and waits for it (its /pro/rse page does the same).
  const buyer = await apiSession(request, BUYER, 'BUSINESS');
  const format = testInfo.project.name === 'desktop' ? 'CSV' : 'XLSX';
  const { requestRseExport } = await graphqlCall<{ requestRseExport: { id: string } }>(
    request,
    'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id } }',
    { input: { organizationId: buyer.organizationId, from: '2026-01-01', to: '2026-12-31', format } },
    buyer.token,
  );
  await expect
    .poll(
      async () =>
        (
          await graphqlCall<{ exportJob: { status: string } }>(
            request,
            'query ($id: ID!) { exportJob(id: $id) { status } }',
            { id: requestRseExport.id },
            buyer.token,
          )
        ).exportJob.status,
      { timeout: 30_000 },
    )
    .toBe('DONE');

  await page.goto('/admin');
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(ADMIN);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await waitForHydration(page);

  await page
    .getByRole('navigation', { name: 'Sections de l’administration' })
    .getByRole('link', { name: /^Exports RSE/ })
    .click();
  const section = page.getByRole('region', { name: /^Exports RSE \(\d+ exports?\)$/ });
  await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
  const newest = section.getByRole('region', { name: 'Exports RSE : tableau' }).locator('tbody tr').first();
  await expect(newest.getByRole('rowheader')).toHaveText('Restaurant Le Comtois');
  await expect(newest.locator('td[data-label="Format"]')).toHaveText(format);
  await expect(newest.locator('td[data-label="État"]')).toContainText('Terminé');
  await expect(newest.locator('td[data-label="Demandé le"]')).toHaveText(/^\d{1,2} \S+ 20\d\d à \d\d:\d\d$/);
  await expect(newest.locator('td[data-label="Fini le"]')).toHaveText(/^\d{1,2} \S+ 20\d\d à \d\d:\d\d$/);
  await expect(newest.locator('td[data-label="Erreur"]')).toHaveText('—');
  // Beside the failed background jobs.
  await expect(page.getByRole('heading', { level: 2, name: /^Tâches en échec/ })).toBeVisible();
  await expectAccessible();
  await snap('admin-export-jobs');
});
