import { AuthService, OrganizationService } from '@app/identity';
import { HandlesJob, type JobContext, type JobHandler, MailerService, OutboxService, RunsDaily } from '@app/platform';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { formatDate, formatEuros } from '@app/platform';
import { invoicePdfPath } from './invoice-pdf.controller';
import { amountDueCents } from './amount-due';
import { CreditNote } from './credit-notes/credit-note.entity';

export const FLAG_OVERDUE_INVOICES = 'payments.flag-overdue-invoices';
export const INVOICE_OVERDUE = 'payments.invoice-overdue';

/** Once a day: invoices past their due date become OVERDUE, and each one's buyer gets a reminder. */
@RunsDaily()
@HandlesJob(FLAG_OVERDUE_INVOICES)
export class FlagOverdueInvoices implements JobHandler<{ day: string }> {
  constructor(private readonly outbox: OutboxService) {}

  async handle({ day }: { day: string }, context: JobContext): Promise<void> {
    const em = context.em;
    const overdue = await em.find(Invoice, { status: InvoiceStatus.ISSUED, dueDate: { $lt: day } }, { fields: ['id'] });
    if (overdue.length === 0) return;
    await em.nativeUpdate(
      Invoice,
      { id: overdue.map((invoice) => invoice.id), status: InvoiceStatus.ISSUED },
      { status: InvoiceStatus.OVERDUE },
    );
    for (const invoice of overdue) this.outbox.enqueue(em, INVOICE_OVERDUE, { invoiceId: invoice.id });
    await em.flush();
  }
}

/** The reminder of an overdue invoice, to the buyer organization's members (or the consumer). */
@HandlesJob(INVOICE_OVERDUE)
export class OverdueInvoiceReminder implements JobHandler<{ invoiceId: string }> {
  constructor(
    private readonly mailer: MailerService,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
  ) {}

  async handle({ invoiceId }: { invoiceId: string }, context: JobContext): Promise<void> {
    const em = context.em;
    const invoice = await em.findOne(Invoice, invoiceId);
    if (!invoice || invoice.status !== InvoiceStatus.OVERDUE) return;
    const members = invoice.buyerOrganizationId ? await this.organizations.membersOf(invoice.buyerOrganizationId) : [];
    const emails = members.length
      ? members.map((member) => member.user.email)
      : (await this.auth.findUsersByIds([invoice.buyerUserId])).map((user) => user.email);
    const credits = await em.find(CreditNote, { invoiceId: invoice.id });
    const creditedCents = credits.reduce((sum, note) => sum + note.totalCents, 0);
    for (const to of new Set(emails)) {
      await this.mailer.sendOnce(context, {
        to,
        subject: `Relance\u00a0: facture ${invoice.number} échue`,
        text: [
          `La facture ${invoice.number} de ${formatEuros(invoice.totalCents)} TTC, émise au nom de ${invoice.document.seller.name}, était à régler le ${formatDate(invoice.dueDate)}.`,
          ...(creditedCents > 0
            ? [
                `${credits.length > 1 ? 'Ses avoirs' : 'Son avoir'} (${credits.map((note) => note.number).join(', ')}) en déduisent ${formatEuros(creditedCents)}\u00a0: il reste ${formatEuros(amountDueCents(invoice, creditedCents))} TTC à régler.`,
              ]
            : []),
          'Si le règlement est en cours, merci de ne pas tenir compte de ce message.',
          `Facture\u00a0: ${invoicePdfPath(invoice.id)}`,
        ].join('\n'),
      });
    }
  }
}
