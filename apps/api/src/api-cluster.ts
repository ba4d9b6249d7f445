import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { AppConfig } from '@app/platform';

/**
 * How many API processes serve the port: `API_PROCESSES` (a number, or `auto` for one per core), 1 by default.
 * The API is stateless with PostgreSQL and Redis (rate limits, jobs and sessions live there), so its processes can
 * share the port; the embedded mode (SQLite, jobs in the process) stays one process whatever is asked.
 */
export function apiProcesses(value: string | undefined, config: AppConfig): { processes: number; warning?: string } {
  if (value === undefined || value === '' || value === '1') return { processes: 1 };
  const asked = value === 'auto' ? availableParallelism() : Number(value);
  if (!Number.isInteger(asked) || asked < 1 || asked > 64)
    throw new Error(`API_PROCESSES is a whole number from 1 to 64, or auto (one per core); got "${value}".`);
  if (config.database.kind !== 'postgresql' || !config.redis)
    return {
      processes: 1,
      warning: `API_PROCESSES=${value} ignored: several API processes need PostgreSQL and Redis (the embedded mode is one process).`,
    };
  return { processes: asked };
}

const log = (level: number, msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...extra, msg })}\n`);

/**
 * The primary of `node:cluster`: forks `processes` API processes that share the port (the primary hands each new
 * connection to one in turn), replaces one that dies, and on SIGTERM/SIGINT stops them all, each closing gracefully.
 */
export function runApiCluster(processes: number): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let index = 0; index < processes; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(50, 'An API process ended; starting another', { worker: worker.process.pid, code, signal });
    setTimeout(fork, 1000).unref();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(30, `${signal}: stopping the ${processes} API processes`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  log(30, `Ancrage API: ${processes} processes on one port (API_PROCESSES)`);
}
