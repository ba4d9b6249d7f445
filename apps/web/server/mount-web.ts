import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, {
  type Application,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { requestIdFor, type TrustedProxies } from '@app/platform';

/** The paths Nest answers (GraphQL, health, webhooks, downloads); every other path is a page of the web app. */
const API_PATHS = ['/graphql', '/health', '/webhooks', '/invoices', '/credit-notes', '/exports', '/media'];
/** The header through which the pages' server code learns the client's address (set here, never by the client). */
export const CLIENT_IP_HEADER = 'x-ancrage-client-ip';

export type WebMode = 'development' | 'built';

export const isApiPath = (p: string): boolean => API_PATHS.some((api) => p === api || p.startsWith(`${api}/`));

/** The project's root: the folder of its package.json, found from here in the sources and in the build alike. */
function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'node_modules'))) return dir;
  }
  return process.cwd();
}

const webRoot = (): string => path.join(projectRoot(), 'apps/web');

/** Where `npm run build` writes the client and server bundles (WEB_BUILD_DIR: elsewhere, relative to apps/web). */
export const webBuildDir = (): string => path.resolve(webRoot(), process.env.WEB_BUILD_DIR ?? '../../dist/web');

/** The proxies to trust once the pages' own loopback calls are added to the configured ones. */
export function withLoopback(trusted: TrustedProxies | undefined): TrustedProxies | string {
  if (typeof trusted === 'number') return trusted;
  return Array.isArray(trusted) ? [...new Set([...trusted, 'loopback'])] : 'loopback';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request to a page must come from a page of this site: its Origin (or, failing that, its Referer)
 * names this host or the public address. With the SameSite=Lax session cookies, a form posted from another site
 * never acts with the visitor's session.
 */
export function isSameOrigin(req: Request, publicAppUrl: string): boolean {
  const source = req.get('origin') ?? req.get('referer');
  if (!source) return false;
  try {
    const { host } = new URL(source);
    return host === req.get('host') || host === new URL(publicAppUrl).host;
  } catch {
    return false;
  }
}

/**
 * What a page's answer adds to the API's headers (create-api-app): no other site may show a page inside a frame
 * (`frame-ancestors`, and `X-Frame-Options` for older browsers), where a visitor could be tricked into clicking
 * « Valider la commande » or « Accorder le label » under a decoy; no injected `<base>` may re-point the page's
 * relative links and no plugin content may run. Scripts are not restricted by this policy (React escapes what it
 * renders; the pages' inline hydration scripts would need a nonce).
 */
export const PAGE_SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"],
  ['X-Frame-Options', 'DENY'],
];

function pagesOnly(handler: RequestHandler, publicAppUrl: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    for (const [name, value] of PAGE_SECURITY_HEADERS) res.setHeader(name, value);
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req, publicAppUrl)) {
      res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('Requête refusée : elle ne vient pas d’une page d’Ancrage.');
      return;
    }
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? '';
    req.headers['x-request-id'] = requestIdFor(req, res);
    return handler(req, res, next);
  };
}

/**
 * Mounts the pages in the Nest HTTP server: one process, one port. Call it after `NestFactory.create()` and before
 * `init()`/`listen()`, or Nest's router answers every page with its 404. In development Vite serves the sources (with
 * hot reload); `built` serves the bundles of `npm run build`.
 */
export async function mountWeb(app: INestApplication, mode: WebMode, publicAppUrl: string): Promise<void> {
  const nest = app as NestExpressApplication;
  const server = app.getHttpAdapter().getInstance() as Application;
  // The pages call the API on the loopback and forward the client's address: that hop is trusted too (a number of
  // hops already counts it).
  nest.set('trust proxy', withLoopback(server.get('trust proxy') as TrustedProxies | undefined));
  const { createRequestHandler } = await import('@react-router/express');
  if (mode === 'development') {
    const { createServer } = await import('vite');
    const root = webRoot();
    const vite = await createServer({
      root,
      configFile: path.join(root, 'vite.config.mts'),
      appType: 'custom',
      logLevel: 'warn',
      server: { middlewareMode: true, hmr: { server: app.getHttpServer() } },
    });
    nest.use(pagesOnly(vite.middlewares as unknown as RequestHandler, publicAppUrl));
    nest.use(
      pagesOnly(
        createRequestHandler({
          mode: 'development',
          build: () => vite.ssrLoadModule('virtual:react-router/server-build') as never,
        }) as unknown as RequestHandler,
        publicAppUrl,
      ),
    );
    return;
  }
  const buildDir = webBuildDir();
  const build = await import(pathToFileURL(path.join(buildDir, 'server/index.mjs')).href);
  nest.use(
    '/assets',
    express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  // The client's own files at its root (favicon…), by name: a static handler in front of every page would look each
  // page's path up on disk first.
  const clientDir = path.join(buildDir, 'client');
  const rootFiles = new Set(
    readdirSync(clientDir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const serveRootFile = express.static(clientDir, { maxAge: '1h', index: false });
  nest.use((req: Request, res: Response, next: NextFunction) =>
    rootFiles.has(req.path) ? serveRootFile(req, res, next) : next(),
  );
  nest.use(pagesOnly(createRequestHandler({ build, mode: 'production' }) as unknown as RequestHandler, publicAppUrl));
}
