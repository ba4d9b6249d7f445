import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { JobContext } from '../jobs/job-handler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SentEmail } from './sent-email.entity';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Parts of the text (one-time tokens) masked in the recorded copy: they exist in clear only in the message sent. */
  secrets?: string[];
}

/** Sends e-mails from job handlers: SMTP in production, a JSON transport that only logs in development and tests. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl)
      : createTransport({ jsonTransport: true });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  /**
   * Sends once per job: the record is written in the job's transaction before sending, so a retry after a
   * successful send and commit finds it and sends nothing. A crash between the send and the commit can still send
   * twice, which is the most any mail server allows. A job writing to several people sends once per recipient.
   */
  async sendOnce(context: JobContext, message: EmailMessage): Promise<'sent' | 'already-sent'> {
    const dedupeKey = `${context.jobKey}:${createHash('sha256').update(message.to.toLowerCase()).digest('hex').slice(0, 32)}`;
    const existing = await context.em.findOne(SentEmail, { dedupeKey });
    if (existing) return 'already-sent';
    const { secrets = [], ...email } = message;
    const recorded = secrets.reduce((text, secret) => text.split(secret).join('[masqué]'), email.text);
    context.em.persist(
      context.em.create(SentEmail, { dedupeKey, recipient: email.to, subject: email.subject, text: recorded }),
    );
    await context.em.flush();
    await this.transport.sendMail({ from: this.config.mail.from, ...email });
    if (this.config.mail.dir) this.writeToDir(this.config.mail.dir, dedupeKey, email);
    if (!this.config.mail.smtpUrl)
      this.logger.log({ subject: message.subject, dedupeKey }, 'E-mail recorded, not delivered (no SMTP_URL)');
    return 'sent';
  }

  /** MAIL_DIR (development and tests, refused in production): the e-mail as sent, for a person or a browser test to open. */
  private writeToDir(dir: string, dedupeKey: string, email: Omit<EmailMessage, 'secrets'>): void {
    mkdirSync(dir, { recursive: true });
    const name = `${Date.now()}-${dedupeKey.replace(/[^a-z0-9-]/gi, '_')}.json`;
    writeFileSync(join(dir, name), JSON.stringify({ ...email, sentAt: new Date().toISOString() }, null, 2));
  }
}
