const swcOptions = require('./scripts/swc-options.cjs');

/** Unit tests live beside the code (`*.spec.ts`), end-to-end tests in `test/` (`*.e2e-spec.ts`). */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleNameMapper: { '^@app/([^/]+)$': '<rootDir>/libs/$1/src' },
  testTimeout: 60_000,
  maxWorkers: 2,
  // Client libraries (ioredis, pg) can keep a socket or timer alive a moment after the last test's teardown; the
  // run must end with its verdict rather than wait for them.
  forceExit: true,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
