import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, waitForHydration } from './fixtures';

/**
 * A person signed out follows a link to `path`: the sign-in page comes first, with the way back; they sign in as
 * `email` and land on `path`, ready to use.
 */
export async function signInAt(page: Page, path: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`/connexion\\?retour=${encodeURIComponent(path)}$`));
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await waitForHydration(page);
}
