import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { JobContext } from '../jobs/job-handler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { SentEmail } from './sent-email.entity';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Parts of the text (one-time tokens) masked in the recorded copy: they exist in clear only in the message sent. */
  secrets?: string[];
}

type SentEmailRecord = Pick<SentEmail, 'dedupeKey' | 'recipient' | 'subject' | 'text'>;

/** Sends e-mails from job handlers: SMTP in production, a JSON transport that only logs in development and tests. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
  ) {
    this.transport = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl)
      : createTransport({ jsonTransport: true });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /**
   * Sends once per job and recipient (RELIABILITY.md JOB-09). On PostgreSQL the record is committed on its own before
   * sending, so a run that dies after the send and before its job commits (its ack) leaves the record, and the retry
   * sends nothing; a send that fails takes its record back, so the retry sends. The price is the other side of the
   * crash window: a run that dies between its record and its send sends nothing (an e-mail missing, never two).
   * The embedded SQLite file has one connection, which the job's transaction holds: there the record is written in
   * that transaction (a crash after the send and before the commit can send twice).
   */
  async sendOnce(context: JobContext, message: EmailMessage): Promise<'sent' | 'already-sent'> {
    const dedupeKey = `${context.jobKey}:${createHash('sha256').update(message.to.toLowerCase()).digest('hex').slice(0, 32)}`;
    const { secrets = [], ...email } = message;
    const recorded = secrets.reduce((text, secret) => text.split(secret).join('[masqué]'), email.text);
    const record = { dedupeKey, recipient: email.to, subject: email.subject, text: recorded };
    const ownTransaction = this.config.database.kind === 'postgresql';
    if (!(await (ownTransaction ? this.recordCommitted(record) : this.recordInJob(context, record))))
      return 'already-sent';
    try {
      await this.transport.sendMail({ from: this.config.mail.from, ...email });
    } catch (error) {
      if (ownTransaction) await this.unitOfWork.run(() => this.unitOfWork.em.nativeDelete(SentEmail, { dedupeKey }));
      throw error;
    }
    if (this.config.mail.dir) this.writeToDir(this.config.mail.dir, dedupeKey, email);
    if (!this.config.mail.smtpUrl)
      this.logger.log({ subject: message.subject, dedupeKey }, 'E-mail recorded, not delivered (no SMTP_URL)');
    return 'sent';
  }

  /** Records the e-mail in a unit of its own, committed at once; false when it was recorded before. */
  private recordCommitted(record: SentEmailRecord): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const inserted = await this.unitOfWork.em.execute<unknown[]>(
        'insert into sent_email (dedupe_key, recipient, subject, text, sent_at) values (?, ?, ?, ?, now()) on conflict (dedupe_key) do nothing returning dedupe_key',
        [record.dedupeKey, record.recipient, record.subject, record.text],
      );
      return inserted.length === 1;
    });
  }

  /** Records the e-mail in the job's transaction; false when it was recorded before. */
  private async recordInJob(context: JobContext, record: SentEmailRecord): Promise<boolean> {
    if (await context.em.findOne(SentEmail, { dedupeKey: record.dedupeKey })) return false;
    context.em.persist(context.em.create(SentEmail, record));
    await context.em.flush();
    return true;
  }

  /** MAIL_DIR (development and tests, refused in production): the e-mail as sent, for a person or a browser test to open. */
  private writeToDir(dir: string, dedupeKey: string, email: Omit<EmailMessage, 'secrets'>): void {
    mkdirSync(dir, { recursive: true });
    const name = `${Date.now()}-${dedupeKey.replace(/[^a-z0-9-]/gi, '_')}.json`;
    writeFileSync(join(dir, name), JSON.stringify({ ...email, sentAt: new Date().toISOString() }, null, 2));
  }
}
