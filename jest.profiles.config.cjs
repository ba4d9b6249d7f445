const base = require('./jest.config.cjs');

/**
 * `npm test`: every test as jest.config.cjs runs it (the `test` profile), plus the end-to-end tests again in the
 * production profile (NODE_ENV production, a random JWT secret, e-mails delivered to a fake SMTP server): the
 * journeys must pass the way the product is deployed, not only the way it is developed.
 *
 * The one list of end-to-end files left out of the production-profile run: each is about one profile, or sets the
 * profile of the processes it starts itself, so running it again would test nothing new.
 */
const PRODUCTION_PROFILE_EXCLUDED = [
  'error-masking', // runs both profiles itself (GQL-11)
  'graphql-conformance', // runs both profiles itself (GQL-01/02)
  'graphql-limits', // its GQL-10/12/13 block is the production profile; the limits are profile-independent
  'graphql-schema', // compares the schema read by introspection, which production turns off
  'production-mode', // is about the production topology and its start-up refusals
  'process-start', // starts the entry points as child processes with the environment it names
  'security-logging', // starts the API as a child process with the environment it names
  'redis-guard', // starts the worker as a child process with the environment it names
  'worker-crash', // starts a worker as a child process with the environment it names
  'migrations', // runs the migrations, which know no profile
  'deployment', // reads the deployment files, starts no application
  'fake-stripe', // tests the fake Stripe server of the tests, not the application
];

const { reporters, maxWorkers, workerIdleMemoryLimit, forceExit, testTimeout, ...project } = base;

module.exports = {
  reporters,
  maxWorkers,
  workerIdleMemoryLimit,
  forceExit,
  testTimeout,
  projects: [
    { ...project, displayName: 'test profile' },
    {
      ...project,
      displayName: 'production profile',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        ...PRODUCTION_PROFILE_EXCLUDED.map((name) => `/test/${name}\\.e2e-spec\\.ts$`),
      ],
      setupFiles: ['<rootDir>/test/support/production-profile.env.cjs'],
    },
  ],
};
