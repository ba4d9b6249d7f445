import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@app/platform';

/**
 * Runs `npm run <command>` the way a person would, against the database of `config`, in its profile. Asynchronously: the test's
 * own application keeps running meanwhile, as it would beside a person's command.
 */
export function runCli(
  config: AppConfig,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { database } = config;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', './scripts/register-ts.cjs', 'apps/api/src/cli.ts', ...args],
      {
        cwd: join(__dirname, '..', '..'),
        env: {
          PATH: process.env.PATH,
          // The profile of the application under test (production needs its secret and mail server too).
          NODE_ENV: config.env,
          JWT_SECRET: config.auth.jwtSecret,
          ...(config.mail.smtpUrl && { SMTP_URL: config.mail.smtpUrl }),
          LOG_LEVEL: 'silent',
          DEBUG_CLI: '1',
          DATA_DIR: database.dataDir,
          ...(database.kind === 'postgresql' && { DATABASE_URL: database.url }),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout: stdout.trim(), stderr: stderr.trim() });
      },
    );
  });
}
