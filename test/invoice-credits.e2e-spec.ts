import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AuditEntry, SentEmail } from '@app/platform';
import { CreditNote, Invoice, type InvoiceDraft, InvoiceService, InvoiceStatus, invoiceYear } from '@app/payments';
import { registerPlatformAdmin } from './support/admin-client';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { waitFor } from './support/test-services';

const CREDIT = `mutation ($invoiceId: ID!, $amountCents: Cents!, $reason: String!, $key: String) {
  creditInvoice(invoiceId: $invoiceId, amountCents: $amountCents, reason: $reason, idempotencyKey: $key) {
    id number totalCents subtotalCents vatCents reason pdfUrl
    invoice { id number status totalCents amountDueCents creditableCents creditNotes { id number totalCents } }
  }
}`;

const INVOICE_READ = `query ($org: ID!, $direction: InvoiceDirection!) {
  invoices(organizationId: $org, direction: $direction, first: 50) {
    edges { node { id status amountDueCents creditableCents creditNotes { number totalCents reason } } }
  }
}`;

interface CreditedNote {
  id: string;
  number: string;
  totalCents: number;
  subtotalCents: number;
  vatCents: number;
  reason: string;
  pdfUrl: string;
  invoice: {
    id: string;
    number: string;
    status: string;
    totalCents: number;
    amountDueCents: number;
    creditableCents: number;
    creditNotes: { id: string; number: string; totalCents: number }[];
  };
}

/**
 * creditInvoice (embedded SQLite; run the file with ANCRAGE_TEST_PROFILE=production too): a producer credits part or
 * all of an invoice paid by transfer — two packs of butter damaged at delivery — through a credit note in its name.
 */
describe('creditInvoice: a producer credits an invoice paid by transfer', () => {
  let running: RunningApp;
  let farmer: TestSession;
  let chef: TestSession;
  let stranger: TestSession;
  let admin: TestSession;
  let dairy: { id: string; name: string };
  let restaurant: { id: string; name: string };

  const em = () => running.app.get(MikroORM).em.fork() as EntityManager;
  const credit = (
    session: TestSession | undefined,
    invoiceId: string,
    amountCents: number,
    reason = 'Deux plaquettes de beurre abîmées à la livraison',
    key: string | null = randomUUID(),
  ) =>
    graphql<{ creditInvoice: CreditedNote }>(
      running.app,
      CREDIT,
      { invoiceId, amountCents, reason, key },
      session?.accessToken,
    );
  const notesOf = (invoice: Invoice) => em().count(CreditNote, { invoiceId: invoice.id });
  const seriesLast = async (issuerId: string) =>
    Number(
      (
        await em().execute<{ last_number: number }[]>(
          'select last_number from credit_note_series where issuer_id = ? and year = ?',
          [issuerId, invoiceYear(new Date())],
        )
      )[0]?.last_number ?? 0,
    );

  /** 6 packs of butter, 18,48 € HT at 5,5 %: 19,50 € TTC, billed to the restaurant. */
  function draft(paymentMethod: 'INVOICE' | 'CARD'): InvoiceDraft {
    return {
      supplierOrderId: randomUUID(),
      orderId: randomUUID(),
      orderNumber: 'CMD-2026-000123',
      seller: {
        organizationId: dairy.id,
        userId: null,
        name: dairy.name,
        siret: '41234567800012',
        vatNumber: null,
        address: { line1: '1 route du Lac', postalCode: '39220', city: 'Les Rousses' },
      },
      buyer: {
        organizationId: restaurant.id,
        userId: chef.user.id,
        name: restaurant.name,
        siret: '51234567800013',
        vatNumber: null,
        address: { line1: '3 rue Neuve', postalCode: '39300', city: 'Champagnole' },
      },
      deliveryAddress: { line1: '3 rue Neuve', postalCode: '39300', city: 'Champagnole' },
      deliveryDate: new Date(Date.now() - 2 * 86_400_000),
      lines: [
        {
          name: 'Beurre doux 250 g',
          unit: 'PIECE',
          quantityThousandths: 6000,
          unitPriceCents: 308,
          vatRateBasisPoints: 550,
          totalCents: 1848,
        },
      ],
      vatByRate: [{ vatRateBasisPoints: 550, baseCents: 1848, vatCents: 102 }],
      subtotalCents: 1848,
      vatCents: 102,
      totalCents: 1950,
      paymentMethod,
    };
  }
  const issue = (paymentMethod: 'INVOICE' | 'CARD' = 'INVOICE') =>
    em().transactional((tx) => running.app.get(InvoiceService).issue(tx, draft(paymentMethod)));

  beforeAll(async () => {
    running = await startApp('embedded', 'invoice-credits');
    [farmer, chef, stranger] = [
      await registerUser(running.app, 'farmer'),
      await registerUser(running.app, 'chef'),
      await registerUser(running.app, 'stranger'),
    ];
    admin = await registerPlatformAdmin(running.app, em());
    dairy = await createOrganization(running.app, farmer.accessToken, 'PRODUCER', 'Laiterie des Rousses');
    restaurant = await createOrganization(running.app, chef.accessToken, 'BUSINESS', 'Bistrot du Lac');
  });

  afterAll(() => running?.close());

  it('credits part of an unpaid invoice, then the rest: numbered in the series, the buyer told, what is due lowered, then CANCELLED', async () => {
    const invoice = await issue();
    const before = await seriesLast(dairy.id);
    const first = await credit(farmer, invoice.id, 650, '  Deux plaquettes de beurre abîmées à la livraison  ', 'k-1');
    expect(first.errors).toBeUndefined();
    const note = first.data!.creditInvoice;
    const prefix = invoice.number.slice(0, invoice.number.indexOf('-'));
    expect(note).toMatchObject({
      number: `${prefix}-AV-${invoiceYear(new Date())}-${String(before + 1).padStart(4, '0')}`,
      totalCents: 650,
      reason: 'Deux plaquettes de beurre abîmées à la livraison',
      pdfUrl: `/credit-notes/${note.id}/pdf`,
      invoice: { id: invoice.id, status: 'ISSUED', amountDueCents: 1300, creditableCents: 1300 },
    });
    expect(note.subtotalCents + note.vatCents).toBe(650);
    expect(note.invoice.creditNotes.map((one) => one.number)).toEqual([note.number]);

    // The buyer is told, by e-mail, of what was credited.
    await waitFor(
      async () => (await em().count(SentEmail, { recipient: chef.user.email, subject: `Avoir ${note.number}` })) === 1,
      { what: "the credit note's e-mail to the buyer" },
    );
    const mail = await em().findOneOrFail(SentEmail, { recipient: chef.user.email, subject: `Avoir ${note.number}` });
    expect(mail.text).toContain(`6,50\u00a0€ TTC`);
    expect(mail.text).toContain(`corrige la facture ${invoice.number}`);
    expect(mail.text).toContain('Motif\u00a0: Deux plaquettes de beurre abîmées à la livraison');

    // The buyer reads it on its received invoices, with what is left to pay.
    const received = await graphql<{
      invoices: { edges: { node: { id: string; amountDueCents: number; creditNotes: { number: string }[] } }[] };
    }>(running.app, INVOICE_READ, { org: restaurant.id, direction: 'RECEIVED' }, chef.accessToken);
    expect(received.data!.invoices.edges.find((edge) => edge.node.id === invoice.id)!.node).toMatchObject({
      amountDueCents: 1300,
      creditNotes: [{ number: note.number }],
    });

    // A double submit (the same key) is the same credit note: no second one, no number taken.
    const again = await credit(farmer, invoice.id, 650, 'Deux plaquettes de beurre abîmées à la livraison', 'k-1');
    expect(again.data!.creditInvoice.id).toBe(note.id);
    expect(await notesOf(invoice)).toBe(1);
    expect(await seriesLast(dairy.id)).toBe(before + 1);
    // The same key for something else is refused, and writes nothing.
    const reused = await credit(farmer, invoice.id, 700, 'Deux plaquettes de beurre abîmées à la livraison', 'k-1');
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await notesOf(invoice)).toBe(1);

    // The rest: the invoice is wholly credited, so CANCELLED, nothing due, nothing left to credit.
    const rest = await credit(farmer, invoice.id, 1300, 'Commande reprise');
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.creditInvoice).toMatchObject({
      totalCents: 1300,
      number: `${prefix}-AV-${invoiceYear(new Date())}-${String(before + 2).padStart(4, '0')}`,
      invoice: { status: 'CANCELLED', amountDueCents: 0, creditableCents: 0 },
    });
    expect((await em().findOneOrFail(Invoice, invoice.id)).status).toBe(InvoiceStatus.CANCELLED);
    // The first key sent again still answers its credit note, though the invoice is now cancelled.
    expect(
      (await credit(farmer, invoice.id, 650, 'Deux plaquettes de beurre abîmées à la livraison', 'k-1')).data!
        .creditInvoice.id,
    ).toBe(note.id);

    const more = await credit(farmer, invoice.id, 100);
    expect(more.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      reason: 'INVOICE_CANCELLED',
    });
    expect(await notesOf(invoice)).toBe(2);
    expect(await seriesLast(dairy.id)).toBe(before + 2);
  });

  it('refuses more than is left, or nothing, on amountCents saying the maximum; writes nothing', async () => {
    const invoice = await issue();
    expect((await credit(farmer, invoice.id, 500)).errors).toBeUndefined();
    const before = await seriesLast(dairy.id);
    const tooMuch = await credit(farmer, invoice.id, 1451);
    expect(tooMuch.errors?.[0]).toMatchObject({
      message: `The amount to credit must be more than 0 and at most 14.50 €: what is left of invoice ${invoice.number} once its credit notes are taken off.`,
      extensions: { code: 'BAD_USER_INPUT', field: 'amountCents', maximumCents: 1450 },
    });
    for (const amount of [0, -650]) {
      const refused = await credit(farmer, invoice.id, amount);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountCents' });
    }
    expect(await notesOf(invoice)).toBe(1);
    expect(await seriesLast(dairy.id)).toBe(before);
    // Exactly what is left is accepted.
    expect((await credit(farmer, invoice.id, 1450)).data!.creditInvoice.invoice.status).toBe('CANCELLED');
  });

  it('refuses a missing or too long reason, and a malformed key, before anything is written', async () => {
    const invoice = await issue();
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const refused = await credit(farmer, invoice.id, 650, reason);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    }
    for (const key of ['', '  ', 'k'.repeat(101)]) {
      const refused = await credit(farmer, invoice.id, 650, 'Beurre abîmé', key);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    // 500 characters are enough, and kept whole.
    const long = await credit(farmer, invoice.id, 650, 'y'.repeat(500));
    expect(long.data!.creditInvoice.reason).toHaveLength(500);
    expect(await notesOf(invoice)).toBe(1);
  });

  it('refuses an invoice paid by card: its money goes back through the refund of its payment', async () => {
    const invoice = await issue('CARD');
    expect(invoice.status).toBe(InvoiceStatus.PAID);
    const refused = await credit(farmer, invoice.id, 650);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('was paid by card'),
      extensions: { code: 'INVALID_STATE_TRANSITION', reason: 'PAID_BY_CARD' },
    });
    expect(await notesOf(invoice)).toBe(0);
    const listed = await graphql<{ invoices: { edges: { node: { id: string; creditableCents: number } }[] } }>(
      running.app,
      INVOICE_READ,
      { org: dairy.id, direction: 'ISSUED' },
      farmer.accessToken,
    );
    expect(listed.data!.invoices.edges.find((edge) => edge.node.id === invoice.id)!.node.creditableCents).toBe(0);
  });

  it('credits an invoice already paid by transfer: it stays PAID, nothing due', async () => {
    const invoice = await issue();
    const paid = await graphql(
      running.app,
      'mutation ($id: ID!) { markInvoicePaid(id: $id) { id status } }',
      { id: invoice.id },
      farmer.accessToken,
    );
    expect(paid.errors).toBeUndefined();
    const credited = await credit(farmer, invoice.id, 650);
    expect(credited.data!.creditInvoice).toMatchObject({
      totalCents: 650,
      invoice: { status: 'PAID', amountDueCents: 0, creditableCents: 1300 },
    });
  });

  it('answers NOT_FOUND to anyone not a member of the producer, the buyer included; UNAUTHENTICATED without a session', async () => {
    const invoice = await issue();
    for (const session of [chef, stranger]) {
      const refused = await credit(session, invoice.id, 650);
      expect(refused.errors?.[0]).toMatchObject({
        message: 'Invoice was not found.',
        extensions: { code: 'NOT_FOUND' },
      });
    }
    for (const id of [randomUUID(), 'not-an-id']) {
      expect((await credit(farmer, id, 650)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await credit(undefined, invoice.id, 650)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await notesOf(invoice)).toBe(0);
    expect(
      await em().count(SentEmail, {
        recipient: chef.user.email,
        subject: { $like: 'Avoir%' },
        text: { $like: `%${invoice.number}%` },
      }),
    ).toBe(0);
  });

  it("a platform admin may credit for the producer, and the audit log records it; a member's credit is not audited", async () => {
    const invoice = await issue();
    const byAdmin = await credit(admin, invoice.id, 650, 'Geste commercial demandé au support');
    expect(byAdmin.errors).toBeUndefined();
    const entries = await em().find(AuditEntry, { action: 'invoice.credited', targetId: invoice.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: admin.user.id,
      targetType: 'Invoice',
      reason: 'Geste commercial demandé au support',
      details: { amountCents: 650 },
    });
    expect((await credit(farmer, invoice.id, 650)).errors).toBeUndefined();
    expect(await em().count(AuditEntry, { action: 'invoice.credited', targetId: invoice.id })).toBe(1);
  });
});
