import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from './private-redis';
import { waitFor } from './test-services';

/** The API (or a test fixture built like it) in a process of its own, as it runs when shipped: its output captured. */
export interface ApiProcess {
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Its JSON log lines so far, parsed. */
  logLines: () => Record<string, any>[];
  stop: () => Promise<void>;
}

/** Starts `entry` (a TypeScript file run from the sources) with `env` on a free port, once it answers /health/ready. */
export async function startApiProcess(entry: string, env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.cjs', entry], {
    cwd: join(__dirname, '../..'),
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    // Ready means this child answers: another process that took the port between freePort() and the child's listen
    // would answer /health/ready too, while the child exits with EADDRINUSE.
    await waitFor(
      async () => child.exitCode === null && (await fetch(`${base}/health/ready`).catch(() => undefined))?.ok,
      {
        timeoutMs: 40_000,
        what: 'the API to serve',
      },
    );
    await new Promise((settle) => setTimeout(settle, 200));
    if (child.exitCode !== null) throw new Error(`the API process exited (${child.exitCode})`);
  } catch (error) {
    await stop();
    if (output.includes('EADDRINUSE')) return startApiProcess(entry, env);
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  // Whole lines only: the last one may still be arriving.
  const logLines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{') && line.endsWith('}'))
      .map((line) => JSON.parse(line) as Record<string, any>);
  return { base, output: () => output, logLines, stop };
}
