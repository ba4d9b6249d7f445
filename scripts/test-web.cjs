// The browser journeys (apps/web/e2e): builds the application, runs Playwright in Debian's Chromium, then prints one plain
// line a CI can read ("browser tests: N passed, N failed") from Playwright's JSON report. Arguments go to Playwright.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const report = path.join(process.env.TEST_RESULTS_DIR ?? path.join(root, 'test-results'), 'playwright.json');
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const run = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium is missing at ${chromium}: apt-get install -y --no-install-recommends chromium chromium-l10n fonts-liberation (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
// Its French resources: without them the browser's own controls (date fields, file fields) read in English.
// (Debian's /usr/bin/chromium is a script starting /usr/lib/chromium/chromium.)
const frenchResources = '/usr/lib/chromium/locales/fr.pak';
if (!process.env.CHROMIUM_PATH && !existsSync(frenchResources))
  console.warn(
    `Chromium's French resources are missing (${frenchResources}): apt-get install -y --no-install-recommends chromium-l10n.`,
  );
// The whole build (API, worker, pages): one journey runs the compiled API as `npm run start:prod` does.
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);
rmSync(report, { force: true });
const status = run(path.join(root, 'node_modules/.bin/playwright'), [
  'test',
  '-c',
  'apps/web/playwright.config.ts',
  ...process.argv.slice(2),
]);
if (existsSync(report)) {
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  const failed = stats.unexpected + (stats.flaky ?? 0);
  process.stdout.write(
    `browser tests: ${stats.expected} passed, ${failed} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}\n`,
  );
} else {
  process.stdout.write('browser tests: 0 passed, 1 failed (no report)\n');
}
process.exit(status);
