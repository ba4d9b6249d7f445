import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');

/** What the production topology must promise; `.ci/run` also validates the file with `docker compose config`. */
describe('docker/compose.yml', () => {
  const compose = parse(read('docker/compose.yml'), { merge: true }) as {
    services: Record<
      string,
      { image?: string; command?: string[]; healthcheck?: unknown; environment?: Record<string, string> }
    >;
  };

  it('runs PostgreSQL 16 and Redis 7 as BullMQ needs it: no eviction, AOF on', () => {
    expect(compose.services.postgres.image).toBe('postgres:16');
    expect(compose.services.redis.image).toBe('redis:7');
    expect(compose.services.redis.command?.join(' ')).toMatch(/--maxmemory-policy noeviction.*--appendonly yes/);
  });

  it('runs the API and the worker on PostgreSQL and Redis in production, each with a health check', () => {
    for (const name of ['api', 'worker']) {
      const service = compose.services[name];
      expect(service.healthcheck).toBeDefined();
      expect(service.environment).toMatchObject({
        NODE_ENV: 'production',
        DATABASE_URL: expect.stringMatching(/^postgresql:\/\/.*@postgres:5432\//),
        REDIS_URL: 'redis://redis:6379',
      });
    }
    expect(
      Object.values(compose.services).every(
        (service) => service.healthcheck || service.command?.includes('db:migrate'),
      ),
    ).toBe(true);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');

  it('builds in a stage of its own and runs on node:24-slim as a non-root user with production dependencies only', () => {
    expect(dockerfile.match(/^FROM node:24-slim AS \w+$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('carries the web pages: the image builds with npm run build, which builds the pages into dist/web beside the API', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/COPY --from=build .*\/app\/dist \.\/dist/);
    expect(scripts.build).toContain('npm run build:web');
    expect(scripts['build:web']).toBe('react-router build apps/web');
  });
});
