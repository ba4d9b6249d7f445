import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

export interface AncrageServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts Ancrage as `npm start` does (embedded SQLite, jobs in the process, the demo territory seeded) in a fresh
 * data directory, on a free port. The pages are the built bundles (`npm run build:web`) unless WEB_MODE says
 * `development`.
 */
/** How the server is started: from the TypeScript sources as `npm start` does, or from the build as `npm run start:prod`. */
export type AncrageEntry = 'sources' | 'build';

const ENTRY_ARGS: Record<AncrageEntry, string[]> = {
  sources: ['-r', './scripts/register-ts.cjs', 'apps/api/src/main.ts'],
  build: ['dist/apps/api/apps/api/src/main.js'],
};

export async function startAncrage(
  env: Record<string, string> = {},
  entry: AncrageEntry = 'sources',
): Promise<AncrageServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ancrage-web-'));
  let output = '';
  const child = spawn(process.execPath, ENTRY_ARGS[entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WEB_MODE: 'built',
      PUBLIC_APP_URL: url,
      ...(process.env.WEB_BUILD_DIR ? { WEB_BUILD_DIR: process.env.WEB_BUILD_DIR } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Ancrage did not start on ${url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, output: () => output, stop };
}
