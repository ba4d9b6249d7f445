import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Browser, expect, type Locator, type Page } from '@playwright/test';
import { startAncrage, type AncrageEntry, type AncrageServer } from './ancrage-server';

export { expect };

/** The demo territory's shared password (apps/api/src/demo/demo-territory.ts). */
export const DEMO_PASSWORD = 'territoire-demo-2026';

interface FileServer {
  file: string;
  server: AncrageServer;
}

interface WorkerTools {
  /** The Ancrage of the spec file being run: a new one (fresh data directory, demo territory) for each file. */
  fileServer: { current?: FileServer };
}

interface PageTools {
  /** Extra environment of the file's server (`test.use({ ancrageEnv: { … } })`). */
  ancrageEnv: Record<string, string>;
  /** `build` runs the compiled API (`npm run start:prod`); `sources` (default) runs the TypeScript as `npm start`. */
  ancrageEntry: AncrageEntry;
  /** The file's server. */
  ancrage: AncrageServer;
  /** Writes a full-page screenshot to test-results/screens/<project>/<name>.png (or under TEST_RESULTS_DIR) for a reviewer to look at. */
  snap: (name: string) => Promise<void>;
  /** Runs axe on the page as it is: no violation of impact serious or critical. */
  expectAccessible: () => Promise<void>;
  /** Opens a path and waits until React has hydrated the page (so that clicks reach their handlers). */
  open: (pathname: string) => Promise<void>;
}

export const test = base.extend<PageTools, WorkerTools>({
  fileServer: [
    async ({}, use) => {
      const holder: { current?: FileServer } = {};
      await use(holder);
      await holder.current?.server.stop();
    },
    { scope: 'worker' },
  ],
  ancrageEnv: [{}, { option: true }],
  ancrageEntry: ['sources', { option: true }],
  ancrage: async ({ fileServer, ancrageEnv, ancrageEntry }, use, testInfo) => {
    if (fileServer.current?.file !== testInfo.file) {
      await fileServer.current?.server.stop();
      fileServer.current = undefined;
      fileServer.current = { file: testInfo.file, server: await startAncrage(ancrageEnv, ancrageEntry) };
    }
    await use(fileServer.current.server);
  },
  baseURL: async ({ ancrage }, use) => {
    await use(ancrage.url);
  },
  snap: async ({ page }, use, testInfo) => {
    const dir = path.join(
      process.env.TEST_RESULTS_DIR ?? path.resolve(__dirname, '../../../../test-results'),
      'screens',
      testInfo.project.name,
    );
    mkdirSync(dir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    });
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
        [],
      );
    });
  },
  open: async ({ page }, use) => {
    await use(async (pathname) => {
      await page.goto(pathname);
      await waitForHydration(page);
    });
  },
});

export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/**
 * The same signed-in session in a browser without JavaScript, at the same size: pages as the server wrote them.
 * Close its context (`noJs.context().close()`) when done.
 */
export async function pageWithoutJavaScript(browser: Browser, page: Page, baseURL?: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    viewport: page.viewportSize(),
    storageState: await page.context().storageState(),
  });
  return context.newPage();
}

/** fr-FR formatting puts narrow no-break spaces in numbers: compare texts with plain spaces. */
export const plain = (text: string | null): string => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

/**
 * Nothing of the element is cut off at its right edge (a table wider than a phone hides its last columns in its
 * scrolling region): its content is no wider than the element itself.
 */
export async function expectNoHiddenOverflow(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((element) => element.scrollWidth - element.clientWidth), {
      message: 'content wider than its box',
    })
    .toBeLessThanOrEqual(1);
}

/** Narrower than 48rem (app.css), the header folds the account's links under « Menu ». */
export const headerFoldsAccount = (page: Page): boolean => (page.viewportSize()?.width ?? Infinity) < 48 * 16;

/**
 * The header's navigation with the signed-in person's own links in sight (their orders, their organizations' spaces,
 * signing out): a phone folds them under « Menu », which this opens as a person taps it; a wide screen shows them.
 */
export async function accountNav(page: Page): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  if (headerFoldsAccount(page)) {
    const menu = nav.locator('details.site-menu');
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    await expect(menu).toHaveAttribute('open', '');
  }
  return nav;
}

/**
 * Runs `check` on the header's navigation with the signed-in person's own links in sight (`accountNav`), then folds a
 * phone's menu again: the page is left as a person would see it.
 */
export async function inAccountNav(page: Page, check: (nav: Locator) => Promise<void>): Promise<void> {
  const nav = await accountNav(page);
  await check(nav);
  if (headerFoldsAccount(page)) {
    const menu = nav.locator('details.site-menu');
    await menu.locator('summary').click();
    await expect(menu).not.toHaveAttribute('open');
  }
}
