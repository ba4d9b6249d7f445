import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, type BenchFigure } from './bench-figures';

const ROOT = resolve(__dirname, '..');

/** Milliseconds from spawning `node <args>` until `url` answers 200. */
async function timeToServe(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return Date.now() - started;
      await new Promise((done) => setTimeout(done, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

/** The floor: a bare Node HTTP server started the same way, answering its first request. */
const BARE_SERVER = `require('node:http').createServer((_, res) => res.end('ok')).listen(Number(process.env.PORT))`;

/**
 * PRODUCT.md §6: embedded `npm start` serving in ≤ 10 s on an empty data directory (schema created, demo territory
 * seeded), measured to the first 200 of /health/ready. Each run starts from a new empty DATA_DIR.
 */
export async function startupBenchmark(runs = 3): Promise<BenchFigure> {
  const figures: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ancrage-bench-start-'));
    const port = await freePort();
    try {
      figures.push(
        await timeToServe(
          ['-r', './scripts/register-ts.cjs', 'apps/api/src/main.ts'],
          { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
          `http://127.0.0.1:${port}/health/ready`,
        ),
      );
      floors.push(await timeToServe(['-e', BARE_SERVER], { PORT: String(port) }, `http://127.0.0.1:${port}/`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return {
    scenario: 'Embedded npm start, empty data directory, serving',
    unit: 'ms',
    figure: median(figures),
    floor: median(floors),
    target: 10_000,
    higherIsBetter: false,
    runs,
  };
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
