import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Starts an entry point of the project as `npm start` does, and returns how it ended. */
function run(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', './scripts/register-ts.cjs', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('starting a process with a bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a TCP port number between 1 and 65535; got "abc".'],
    [
      { DATABASE_URL: 'mysql://db/ancrage' },
      'Configuration error: DATABASE_URL must be a postgresql:// connection URL, or unset for the embedded SQLite file; got "mysql://db/ancrage".',
    ],
    [
      { NODE_ENV: 'production' },
      'Configuration error: JWT_SECRET must be set in production to a secret of at least 32 characters.',
    ],
  ])('the API exits with code 1 and one sentence naming the variable (%j)', (env, sentence) => {
    expect(run('apps/api/src/main.ts', env)).toEqual({ status: 1, stderr: sentence });
  });

  it('the worker refuses to start without Redis', () => {
    expect(run('apps/worker/src/main.ts', {})).toEqual({
      status: 1,
      stderr: 'Configuration error: REDIS_URL must be set for the worker; without Redis the API runs the jobs itself.',
    });
  });
});
