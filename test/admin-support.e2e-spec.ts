import { Module } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { HandlesJob, type JobContext, type JobHandler, OutboxService, PermanentJobError } from '@app/platform';
import { startWorker } from '../apps/worker/src/start-worker';
import { registerPlatformAdmin } from './support/admin-client';
import { rowCounts } from './support/app-modes';
import { cardPayments } from './support/card-order-fixtures';
import { type FakeStripe, startFakeStripe, stripeEvent } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { GOOD_PASSWORD, registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';
import { deliveryOf, effectCounts, recordEffect, RecordingJobsModule, testJobKey } from './support/recording-job';
import { waitFor } from './support/test-services';

const WEBHOOK_SECRET = 'whsec_ancrage_admin';

/** A job whose cause of failure support can fix: it fails for good until `broken` is false. */
const cause = { broken: true };

@HandlesJob('test.until-fixed')
class UntilFixedHandler implements JobHandler {
  async handle(_payload: unknown, context: JobContext): Promise<void> {
    if (cause.broken) throw new PermanentJobError('The partner refused the file');
    await recordEffect(context);
  }
}

@Module({ providers: [UntilFixedHandler] })
class UntilFixedModule {}

/** Every support operation, as a non-admin would call it. */
const SUPPORT_OPERATIONS: [string, Record<string, unknown>][] = [
  ['{ adminOrganizations { totalCount } }', {}],
  ['{ adminUsers { totalCount } }', {}],
  [
    'mutation ($id: ID!) { disableUser(id: $id, reason: "spam") { id } }',
    { id: '00000000-0000-4000-8000-000000000000' },
  ],
  ['mutation { setCommissionRate(rate: 0.2) { rate } }', {}],
  ['{ commissionRate { rate } }', {}],
  ['{ failedJobs { totalCount } }', {}],
  ['mutation { retryJob(id: "1") { id } }', {}],
  ['{ auditLog { totalCount } }', {}],
  ['{ adminBrands { id } }', {}],
  ['mutation ($id: ID!) { verifyBrand(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }],
];

describe('support can support: platform admins only (issue 19 item 7)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let market: Market;
  let admin: TestSession;

  const { deliver, onboard, startedCardOrder } = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);
  /** The admins' actions in the audit log (role changes, such as an organization's creator made its owner, are there too). */
  const auditActions = async () =>
    (
      await stack.em
        .fork()
        .execute<{ action: string }[]>(
          "select action from audit_entry where action not like 'membership.%' order by id",
        )
    ).map((row) => row.action);

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack(
      'admin_support',
      {
        STRIPE_SECRET_KEY: 'sk_test_ancrage',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: fake.url,
        PLATFORM_COMMISSION_RATE: '0.05',
      },
      { withWorker: false },
    );
    worker = await startWorker({ imports: [RecordingJobsModule, UntilFixedModule] }, stack.config);
    market = await createMarket(stack.api);
    await onboard(market.farmer, market.farm);
    await onboard(market.orchardist, market.orchard);
    admin = await registerPlatformAdmin(stack.api, stack.em);
  });

  afterAll(async () => {
    await worker?.close();
    await stack?.close();
    await fake?.close();
  });

  it('refuses every support operation to anyone but a platform admin (FORBIDDEN; UNAUTHENTICATED anonymously), changing nothing', async () => {
    const before = await rowCounts(stack.em, ['audit_entry', 'commission_rate', 'brand']);
    for (const [query, variables] of SUPPORT_OPERATIONS) {
      for (const session of [market.consumer, market.farmer, market.chef]) {
        const refused = await graphql(stack.api, query, variables, session.accessToken);
        expect({ query, code: refused.errors?.[0].extensions.code, data: refused.data }).toEqual({
          query,
          code: 'FORBIDDEN',
          data: null,
        });
      }
      expect((await graphql(stack.api, query, variables)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await rowCounts(stack.em, ['audit_entry', 'commission_rate', 'brand'])).toEqual(before);
  });

  it('finds organizations by name and kind, and accounts by e-mail, page by page', async () => {
    const farms = await graphql<{
      adminOrganizations: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; kind: string } }[];
      };
    }>(
      stack.api,
      'query ($after: String) { adminOrganizations(search: "", kind: PRODUCER, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind name } } } }',
      {},
      admin.accessToken,
    );
    const page = farms.data!.adminOrganizations;
    expect(page.totalCount).toBe(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await graphql<{
      adminOrganizations: { pageInfo: { hasNextPage: boolean }; edges: { node: { id: string } }[] };
    }>(
      stack.api,
      'query ($after: String) { adminOrganizations(kind: PRODUCER, first: 1, after: $after) { pageInfo { hasNextPage } edges { node { id } } } }',
      { after: page.pageInfo.endCursor },
      admin.accessToken,
    );
    expect(next.data!.adminOrganizations.pageInfo.hasNextPage).toBe(false);
    expect([page.edges[0].node.id, next.data!.adminOrganizations.edges[0].node.id].sort()).toEqual(
      [market.farm, market.orchard].sort(),
    );

    const byName = await graphql<{ adminOrganizations: { edges: { node: { id: string } }[] } }>(
      stack.api,
      'query ($s: String) { adminOrganizations(search: $s) { edges { node { id } } } }',
      { s: 'VERGER' },
      admin.accessToken,
    );
    // "Vergers de la Vienne", whatever the capitals.
    expect(byName.data!.adminOrganizations.edges.map((edge) => edge.node.id)).toEqual([market.orchard]);

    const users = await graphql<{
      adminUsers: { totalCount: number; edges: { node: { email: string; disabledAt: string | null } }[] };
    }>(
      stack.api,
      'query ($s: String) { adminUsers(search: $s) { totalCount edges { node { email disabledAt isPlatformAdmin } } } }',
      { s: market.chef.user.email.toUpperCase() },
      admin.accessToken,
    );
    expect(users.data!.adminUsers).toEqual({
      totalCount: 1,
      edges: [{ node: { email: market.chef.user.email, disabledAt: null, isPlatformAdmin: false } }],
    });
    // A wildcard is searched for as a character, not as "anything".
    expect(
      (
        await graphql<{ adminUsers: { totalCount: number } }>(
          stack.api,
          '{ adminUsers(search: "%") { totalCount } }',
          {},
          admin.accessToken,
        )
      ).data!.adminUsers.totalCount,
    ).toBe(0);
    expect(
      (await graphql(stack.api, '{ adminUsers(first: 500) { totalCount } }', {}, admin.accessToken)).errors?.[0]
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('disables an account with a reason: its next request, its refresh and its sign-in all fail at once', async () => {
    const victim = await registerUser(stack.api, 'spammer');
    expect((await graphql(stack.api, '{ me { id } }', {}, victim.accessToken)).data).toEqual({
      me: { id: victim.user.id },
    });

    const before = await rowCounts(stack.em, ['audit_entry']);
    const noReason = await graphql(
      stack.api,
      'mutation ($id: ID!) { disableUser(id: $id, reason: " ") { id } }',
      { id: victim.user.id },
      admin.accessToken,
    );
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(
      (
        await graphql(
          stack.api,
          'mutation { disableUser(id: "00000000-0000-4000-8000-000000000000", reason: "spam") { id } }',
          {},
          admin.accessToken,
        )
      ).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await graphql(
          stack.api,
          'mutation ($id: ID!) { disableUser(id: $id, reason: "moi") { id } }',
          { id: admin.user.id },
          admin.accessToken,
        )
      ).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await rowCounts(stack.em, ['audit_entry'])).toEqual(before);
    expect((await graphql(stack.api, '{ me { id } }', {}, victim.accessToken)).data).toEqual({
      me: { id: victim.user.id },
    });

    const disabled = await graphql<{ disableUser: { id: string; disabledAt: string } }>(
      stack.api,
      'mutation ($id: ID!) { disableUser(id: $id, reason: "Annonces frauduleuses") { id disabledAt } }',
      { id: victim.user.id },
      admin.accessToken,
    );
    expect(disabled.data?.disableUser.id).toBe(victim.user.id);
    expect((await graphql(stack.api, '{ me { id } }', {}, victim.accessToken)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (
        await graphql(stack.api, 'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', {
          t: victim.refreshToken,
        })
      ).errors?.[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (
        await graphql(
          stack.api,
          'mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }',
          { e: victim.user.email, p: GOOD_PASSWORD },
        )
      ).errors?.[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (
        await graphql(
          stack.api,
          'mutation ($id: ID!) { disableUser(id: $id, reason: "encore") { id } }',
          { id: victim.user.id },
          admin.accessToken,
        )
      ).errors?.[0].extensions.code,
    ).toBe('INVALID_STATE_TRANSITION');

    const [entry] = await stack.em
      .fork()
      .execute("select actor_id, target_id, reason from audit_entry where action = 'user.disabled'");
    expect(entry).toEqual({ actor_id: admin.user.id, target_id: victim.user.id, reason: 'Annonces frauduleuses' });
  });

  it('setCommissionRate applies to the payments started afterwards, not to earlier ones, and is recorded with who and when', async () => {
    const earlier = await startedCardOrder({ drink: 'juice' });

    const before = await rowCounts(stack.em, ['commission_rate', 'audit_entry']);
    for (const rate of [0.6, -0.01, 0.12345]) {
      const refused = await graphql(
        stack.api,
        'mutation ($r: Float!) { setCommissionRate(rate: $r) { rate } }',
        { r: rate },
        admin.accessToken,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rate' });
    }
    expect(await rowCounts(stack.em, ['commission_rate', 'audit_entry'])).toEqual(before);
    expect(
      (await graphql(stack.api, '{ commissionRate { rate setAt setBy { email } } }', {}, admin.accessToken)).data,
    ).toEqual({ commissionRate: { rate: 0.05, setAt: null, setBy: null } });

    const set = await graphql<{ setCommissionRate: { rate: number; setAt: string; setBy: { email: string } } }>(
      stack.api,
      'mutation { setCommissionRate(rate: 0.1) { rate setAt setBy { email } } }',
      {},
      admin.accessToken,
    );
    expect(set.data?.setCommissionRate).toMatchObject({ rate: 0.1, setBy: { email: admin.user.email } });
    expect(
      (await graphql(stack.api, '{ commissionRate { rate setBy { email } } }', {}, admin.accessToken)).data,
    ).toEqual({ commissionRate: { rate: 0.1, setBy: { email: admin.user.email } } });
    const later = await startedCardOrder({ drink: 'juice' });

    // Both are paid after the change: each keeps the rate in force when it started.
    for (const { paymentIntentId } of [earlier, later])
      expect(
        (await deliver(stripeEvent('payment_intent.succeeded', fake.succeedPaymentIntent(paymentIntentId)))).status,
      ).toBe(200);
    await stack.drainOutbox();
    const commissionOf = async (order: { supplierOrders: { id: string; totalCents: number }[] }) =>
      Promise.all(
        order.supplierOrders.map(async (part) => {
          const [row] = await stack.em
            .fork()
            .execute('select amount_cents, commission_cents from producer_transfer where supplier_order_id = ?', [
              part.id,
            ]);
          return { total: part.totalCents, amount: Number(row.amount_cents), commission: Number(row.commission_cents) };
        }),
      );
    for (const part of await commissionOf(earlier.order))
      expect(part).toEqual({
        total: part.total,
        commission: Math.round(part.total * 0.05),
        amount: part.total - Math.round(part.total * 0.05),
      });
    for (const part of await commissionOf(later.order))
      expect(part).toEqual({
        total: part.total,
        commission: Math.round(part.total * 0.1),
        amount: part.total - Math.round(part.total * 0.1),
      });
    const rows = await stack.em.fork().execute('select basis_points, set_by_id from commission_rate');
    expect(rows).toEqual([{ basis_points: 1000, set_by_id: admin.user.id }]);
  });

  it('lists the failed jobs, and retryJob runs one again once its cause is fixed', async () => {
    const em = stack.em.fork() as EntityManager;
    const message = await em.transactional(async (tx) =>
      stack.api.get(OutboxService).enqueue(tx, 'test.until-fixed', {}),
    );
    await stack.drainOutbox();
    // The failed job is the message's delivery to its handler.
    const job = (await deliveryOf(em, message.id))!;
    const failed = await graphql<{
      failedJobs: {
        totalCount: number;
        edges: { node: { id: string; topic: string; lastError: string; attempts: number } }[];
      };
    }>(
      stack.api,
      '{ failedJobs(first: 10) { totalCount edges { node { id topic handler lastError attempts failedAt } } } }',
      {},
      admin.accessToken,
    );
    expect(failed.data!.failedJobs.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({
        id: String(job.id),
        topic: 'test.until-fixed',
        handler: 'UntilFixedHandler',
        lastError: 'The partner refused the file',
      }),
    );

    const before = await rowCounts(stack.em, ['audit_entry']);
    for (const id of ['not-a-number', '999999999', '0']) {
      expect(
        (await graphql(stack.api, 'mutation ($id: ID!) { retryJob(id: $id) { id } }', { id }, admin.accessToken))
          .errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
    }
    expect(await rowCounts(stack.em, ['audit_entry'])).toEqual(before);

    cause.broken = false;
    const retried = await graphql(
      stack.api,
      'mutation ($id: ID!) { retryJob(id: $id) { id topic } }',
      { id: String(job.id) },
      admin.accessToken,
    );
    expect(retried.data).toEqual({ retryJob: { id: String(job.id), topic: 'test.until-fixed' } });
    const key = testJobKey(message.id, 'UntilFixedHandler');
    await waitFor(async () => (await effectCounts(stack.em.fork() as EntityManager)).get(key) === 1, {
      what: 'the retried job to run',
    });
    await stack.drainOutbox();
    expect((await effectCounts(stack.em.fork() as EntityManager)).get(key)).toBe(1);
    const after = await graphql<{ failedJobs: { edges: { node: { id: string } }[] } }>(
      stack.api,
      '{ failedJobs { edges { node { id } } } }',
      {},
      admin.accessToken,
    );
    expect(after.data!.failedJobs.edges.map((edge) => edge.node.id)).not.toContain(String(job.id));
    // Done now: it is no longer a failed job to retry.
    expect(
      (
        await graphql(
          stack.api,
          'mutation ($id: ID!) { retryJob(id: $id) { id } }',
          { id: String(job.id) },
          admin.accessToken,
        )
      ).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('keeps an append-only audit log of every admin action, readable by admins page by page', async () => {
    const market2Brand = await graphql<{ createOrganization: { id: string } }>(
      stack.api,
      'mutation { createOrganization(input: { kind: BRAND, name: "Association Creuse", address: { line1: "1 place Bonnyaud", postalCode: "23000", inseeCode: "23096" } }) { id } }',
      {},
      market.chef.accessToken,
    );
    const brand = await graphql<{ createBrand: { id: string } }>(
      stack.api,
      'mutation ($o: ID!) { createBrand(input: { organizationId: $o, name: "C\'est creusois", slug: "cest-creusois", departmentCodes: ["23"] }) { id } }',
      { o: market2Brand.data!.createOrganization.id },
      market.chef.accessToken,
    );
    await graphql(
      stack.api,
      'mutation ($id: ID!) { verifyBrand(id: $id) { id } }',
      { id: brand.data!.createBrand.id },
      admin.accessToken,
    );

    expect(await auditActions()).toEqual(['user.disabled', 'commission.set', 'job.retried', 'brand.verified']);
    // The brand's organization was created by the cook: its owner from then on, which the log says too.
    const [ownership] = await stack.em
      .fork()
      .execute(
        "select actor_id, target_id, reason, details from audit_entry where action = 'membership.granted' and target_id = ?",
        [market2Brand.data!.createOrganization.id],
      );
    expect(ownership).toMatchObject({ actor_id: market.chef.user.id, reason: 'created the organization' });
    expect(ownership.details).toMatchObject({ userId: market.chef.user.id, role: 'OWNER' });
    // Read by an admin, newest first, three at a time to the end.
    interface LogPage {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { action: string; actor: { email: string } | null; reason: string | null; details: string } }[];
    }
    const entries: LogPage['edges'][number]['node'][] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let pages = 0; pages < 20; pages++) {
      const page: { data?: { auditLog: LogPage } } = await graphql<{ auditLog: LogPage }>(
        stack.api,
        'query ($after: String) { auditLog(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { action actor { email } targetType targetId reason details recordedAt } } } }',
        { after },
        admin.accessToken,
      );
      entries.push(...page.data!.auditLog.edges.map((edge) => edge.node));
      totalCount = page.data!.auditLog.totalCount;
      if (!page.data!.auditLog.pageInfo.hasNextPage) break;
      after = page.data!.auditLog.pageInfo.endCursor;
    }
    expect(entries).toHaveLength(totalCount);
    const adminEntries = entries.filter((entry) => !entry.action.startsWith('membership.'));
    expect(adminEntries.map((entry) => entry.action)).toEqual([
      'brand.verified',
      'job.retried',
      'commission.set',
      'user.disabled',
    ]);
    expect(adminEntries.every((entry) => entry.actor?.email === admin.user.email)).toBe(true);
    expect(JSON.parse(adminEntries[2].details)).toEqual({ fromBasisPoints: 500, toBasisPoints: 1000 });
    expect(adminEntries[3].reason).toBe('Annonces frauduleuses');

    // Append-only, whoever connects.
    await expect(
      stack.em.fork().execute("update audit_entry set reason = 'rien' where action = 'user.disabled'"),
    ).rejects.toThrow(/append-only/);
    await expect(stack.em.fork().execute('delete from audit_entry')).rejects.toThrow(/append-only/);
    expect(await auditActions()).toEqual(['user.disabled', 'commission.set', 'job.retried', 'brand.verified']);
  });
});
