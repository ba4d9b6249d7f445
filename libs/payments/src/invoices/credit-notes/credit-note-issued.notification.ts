import { AuthService, OrganizationService } from '@app/identity';
import { HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { formatEuros } from '@app/platform';
import { CreditNote } from './credit-note.entity';
import { CREDIT_NOTE_ISSUED, type CreditNoteIssued } from './credit-note-events';
import { creditNotePdfPath } from './credit-note-pdf.controller';

/** The buyer (who ordered, and the buying business's members) receives the credit note's notice. */
@HandlesJob(CREDIT_NOTE_ISSUED)
export class CreditNoteIssuedNotification implements JobHandler<CreditNoteIssued> {
  constructor(
    private readonly mailer: MailerService,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
  ) {}

  async handle({ creditNoteId }: CreditNoteIssued, context: JobContext): Promise<void> {
    const em = context.em;
    // Read only: not tracked by the job's unit of work, whose flushes must never touch an issued credit note.
    const note = await em.findOne(CreditNote, creditNoteId, { disableIdentityMap: true });
    if (!note) return;
    const members = note.buyerOrganizationId ? await this.organizations.membersOf(note.buyerOrganizationId) : [];
    const emails = new Set([
      ...(await this.auth.findUsersByIds([note.buyerUserId])).map((user) => user.email),
      ...members.map((member) => member.user.email),
    ]);
    for (const to of emails) {
      await this.mailer.sendOnce(context, {
        to,
        subject: `Avoir ${note.number}`,
        text: [
          `L'avoir ${note.number} de ${formatEuros(note.totalCents)} TTC, émis au nom de ${note.document.seller.name}, corrige la facture ${note.document.invoiceNumber}.`,
          `Motif\u00a0: ${note.reason}`,
          `Téléchargement (connecté)\u00a0: ${creditNotePdfPath(note.id)}`,
        ].join('\n'),
      });
    }
  }
}
