import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import request from 'supertest';
import {
  AppError,
  ErrorCode,
  InProcessJobRunner,
  JOB_LIMITS,
  OutboxDelivery,
  OutboxMessage,
  OutboxService,
  Public,
} from '@app/platform';
import { createApiApp } from '../apps/api/src/create-api-app';
import { graphql } from './support/graphql-client';
import {
  CREATE_EFFECT_TABLE,
  deliveriesOf,
  deliveryOf,
  effectCounts,
  RecordingJobsModule,
  testJobKey,
} from './support/recording-job';
import { createTempDir, testConfig, waitFor } from './support/test-services';

/** Resolvers that fail on purpose, to see what a client gets. */
@Resolver()
class FailingResolver {
  @Public()
  @Query(() => String)
  explode(): string {
    throw Object.assign(new Error('duplicate key value violates unique constraint "user_email_unique"'), {
      stack: 'Error: at SELECT * FROM "user"',
    });
  }

  @Public()
  @Mutation(() => String)
  takeStock(@Args('quantity') quantity: number): string {
    throw new AppError(ErrorCode.OUT_OF_STOCK, `Only 2 left, ${quantity} asked.`, { productId: 'p1', available: 2 });
  }
}

describe('the embedded mode (SQLite, no Redis)', () => {
  const dataDir = createTempDir('embedded');
  let app: INestApplication;
  let em: EntityManager;

  beforeAll(async () => {
    app = await createApiApp(testConfig({ DATA_DIR: dataDir.path, JOB_BACKOFF_MS: '20', JOB_ATTEMPTS: '4' }), {
      imports: [RecordingJobsModule, { module: class FailingModule {}, providers: [FailingResolver] }],
    });
    await app.init();
    em = app.get(MikroORM).em.fork() as EntityManager;
    await em.execute(CREATE_EFFECT_TABLE);
  });

  afterAll(async () => {
    await app.close();
    dataDir.remove();
  });

  it('keeps its database in DATA_DIR/ancrage.sqlite, with the schema created at start', async () => {
    expect(existsSync(join(dataDir.path, 'ancrage.sqlite'))).toBe(true);
    expect(await em.count(OutboxMessage, {})).toBe(0);
  });

  it('answers the health checks: live, and ready with the database and no Redis', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok' });
  });

  it('serves GraphQL at /graphql and echoes a request id', async () => {
    const response = await graphql(app, '{ apiVersion }');
    expect(response.data).toEqual({ apiVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a document error with BAD_USER_INPUT and the request id', async () => {
    const response = await graphql(app, '{ noSuchField }');
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "noSuchField" on type "Query".',
        extensions: { code: 'BAD_USER_INPUT', requestId: response.headers['x-request-id'] },
      }),
    ]);
  });

  it('masks an unexpected error: INTERNAL_SERVER_ERROR, no message, no stack, no SQL', async () => {
    const response = await graphql(app, '{ explode }');
    expect(response.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['explode'],
        locations: expect.any(Array),
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) },
      },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/unique constraint|SELECT|stacktrace/i);
  });

  it('passes an expected failure through with its code and details', async () => {
    const response = await graphql(app, 'mutation { takeStock(quantity: 5) }');
    expect(response.errors?.[0]).toMatchObject({
      message: 'Only 2 left, 5 asked.',
      extensions: { code: 'OUT_OF_STOCK', productId: 'p1', available: 2 },
    });
  });

  describe('jobs through the outbox, run in-process', () => {
    const outbox = () => app.get(OutboxService);

    it('runs a job committed with its transaction, exactly once', async () => {
      const message = await em
        .fork()
        .transactional(async (tx) => outbox().enqueue(tx, 'test.record', { note: 'hello' }));
      const key = testJobKey(message.id);
      await waitFor(async () => (await effectCounts(em)).get(key), { what: 'the job to run' });
      // Several more polls pass; the job must not run again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await effectCounts(em)).get(key)).toBe(1);
      const row = (await deliveryOf(em, message.id))!;
      expect(row.completedAt).toBeInstanceOf(Date);
      expect(row.attempts).toBe(1);
    });

    it('never runs a job whose transaction rolled back', async () => {
      const before = await em.count(OutboxMessage, {});
      await expect(
        em.fork().transactional(async (tx) => {
          outbox().enqueue(tx, 'test.record', { note: 'rolled back' });
          await tx.flush();
          throw new Error('the business transaction fails');
        }),
      ).rejects.toThrow('the business transaction fails');
      expect(await em.fork().count(OutboxMessage, {})).toBe(before);
    });

    it('retries a failing job with back-off until it succeeds', async () => {
      const message = await em.fork().transactional(async (tx) => outbox().enqueue(tx, 'test.flaky', { failTimes: 2 }));
      const row = await waitFor(
        async () => {
          const current = await deliveryOf(em, message.id);
          return current?.completedAt ? current : undefined;
        },
        { what: 'the flaky job to complete' },
      );
      expect(row.attempts).toBe(3);
      expect((await effectCounts(em)).get(testJobKey(message.id, 'FlakyHandler'))).toBe(1);
    });

    it('gives up on a permanent failure at once, and after the last attempt otherwise', async () => {
      const [poison, hopeless] = await em
        .fork()
        .transactional(async (tx) => [
          outbox().enqueue(tx, 'test.poison', {}),
          outbox().enqueue(tx, 'test.flaky', { failTimes: 99 }),
        ]);
      const failed = await waitFor(
        async () => {
          const rows = await em
            .fork()
            .find(OutboxDelivery, { messageId: [poison.id, hopeless.id], failedAt: { $ne: null } });
          return rows.length === 2 ? rows : undefined;
        },
        { what: 'both jobs to fail' },
      );
      const byId = new Map(failed.map((row) => [row.messageId, row]));
      expect(byId.get(poison.id)).toMatchObject({ attempts: 1, lastError: 'This payload can never be processed' });
      expect(byId.get(hopeless.id)).toMatchObject({ attempts: 4, lastError: 'Attempt 4 fails on purpose' });
      expect(byId.get(hopeless.id)?.completedAt).toBeFalsy();
    });

    it('marks a job with no handler as failed rather than retrying it', async () => {
      const message = await em.fork().transactional(async (tx) => outbox().enqueue(tx, 'no.such.topic', {}));
      const row = await waitFor(async () => {
        const current = await deliveryOf(em, message.id);
        return current?.failedAt ? current : undefined;
      });
      expect(row.lastError).toBe('No handler for the job topic "no.such.topic".');
      expect(app.get(InProcessJobRunner)).toBeDefined();
    });

    it('delivers one message to each handler of its topic, each with its own key, retries and outcome', async () => {
      const message = await em.fork().transactional(async (tx) => outbox().enqueue(tx, 'test.fact', {}));
      const deliveries = await waitFor(
        async () => {
          const rows = await deliveriesOf(em, message.id);
          return rows.length === 3 && rows.every((row) => row.completedAt || row.failedAt) ? rows : undefined;
        },
        { what: 'the three deliveries to finish' },
      );
      expect(
        deliveries.map(({ handler, attempts, completedAt, failedAt }) => ({
          handler,
          attempts,
          completedAt,
          failedAt,
        })),
      ).toEqual([
        { handler: 'FactFlakyHandler', attempts: 2, completedAt: expect.any(Date), failedAt: null },
        { handler: 'FactPoisonHandler', attempts: 1, completedAt: null, failedAt: expect.any(Date) },
        { handler: 'FactRecordHandler', attempts: 1, completedAt: expect.any(Date), failedAt: null },
      ]);
      const effects = await effectCounts(em);
      expect(effects.get(testJobKey(message.id, 'FactRecordHandler'))).toBe(1);
      expect(effects.get(testJobKey(message.id, 'FactFlakyHandler'))).toBe(1);
      expect(effects.get(testJobKey(message.id, 'FactPoisonHandler'))).toBeUndefined();
    });

    /**
     * What a process that died (or hung) mid-job leaves behind: a delivery claimed, its lease run out, no outcome.
     * Written directly: the runner polls every few milliseconds, so the state is set on a delayed message's delivery.
     */
    const abandonedRun = async (stalls: number, dueSince = new Date()) => {
      const message = await em
        .fork()
        .transactional(async (tx) =>
          outbox().enqueue(
            tx,
            'test.record',
            { note: `stalled ${stalls}` },
            { availableAt: new Date(Date.now() + 3600_000) },
          ),
        );
      const expired = new Date(Date.now() - 1000);
      await em.fork().transactional(async (tx) => {
        await tx.nativeUpdate(OutboxMessage, message.id, { dispatchedAt: expired });
        await tx.insert(OutboxDelivery, {
          messageId: message.id,
          handler: 'RecordHandler',
          topic: 'test.record',
          createdAt: dueSince,
          dueSince,
          availableAt: expired,
          leaseUntil: expired,
          attempts: stalls + 1,
          stalls,
        });
      });
      return message;
    };
    const finished = (messageId: number) =>
      waitFor(
        async () => {
          const row = await deliveryOf(em, messageId);
          return row?.completedAt || row?.failedAt ? row : undefined;
        },
        { what: `message ${messageId} to finish` },
      );

    it('runs a stalled job once more, then fails it for good when it stalls again, without running it', async () => {
      expect(JOB_LIMITS.maxStalls).toBe(1);
      const once = await abandonedRun(0);
      const twice = await abandonedRun(1);
      expect(await finished(once.id)).toMatchObject({ stalls: 1, attempts: 2, completedAt: expect.any(Date) });
      expect((await effectCounts(em)).get(testJobKey(once.id))).toBe(1);
      const failed = await finished(twice.id);
      expect(failed).toMatchObject({ stalls: 2, completedAt: null, failedAt: expect.any(Date), leaseUntil: null });
      expect(failed.lastError).toMatch(/^Stalled 2 times/);
      expect((await effectCounts(em)).get(testJobKey(twice.id))).toBeUndefined();
    });

    it('fails, without running it, a job not done within the age limit', async () => {
      const old = await abandonedRun(0, new Date(Date.now() - JOB_LIMITS.maxAgeMs - 60_000));
      const failed = await finished(old.id);
      expect(failed).toMatchObject({ completedAt: null, failedAt: expect.any(Date) });
      expect(failed.lastError).toMatch(/^Not done within 12 h of falling due/);
      expect((await effectCounts(em)).get(testJobKey(old.id))).toBeUndefined();
    });
  });
});
