import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { registerPlatformAdmin } from './support/admin-client';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { waitFor } from './support/test-services';

const EXPORT = 'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id } }';
const EXPORT_STATUS = 'query ($id: ID!) { exportJob(id: $id) { status } }';
const JOBS = `query ($first: Int, $after: String, $status: ExportStatus) {
  adminExportJobs(first: $first, after: $after, status: $status) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status format error createdAt finishedAt organization { name } } }
  }
}`;

interface JobsPage {
  adminExportJobs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        status: string;
        format: string;
        error: string | null;
        createdAt: string;
        finishedAt: string | null;
        organization: { name: string };
      };
    }[];
  };
}

/** The admin page's "export jobs" list (WEB.md §2, platform admin): every organization's RSE exports, admins only. */
describe.each<AppMode>(['embedded', 'production'])('the export jobs of the admin page (%s mode)', (mode) => {
  let running: RunningApp;
  let buyer: TestSession;
  let admin: TestSession;
  const jobIds: string[] = [];

  beforeAll(async () => {
    running = await startApp(mode, `admin_exports_${mode}`);
    buyer = await registerUser(running.app, 'export-buyer');
    admin = await registerPlatformAdmin(running.app, running.em, 'export-support');
    const business = await createOrganization(running.app, buyer.accessToken, 'BUSINESS', 'Cantine de Guéret');
    for (const format of ['CSV', 'PDF']) {
      const requested = await graphql<{ requestRseExport: { id: string } }>(
        running.app,
        EXPORT,
        { input: { organizationId: business.id, from: '2026-01-01', to: '2026-06-30', format } },
        buyer.accessToken,
      );
      const id = requested.data!.requestRseExport.id;
      jobIds.push(id);
      // Each export is done before the next is asked: two distinct creation times, nothing still running.
      await waitFor(
        async () => {
          const status = (
            await graphql<{ exportJob: { status: string } }>(running.app, EXPORT_STATUS, { id }, buyer.accessToken)
          ).data?.exportJob.status;
          return status === 'DONE' || status === 'FAILED';
        },
        { timeoutMs: 30_000, what: 'the export' },
      );
    }
    // The PDF's job given up, as the worker records a failure.
    await running.em.execute("update export_job set status = 'FAILED', error = ? where id = ?", [
      'The disk is full',
      jobIds[1],
    ]);
  }, 120_000);

  afterAll(async () => {
    await running.close();
  });

  it('is refused to anonymous callers and to anyone but platform admins', async () => {
    expect((await graphql(running.app, JOBS, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const refused = await graphql(running.app, JOBS, {}, buyer.accessToken);
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: 'The export jobs list is for platform admins only.',
    });
    expect(refused.data).toBeNull();
  });

  it('lists every organization’s exports newest first, with their state, format, times and failure', async () => {
    const { data } = await graphql<JobsPage>(running.app, JOBS, {}, admin.accessToken);
    expect(data!.adminExportJobs.totalCount).toBe(2);
    const [pdf, csv] = data!.adminExportJobs.edges.map((edge) => edge.node);
    expect(pdf).toMatchObject({
      id: jobIds[1],
      status: 'FAILED',
      format: 'PDF',
      error: 'The disk is full',
      organization: { name: 'Cantine de Guéret' },
    });
    expect(csv).toMatchObject({ id: jobIds[0], format: 'CSV', organization: { name: 'Cantine de Guéret' } });
    expect(Date.parse(pdf.createdAt)).toBeGreaterThanOrEqual(Date.parse(csv.createdAt));
    if (csv.status === 'DONE') expect(Date.parse(csv.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(csv.createdAt));
  });

  it('pages with first/after and keeps to one status when asked', async () => {
    const first = await graphql<JobsPage>(running.app, JOBS, { first: 1 }, admin.accessToken);
    expect(first.data!.adminExportJobs.edges.map((edge) => edge.node.id)).toEqual([jobIds[1]]);
    expect(first.data!.adminExportJobs.pageInfo.hasNextPage).toBe(true);
    const second = await graphql<JobsPage>(
      running.app,
      JOBS,
      { first: 1, after: first.data!.adminExportJobs.pageInfo.endCursor },
      admin.accessToken,
    );
    expect(second.data!.adminExportJobs.edges.map((edge) => edge.node.id)).toEqual([jobIds[0]]);
    expect(second.data!.adminExportJobs.pageInfo.hasNextPage).toBe(false);
    const failed = await graphql<JobsPage>(running.app, JOBS, { status: 'FAILED' }, admin.accessToken);
    expect(failed.data!.adminExportJobs).toMatchObject({ totalCount: 1, edges: [{ node: { id: jobIds[1] } }] });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
  ])('refuses %j, naming the field', async (variables, field) => {
    const refused = await graphql(running.app, JOBS, variables, admin.accessToken);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
