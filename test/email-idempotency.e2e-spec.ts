import { Module } from '@nestjs/common';
import {
  HandlesJob,
  type JobContext,
  type JobHandler,
  MailerService,
  OutboxDelivery,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import { createApiApp } from '../apps/api/src/create-api-app';
import { migrateDatabase } from '../apps/api/src/database-commands';
import { type FakeSmtpServer, startFakeSmtp } from './support/fake-smtp';
import { createTestDatabase, type TestDatabase, testConfig, waitFor } from './support/test-services';

const CONFIRMED = 'test.order-confirmed-email';
const SEND_FAILS = 'test.email-send-fails';

/**
 * An "order confirmed" e-mail job whose first run dies after the e-mail left and before its transaction commits (the
 * job's ack): the outbox runs it again, as it would after a crash.
 */
@HandlesJob(CONFIRMED)
class OrderConfirmedEmail implements JobHandler {
  constructor(private readonly mailer: MailerService) {}

  async handle(_payload: unknown, context: JobContext): Promise<void> {
    await this.mailer.sendOnce(context, {
      to: 'chef@bistrot-du-marche.test',
      subject: 'Commande C-2026-000042 confirmée',
      text: 'La Ferme du Mont a confirmé votre commande.',
    });
    if (context.attempt === 1) throw new Error('The run died after the send, before its commit.');
  }
}

/** An e-mail job, whose first send the test has the mail server refuse. */
@HandlesJob(SEND_FAILS)
class InvoiceReadyEmail implements JobHandler {
  constructor(private readonly mailer: MailerService) {}

  async handle(_payload: unknown, context: JobContext): Promise<void> {
    await this.mailer.sendOnce(context, {
      to: 'chef@bistrot-du-marche.test',
      subject: 'Facture disponible',
      text: 'Votre facture est disponible.',
    });
  }
}

@Module({ providers: [OrderConfirmedEmail, InvoiceReadyEmail] })
class EmailJobsModule {}

/** RELIABILITY.md JOB-09 on PostgreSQL: a job run twice (crash after the send, before the ack) sends one e-mail. */
describe('JOB-09: e-mail idempotency', () => {
  let database: TestDatabase;
  let smtp: FakeSmtpServer;
  let app: Awaited<ReturnType<typeof createApiApp>>;

  beforeAll(async () => {
    database = await createTestDatabase('job09');
    smtp = await startFakeSmtp();
    const config = testConfig({ DATABASE_URL: database.url, SMTP_URL: smtp.url, JOB_BACKOFF_MS: '50' });
    await migrateDatabase(config);
    app = await createApiApp(config, { imports: [EmailJobsModule] });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await smtp.close();
    await database.drop();
  });

  const runJob = async (topic: string) => {
    const unitOfWork = app.get(UnitOfWork);
    const message = await unitOfWork.run(() =>
      unitOfWork.transactional(async (em) => app.get(OutboxService).enqueue(em, topic, {})),
    );
    return waitFor(
      () =>
        unitOfWork.run(
          async () =>
            (await unitOfWork.em.findOne(OutboxDelivery, { messageId: message.id, completedAt: { $ne: null } })) ??
            undefined,
        ),
      { timeoutMs: 30_000, what: `the ${topic} job to complete` },
    );
  };

  it('sends the e-mail once when the job runs again after dying between the send and its commit', async () => {
    const before = smtp.messages.length;
    const delivery = await runJob(CONFIRMED);
    expect(delivery.attempts).toBe(2);
    const sent = smtp.messages.slice(before);
    expect(sent.map((message) => message.to)).toEqual([['chef@bistrot-du-marche.test']]);
  });

  it('sends on the next run when the mail server refused the first send', async () => {
    const before = smtp.messages.length;
    smtp.refuseNext(1);
    const delivery = await runJob(SEND_FAILS);
    expect(delivery.attempts).toBe(2);
    expect(smtp.messages.slice(before).map((message) => message.to)).toEqual([['chef@bistrot-du-marche.test']]);
  });
});
