const swcOptions = require('./scripts/swc-options.cjs');

/**
 * Unit tests live beside the code (`*.spec.ts`), end-to-end tests in `test/` (`*.e2e-spec.ts`). The tests run the
 * application in the profile ANCRAGE_TEST_PROFILE names (`test` by default, or `production`: see
 * test/support/test-services.ts); `npm test` runs jest.profiles.config.cjs, which adds the journeys in production.
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // The browser journeys are Playwright's (npm run test:web), not jest's.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/e2e/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleNameMapper: { '^@app/([^/]+)$': '<rootDir>/libs/$1/src' },
  // In the production profile, each test file gets a fake SMTP server of its own.
  setupFilesAfterEnv: ['<rootDir>/test/support/test-profile.setup.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // A worker keeps what each test file loaded (Nest apps, pdfkit, exceljs…): past 1.5 GB after a file it is replaced,
  // so that a long run ends with verdicts rather than a worker out of memory.
  workerIdleMemoryLimit: '1500MB',
  // Client libraries (ioredis, pg) can keep a socket or timer alive a moment after the last test's teardown; the
  // run must end with its verdict rather than wait for them.
  forceExit: true,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
