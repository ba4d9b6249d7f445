import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@app/platform';
import { freePort } from './private-redis';
import { waitFor } from './test-services';

/** A real worker process (test/fixtures/slow-job-worker.ts: the worker with the slow and poison test handlers). */
export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** What it wrote on stdout so far: its JSON log lines when LOG_LEVEL is not silent. */
  output(): string;
}

/**
 * Starts a worker process on the stack's database and Redis prefix, with test settings (lock 2 s, stalled check
 * every second, no daily jobs), and waits until it answers its health check (a cold start compiles the TypeScript).
 */
export async function startWorkerProcess(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const { database, redis } = config;
  const healthPort = await freePort();
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', 'test/fixtures/slow-job-worker.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.kind === 'postgresql' ? database.url : '',
      REDIS_URL: redis!.url,
      REDIS_PREFIX: redis!.prefix,
      WORKER_CONCURRENCY: '5',
      DAILY_JOBS: 'off',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      WORKER_HEALTH_PORT: String(healthPort),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    async () => {
      if (gone) throw new Error('The worker process exited before answering its health check.');
      return (await fetch(`http://127.0.0.1:${healthPort}/health/ready`).catch(() => null))?.ok ?? false;
    },
    { timeoutMs: 120_000, what: 'the worker to answer its health check' },
  );
  return { child, exited, output: () => output };
}
