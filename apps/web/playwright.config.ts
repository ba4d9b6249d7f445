import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(__dirname, '../..');
/** TEST_RESULTS_DIR: another place for the report, traces and screenshots (two runs side by side). */
const results = process.env.TEST_RESULTS_DIR ?? path.join(root, 'test-results');

/**
 * The browser journeys (WEB.md §3): Debian's Chromium driven by Playwright, each spec file against an Ancrage of
 * its own (fresh data directory, demo territory) started by e2e/support/fixtures.ts. Every journey runs at both
 * screen sizes. One worker: the machine has two cores and each file starts its own server.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: path.join(results, 'playwright'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: path.join(results, 'playwright.json') }]],
  use: {
    // A French browser's own controls (a date field's jj/mm/aaaa, a file field's « Choisir un fichier »): `locale` sets
    // the page's language, not the browser's; Chromium on Linux takes that from LANGUAGE (it ignores --lang there) and
    // needs its French resources (Debian's chromium-l10n).
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--lang=fr-FR'],
      env: { ...process.env, LANGUAGE: 'fr_FR:fr' },
    },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
    {
      name: 'mobile',
      use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
});
