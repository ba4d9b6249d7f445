import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@app/platform';

/** Runs `npm run <command>` the way a person would, against the database of `config`. */
export function runCli(config: AppConfig, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { database } = config;
  const result = spawnSync(process.execPath, ['-r', './scripts/register-ts.cjs', 'apps/api/src/cli.ts', ...args], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'silent',
      DATA_DIR: database.dataDir,
      ...(database.kind === 'postgresql' && { DATABASE_URL: database.url }),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}
