import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { downloadBytes } from './support/downloads';
import { DailyJobScheduler, SentEmail } from '@app/platform';
import { checkEn16931Rules, CreditNoteService, Invoice, type InvoiceDraft, InvoiceService } from '@app/payments';
import { facturXXsdProblems, readFacturXPdf } from '@app/test-support';
import { createApiApp } from '../apps/api/src/create-api-app';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { createTempDir, testConfig, waitFor } from './support/test-services';

const MARK_PAID = `mutation ($id: ID!) {
  markInvoicePaid(id: $id) { id number status paidAt issuedAt dueDate deliveryDate subtotalCents vatCents totalCents pdfUrl issuer { id name } buyer { id name } }
}`;

interface Organization {
  id: string;
  name: string;
  siret: string;
  vatNumber: string;
  address: { line1: string; postalCode: string; city: string };
}

/** The PDF's bytes, whatever supertest thinks of its content type. */
const download = (app: INestApplication, path: string, token?: string) =>
  downloadBytes(app.getHttpServer(), path, token);

describe('invoices over GraphQL and HTTP (embedded SQLite)', () => {
  const dataDir = createTempDir('invoices-http');
  let app: INestApplication;
  let farmer: TestSession;
  let chef: TestSession;
  let consumer: TestSession;
  let stranger: TestSession;
  let producer: Organization;
  let business: Organization;
  let b2b: Invoice;
  let card: Invoice;

  const issue = (draft: InvoiceDraft) =>
    (app.get(MikroORM).em.fork() as EntityManager).transactional((tx) => app.get(InvoiceService).issue(tx, draft));

  async function organization(token: string, kind: 'PRODUCER' | 'BUSINESS', name: string): Promise<Organization> {
    const { id } = await createOrganization(app, token, kind, name);
    const response = await graphql<{ organization: Organization }>(
      app,
      'query ($id: ID!) { organization(id: $id) { id name siret vatNumber address { line1 postalCode city } } }',
      { id },
      token,
    );
    return response.data!.organization;
  }

  function draft(buyer: InvoiceDraft['buyer'], values: Partial<InvoiceDraft> = {}): InvoiceDraft {
    return {
      supplierOrderId: randomUUID(),
      orderId: randomUUID(),
      orderNumber: 'CMD-2026-000007',
      seller: {
        organizationId: producer.id,
        userId: null,
        name: producer.name,
        siret: producer.siret,
        vatNumber: producer.vatNumber,
        address: producer.address,
      },
      buyer,
      deliveryAddress: { line1: '5 chemin du Lac', postalCode: '39130', city: 'Clairvaux-les-Lacs' },
      deliveryDate: new Date('2026-11-27T10:00:00Z'),
      lines: [
        {
          name: 'Comté affiné 24 mois',
          unit: 'KG',
          quantityThousandths: 2500,
          unitPriceCents: 2600,
          vatRateBasisPoints: 550,
          totalCents: 6500,
        },
        {
          name: 'Livraison',
          unit: 'PIECE',
          quantityThousandths: 1000,
          unitPriceCents: 1500,
          vatRateBasisPoints: 2000,
          totalCents: 1500,
        },
      ],
      vatByRate: [
        { vatRateBasisPoints: 550, baseCents: 6500, vatCents: 358 },
        { vatRateBasisPoints: 2000, baseCents: 1500, vatCents: 300 },
      ],
      subtotalCents: 8000,
      vatCents: 658,
      totalCents: 8658,
      paymentMethod: 'INVOICE',
      issuedAt: new Date('2026-11-28T08:00:00Z'),
      ...values,
    };
  }

  beforeAll(async () => {
    app = await createApiApp(testConfig({ DATA_DIR: dataDir.path }));
    await app.init();
    [farmer, chef, consumer, stranger] = [
      await registerUser(app, 'farmer'),
      await registerUser(app, 'chef'),
      await registerUser(app, 'consumer'),
      await registerUser(app, 'stranger'),
    ];
    producer = await organization(farmer.accessToken, 'PRODUCER', 'Ferme du Haut-Jura');
    business = await organization(chef.accessToken, 'BUSINESS', 'Bistrot des Lacs');
    b2b = await issue(
      draft({
        organizationId: business.id,
        userId: chef.user.id,
        name: business.name,
        siret: business.siret,
        vatNumber: business.vatNumber,
        address: business.address,
      }),
    );
    card = await issue(
      draft(
        {
          organizationId: null,
          userId: consumer.user.id,
          name: 'Camille Martin',
          siret: null,
          vatNumber: null,
          address: null,
        },
        { paymentMethod: 'CARD', deliveryDate: null },
      ),
    );
  });

  afterAll(async () => {
    await app?.close();
    dataDir.remove();
  });

  it('numbers the producer’s invoices on SQLite too, once per supplier order', async () => {
    expect([b2b.number, card.number]).toEqual(['FHJ-2026-0001', 'FHJ-2026-0002']);
    const again = await issue({
      ...draft({
        organizationId: null,
        userId: consumer.user.id,
        name: 'Camille Martin',
        siret: null,
        vatNumber: null,
        address: null,
      }),
      supplierOrderId: b2b.supplierOrderId,
    });
    expect(again.number).toBe('FHJ-2026-0001');
    expect((await issue(draft({ ...b2b.document.buyer }))).number).toBe('FHJ-2026-0003');
  });

  describe('markInvoicePaid', () => {
    it('answers NOT_FOUND to anyone but the producer’s members: the buyer, a stranger, an unknown or malformed id', async () => {
      for (const [token, id] of [
        [chef.accessToken, b2b.id],
        [stranger.accessToken, b2b.id],
        [farmer.accessToken, randomUUID()],
        [farmer.accessToken, 'not-an-id'],
      ]) {
        const response = await graphql(app, MARK_PAID, { id }, token);
        expect(response.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
      }
      expect((await graphql(app, MARK_PAID, { id: b2b.id })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('lets the producer mark an issued invoice paid, once', async () => {
      const response = await graphql<{ markInvoicePaid: Record<string, unknown> }>(
        app,
        MARK_PAID,
        { id: b2b.id },
        farmer.accessToken,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.markInvoicePaid).toEqual({
        id: b2b.id,
        number: 'FHJ-2026-0001',
        status: 'PAID',
        paidAt: expect.any(String),
        issuedAt: '2026-11-28T08:00:00.000Z',
        deliveryDate: '2026-11-27',
        dueDate: '2026-12-27',
        subtotalCents: 8000,
        vatCents: 658,
        totalCents: 8658,
        pdfUrl: `/invoices/${b2b.id}/pdf`,
        issuer: { id: producer.id, name: 'Ferme du Haut-Jura' },
        buyer: { id: business.id, name: 'Bistrot des Lacs' },
      });

      const again = await graphql(app, MARK_PAID, { id: b2b.id }, farmer.accessToken);
      expect(again.errors?.map((error) => error.extensions.code)).toEqual(['INVALID_STATE_TRANSITION']);
    });

    it('refuses a card invoice, paid from the start; its buyer is a consumer (null)', async () => {
      const response = await graphql(app, MARK_PAID, { id: card.id }, farmer.accessToken);
      expect(response.errors?.map((error) => error.extensions.code)).toEqual(['INVALID_STATE_TRANSITION']);
      expect(card).toMatchObject({ status: 'PAID', buyerOrganizationId: null, dueDate: '2026-11-28' });
    });
  });

  describe('GET /invoices/:id/pdf', () => {
    it('answers 401 without a valid access token', async () => {
      for (const token of [undefined, 'not-a-jwt', `${farmer.accessToken}x`]) {
        const response = await download(app, `/invoices/${b2b.id}/pdf`, token);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    });

    it('answers 404 to whoever is not a party, and for unknown or malformed ids', async () => {
      for (const [token, id] of [
        [stranger.accessToken, b2b.id],
        [consumer.accessToken, b2b.id],
        [chef.accessToken, card.id],
        [farmer.accessToken, randomUUID()],
        [farmer.accessToken, 'not-an-id'],
      ]) {
        const response = await download(app, `/invoices/${id}/pdf`, token);
        expect(response.status).toBe(404);
        expect(response.body.toString()).not.toContain('FHJ');
      }
    });

    it('serves the PDF as an attachment to the producer, the buyer organization and the consumer who bought', async () => {
      for (const [token, invoice] of [
        [farmer.accessToken, b2b],
        [chef.accessToken, b2b],
        [farmer.accessToken, card],
        [consumer.accessToken, card],
      ] as const) {
        const response = await download(app, `/invoices/${invoice.id}/pdf`, token);
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
        expect(response.headers['cache-control']).toBe('private, no-store');
        expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it('refuses an access token once its session has been signed out', async () => {
      const session = await registerUser(app, 'leaver');
      await graphql(
        app,
        'mutation ($t: String!) { logout(refreshToken: $t) }',
        { t: session.refreshToken },
        session.accessToken,
      );
      expect((await download(app, `/invoices/${b2b.id}/pdf`, session.accessToken)).status).toBe(401);
    });
  });

  describe('GET /invoices/:id/factur-x', () => {
    it('is the URL the invoice names, and answers 401 without a token and 404 to whoever is not a party', async () => {
      const listed = await graphql<{ invoices: { edges: { node: { id: string; facturXUrl: string } }[] } }>(
        app,
        'query ($o: ID!) { invoices(organizationId: $o, direction: RECEIVED) { edges { node { id facturXUrl } } } }',
        { o: business.id },
        chef.accessToken,
      );
      expect(listed.data!.invoices.edges.map((edge) => edge.node)).toContainEqual({
        id: b2b.id,
        facturXUrl: `/invoices/${b2b.id}/factur-x`,
      });
      expect((await download(app, `/invoices/${b2b.id}/factur-x`)).status).toBe(401);
      for (const [token, id] of [
        [stranger.accessToken, b2b.id],
        [chef.accessToken, card.id],
        [consumer.accessToken, b2b.id],
        [farmer.accessToken, randomUUID()],
        [farmer.accessToken, 'not-a-uuid'],
      ] as const) {
        const response = await download(app, `/invoices/${id}/factur-x`, token);
        expect(response.status).toBe(404);
        expect(response.body.toString()).not.toContain('FHJ');
      }
    });

    it('serves the parties a PDF/A-3 whose factur-x.xml is valid against the Factur-X EN 16931 XSD and the EN 16931 rules, with the figures of the invoice', async () => {
      for (const [token, invoice] of [
        [farmer.accessToken, b2b],
        [chef.accessToken, b2b],
        [consumer.accessToken, card],
      ] as const) {
        const response = await download(app, `/invoices/${invoice.id}/factur-x`, token);
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}-factur-x.pdf"`);
        expect(response.headers['cache-control']).toBe('private, no-store');
        const read = await readFacturXPdf(response.body as Buffer);
        expect(read.pdfa).toEqual({ part: '3', conformance: 'B' });
        expect(read.fx.DocumentFileName).toBe('factur-x.xml');
        expect(read.relationship).toBe('Data');
        const xml = read.attachments['factur-x.xml'];
        expect(facturXXsdProblems(xml)).toEqual([]);
        expect(checkEn16931Rules(xml)).toEqual([]);
        expect(xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
        expect(xml).toContain('<ram:GrandTotalAmount>86.58</ram:GrandTotalAmount>');
        expect(xml).toContain(`<ram:ID schemeID="VA">${producer.vatNumber}</ram:ID>`);
      }
    });
  });

  describe('GET /credit-notes/:id/factur-x', () => {
    it("serves the invoice's parties the credit note's Factur-X (381, naming the invoice), valid against the XSD and the rules; 401 and 404 like its PDF", async () => {
      const invoice = await issue(
        draft({
          organizationId: business.id,
          userId: chef.user.id,
          name: business.name,
          siret: business.siret,
          vatNumber: business.vatNumber,
          address: business.address,
        }),
      );
      const [note] = await (app.get(MikroORM).em.fork() as EntityManager).transactional((tx) =>
        app.get(CreditNoteService).creditRefunds(tx, [
          {
            supplierOrderId: invoice.supplierOrderId,
            amountCents: invoice.totalCents,
            reason: 'Commande annulée',
            sourceKey: `refund:${invoice.supplierOrderId}`,
          },
        ]),
      );
      const path = `/credit-notes/${note!.id}/factur-x`;
      const listed = await graphql<{
        invoices: { edges: { node: { id: string; creditNotes: { facturXUrl: string }[] } }[] };
      }>(
        app,
        'query ($o: ID!) { invoices(organizationId: $o, direction: ISSUED) { edges { node { id creditNotes { facturXUrl } } } } }',
        { o: producer.id },
        farmer.accessToken,
      );
      expect(listed.data!.invoices.edges.find((edge) => edge.node.id === invoice.id)?.node.creditNotes).toEqual([
        { facturXUrl: path },
      ]);

      expect((await download(app, path)).status).toBe(401);
      for (const token of [stranger.accessToken, consumer.accessToken])
        expect((await download(app, path, token)).status).toBe(404);
      for (const token of [farmer.accessToken, chef.accessToken]) {
        const response = await download(app, path, token);
        expect(response.status).toBe(200);
        expect(response.headers['content-disposition']).toBe(`attachment; filename="${note!.number}-factur-x.pdf"`);
        const read = await readFacturXPdf(response.body as Buffer);
        expect(read.pdfa).toEqual({ part: '3', conformance: 'B' });
        const xml = read.attachments['factur-x.xml'];
        expect(facturXXsdProblems(xml)).toEqual([]);
        expect(checkEn16931Rules(xml)).toEqual([]);
        expect(xml).toContain(`<ram:ID>${note!.number}</ram:ID><ram:TypeCode>381</ram:TypeCode>`);
        expect(xml).toContain(
          `<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${invoice.number}</ram:IssuerAssignedID>`,
        );
        expect(xml).toContain('<ram:GrandTotalAmount>86.58</ram:GrandTotalAmount>');
      }
    });
  });

  it('keeps issued invoices immutable on SQLite too (DATA-05): only the status and payment date change', async () => {
    const em = app.get(MikroORM).em.fork() as EntityManager;
    await expect(em.execute('update invoice set total_cents = total_cents + 1 where id = ?', [b2b.id])).rejects.toThrow(
      /issued invoice cannot be changed/,
    );
    await expect(em.execute('update invoice set number = ? where id = ?', ['X-2026-1', b2b.id])).rejects.toThrow(
      /issued invoice cannot be changed/,
    );
    await expect(em.execute('delete from invoice where id = ?', [b2b.id])).rejects.toThrow(/cannot be deleted/);
    await em.execute("update invoice set status = 'OVERDUE' where id = ?", [card.id]);
    expect((await em.execute('select status, total_cents from invoice where id = ?', [card.id]))[0]).toEqual({
      status: 'OVERDUE',
      total_cents: card.totalCents,
    });
  });

  it('flags invoices past their due date OVERDUE once a day and reminds the buyer; an overdue invoice can still be paid', async () => {
    const late = await issue(
      draft(
        {
          organizationId: business.id,
          userId: chef.user.id,
          name: business.name,
          siret: business.siret,
          vatNumber: business.vatNumber,
          address: business.address,
        },
        {
          issuedAt: new Date(Date.now() - 60 * 86_400_000),
          deliveryDate: new Date(Date.now() - 45 * 86_400_000),
        },
      ),
    );
    // A refund before payment: the reminder asks for what is left, and the lists say the same.
    const credit = await (app.get(MikroORM).em.fork() as EntityManager).transactional((tx) =>
      app.get(CreditNoteService).creditRefund(tx, {
        supplierOrderId: late.supplierOrderId,
        amountCents: 1_000,
        reason: 'Un fromage abîmé',
        sourceKey: `test-refund-${late.id}`,
      }),
    );
    const scheduler = app.get(DailyJobScheduler);
    expect(await scheduler.enqueueDue()).toContain('payments.flag-overdue-invoices');
    expect(await scheduler.enqueueDue()).toEqual([]);
    const em = () => app.get(MikroORM).em.fork();
    await waitFor(async () => (await em().findOneOrFail(Invoice, late.id)).status === 'OVERDUE', {
      what: 'the overdue flag',
    });
    await waitFor(
      async () =>
        (await em().count(SentEmail, {
          recipient: chef.user.email,
          subject: `Relance\u00a0: facture ${late.number} échue`,
        })) === 1,
      { what: 'the reminder' },
    );
    const reminder = await em().findOneOrFail(SentEmail, {
      recipient: chef.user.email,
      subject: { $like: 'Relance%' },
    });
    const left = 8_658 - 1_000;
    expect(reminder.text).toContain(
      `Son avoir (${credit!.number}) en déduisent 10,00\u00a0€\u00a0: il reste 76,58\u00a0€ TTC à régler.`,
    );
    const listed = await graphql<{ invoices: { edges: { node: { id: string; amountDueCents: number } }[] } }>(
      app,
      `
        query ($org: ID!) {
          invoices(organizationId: $org, direction: RECEIVED, status: OVERDUE, first: 10) {
            edges {
              node {
                id
                amountDueCents
              }
            }
          }
        }
      `,
      { org: business.id },
      chef.accessToken,
    );
    expect(listed.data?.invoices.edges.map((edge) => edge.node)).toEqual([{ id: late.id, amountDueCents: left }]);
    const paid = await graphql<{ markInvoicePaid: { status: string } }>(
      app,
      MARK_PAID,
      { id: late.id },
      farmer.accessToken,
    );
    expect(paid.data?.markInvoicePaid.status).toBe('PAID');
  });
});
