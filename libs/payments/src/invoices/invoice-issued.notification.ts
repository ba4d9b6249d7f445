import { AuthService, OrganizationService } from '@app/identity';
import { HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { Invoice } from '../entities/invoice.entity';
import { formatDate, formatEuros } from '@app/platform';
import { INVOICE_ISSUED, type InvoiceIssued } from './invoice-events';
import { invoicePdfPath } from './invoice-pdf.controller';

/** The buyer (the person who ordered, and the members of the buying business) receives the invoice's notice. */
@HandlesJob(INVOICE_ISSUED)
export class InvoiceIssuedNotification implements JobHandler<InvoiceIssued> {
  constructor(
    private readonly mailer: MailerService,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
  ) {}

  async handle({ invoiceId }: InvoiceIssued, context: JobContext): Promise<void> {
    const em = context.em;
    const invoice = await em.findOne(Invoice, invoiceId);
    if (!invoice) return;
    const members = invoice.buyerOrganizationId ? await this.organizations.membersOf(invoice.buyerOrganizationId) : [];
    const emails = new Set([
      ...(await this.auth.findUsersByIds([invoice.buyerUserId])).map((user) => user.email),
      ...members.map((member) => member.user.email),
    ]);
    for (const to of emails) {
      await this.mailer.sendOnce(context, {
        to,
        subject: `Facture ${invoice.number}`,
        text: [
          `La facture ${invoice.number} de ${formatEuros(invoice.totalCents)} TTC, émise au nom de ${invoice.document.seller.name}, est disponible.`,
          `Échéance\u00a0: ${formatDate(invoice.dueDate)}.`,
          `Téléchargement (connecté)\u00a0: ${invoicePdfPath(invoice.id)}`,
        ].join('\n'),
      });
    }
  }
}
