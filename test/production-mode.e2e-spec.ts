import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import request from 'supertest';
import { createRedisConnection, OutboxDelivery, OutboxMessage, OutboxService } from '@app/platform';
import { createApiApp } from '../apps/api/src/create-api-app';
import { graphql } from './support/graphql-client';
import { freePort } from './support/private-redis';
import { startProductionStack } from './support/production-stack';
import { deliveriesOf, deliveryOf, effectCounts, testJobKey } from './support/recording-job';
import { createTempDir, testConfig, waitFor } from './support/test-services';

describe('the production mode (PostgreSQL, Redis, API and worker)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;

  beforeAll(async () => {
    stack = await startProductionStack('production', { JOB_BACKOFF_MS: '50', JOB_ATTEMPTS: '4' });
  });

  afterAll(() => stack.close());

  const enqueue = (topic: string, payload: Record<string, unknown>) =>
    stack.em.fork().transactional(async (tx) => stack.api.get(OutboxService).enqueue(tx, topic, payload));
  /** The delivery of message `id` to its only handler, once it finished (done or failed). */
  const completed = (id: number) =>
    waitFor(
      async () => {
        const row = await deliveryOf(stack.em, id);
        return row?.completedAt || row?.failedAt ? row : undefined;
      },
      { what: `outbox message ${id} to finish` },
    );

  it('is ready when PostgreSQL and Redis answer, and serves GraphQL', async () => {
    const ready = await request(stack.api.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok' });
    // Every answer: no server named, no content type guessed, no path told to another site.
    expect(ready.headers['x-powered-by']).toBeUndefined();
    expect(ready.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect((await graphql(stack.api, '{ apiVersion }')).data).toEqual({ apiVersion: expect.any(String) });
  });

  it("serves the worker's health checks on its port and none of the API's edges, which the API still serves", async () => {
    const worker = request(stack.worker!.getHttpServer());
    await worker.get('/health/live').expect(200);
    const ready = await worker.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok' });

    const id = randomUUID();
    // The API's edges: the Stripe webhook, the two downloads and GraphQL.
    const edges = (client: ReturnType<typeof request>) => [
      client.post('/webhooks/stripe').set('Stripe-Signature', 't=1,v1=0').send({}),
      client.get(`/invoices/${id}/pdf`),
      client.get(`/exports/${id}/download`),
      client.post('/graphql').send({ query: '{ apiVersion }' }),
    ];
    const statuses = async (client: ReturnType<typeof request>) =>
      (await Promise.all(edges(client))).map((answer) => answer.status);
    expect(await statuses(worker)).toEqual([404, 404, 404, 404]);
    // The API answers each (503: card payments are not set up in this stack; 401: no access token).
    expect(await statuses(request(stack.api.getHttpServer()))).toEqual([503, 401, 401, 200]);
  });

  it('carries a committed job from the API through Redis to the worker, which runs it once', async () => {
    const message = await enqueue('test.record', { note: 'through BullMQ' });
    const row = await completed(message.id);
    expect(row).toMatchObject({ attempts: 1, failedAt: null });
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect((await effectCounts(stack.em)).get(testJobKey(message.id))).toBe(1);

    const connection = createRedisConnection(stack.config.redis!.url, 'request');
    const queue = new Queue('jobs', { connection, prefix: stack.config.redis!.prefix });
    const job = await queue.getJob(`outbox-${message.id}-RecordHandler`);
    expect(await job?.getState()).toBe('completed');
    await queue.close();
    connection.disconnect();
  });

  it('retries a failing job with BullMQ back-off until it succeeds', async () => {
    const message = await enqueue('test.flaky', { failTimes: 2 });
    expect(await completed(message.id)).toMatchObject({ attempts: 3 });
    expect((await effectCounts(stack.em)).get(testJobKey(message.id, 'FlakyHandler'))).toBe(1);
  });

  it('fails a permanent error at once and the others after their last attempt', async () => {
    const poison = await enqueue('test.poison', {});
    const hopeless = await enqueue('test.flaky', { failTimes: 99 });
    expect(await completed(poison.id)).toMatchObject({ attempts: 1, failedAt: expect.any(Date) });
    expect(await completed(hopeless.id)).toMatchObject({ attempts: 4, failedAt: expect.any(Date), completedAt: null });
  });

  it('delivers one message to each handler of its topic, each with its own key, retries and outcome', async () => {
    const message = await enqueue('test.fact', {});
    await stack.drainOutbox();
    const deliveries = await deliveriesOf(stack.em, message.id);
    expect(
      deliveries.map(({ handler, attempts, completedAt, failedAt }) => ({ handler, attempts, completedAt, failedAt })),
    ).toEqual([
      { handler: 'FactFlakyHandler', attempts: 2, completedAt: expect.any(Date), failedAt: null },
      { handler: 'FactPoisonHandler', attempts: 1, completedAt: null, failedAt: expect.any(Date) },
      { handler: 'FactRecordHandler', attempts: 1, completedAt: expect.any(Date), failedAt: null },
    ]);
    const effects = await effectCounts(stack.em);
    expect(effects.get(testJobKey(message.id, 'FactRecordHandler'))).toBe(1);
    expect(effects.get(testJobKey(message.id, 'FactFlakyHandler'))).toBe(1);
    expect(effects.get(testJobKey(message.id, 'FactPoisonHandler'))).toBeUndefined();
  });

  it('fails, without running it, a delivery not done within the age limit (never re-run after Stripe forgot its keys)', async () => {
    await stack.stopWorker();
    // As the outbox looks when a delivery was published long ago and never run since (a Redis that lost it, a worker
    // down for days): once back, the worker must not run it.
    const message = await enqueue('test.record', { note: 'too late' });
    const longAgo = new Date(Date.now() - 13 * 3600_000);
    await stack.em.fork().transactional(async (tx) => {
      await tx.nativeUpdate(OutboxMessage, message.id, { dispatchedAt: longAgo, availableAt: longAgo });
      await tx.insert(OutboxDelivery, {
        messageId: message.id,
        handler: 'RecordHandler',
        topic: 'test.record',
        createdAt: longAgo,
        dueSince: longAgo,
        availableAt: longAgo,
        publishedAt: longAgo,
      });
    });
    await stack.startWorker();
    const failed = await completed(message.id);
    expect(failed).toMatchObject({ completedAt: null, failedAt: expect.any(Date) });
    expect(failed.lastError).toMatch(/^Not done within 12 h of falling due/);
    expect((await effectCounts(stack.em)).get(testJobKey(message.id))).toBeUndefined();
  });

  it('is not ready, with a 503, when Redis is unreachable, and tells an anonymous caller nothing more', async () => {
    const dataDir = createTempDir('no-redis');
    const app = await createApiApp(
      testConfig({ DATA_DIR: dataDir.path, REDIS_URL: `redis://127.0.0.1:${await freePort()}` }),
    );
    await app.init();
    try {
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      // Not which part is down, nor the address it was looked for at: that goes to the logs.
      expect(ready.body).toEqual({ status: 'error' });
    } finally {
      await app.close();
      dataDir.remove();
    }
  });
});
