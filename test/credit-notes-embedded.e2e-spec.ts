import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { CreditNote, CreditNoteService, Invoice, InvoiceService, InvoiceStatus } from '@app/payments';
import { type RunningApp, startApp } from './support/app-modes';

/** Credit notes on the embedded SQLite database: the same series and the same immutability, by SQLite triggers. */
describe('credit notes (embedded SQLite)', () => {
  let running: RunningApp;
  const em = () => running.app.get(MikroORM).em.fork() as EntityManager;

  beforeAll(async () => {
    running = await startApp('embedded', 'credit-notes-embedded');
  });

  afterAll(() => running?.close());

  async function creditedInvoice(): Promise<{ invoice: Invoice; note: CreditNote }> {
    const sellerId = randomUUID();
    const invoice = await em().transactional((tx) =>
      running.app.get(InvoiceService).issue(tx, {
        supplierOrderId: randomUUID(),
        orderId: randomUUID(),
        orderNumber: 'CMD-2026-000007',
        seller: {
          organizationId: sellerId,
          userId: null,
          name: 'Ferme des Rousses',
          siret: '41234567800012',
          vatNumber: null,
          address: { line1: '1 route du Lac', postalCode: '39220', city: 'Les Rousses' },
        },
        buyer: {
          organizationId: null,
          userId: randomUUID(),
          name: 'Camille Martin',
          siret: null,
          vatNumber: null,
          address: null,
        },
        deliveryAddress: { line1: '3 rue Neuve', postalCode: '39220', city: 'Les Rousses' },
        deliveryDate: null,
        lines: [
          {
            name: 'Morbier',
            unit: 'KG',
            quantityThousandths: 1000,
            unitPriceCents: 2000,
            vatRateBasisPoints: 550,
            totalCents: 2000,
          },
        ],
        vatByRate: [{ vatRateBasisPoints: 550, baseCents: 2000, vatCents: 110 }],
        subtotalCents: 2000,
        vatCents: 110,
        totalCents: 2110,
        paymentMethod: 'CARD',
      }),
    );
    const note = await em().transactional((tx) =>
      running.app.get(CreditNoteService).creditRefund(tx, {
        supplierOrderId: invoice.supplierOrderId,
        amountCents: invoice.totalCents,
        reason: 'Annulation de la commande',
        sourceKey: `refund:${invoice.supplierOrderId}`,
      }),
    );
    return { invoice, note: note! };
  }

  it('numbers in the producer series and cancels the wholly credited invoice', async () => {
    const { invoice, note } = await creditedInvoice();
    expect(note.number).toMatch(/^FR-AV-\d{4}-0001$/);
    expect((await em().findOneOrFail(Invoice, invoice.id)).status).toBe(InvoiceStatus.CANCELLED);
  });

  it('refuses an UPDATE or a DELETE of an issued credit note (SQLite triggers), and the row stays as issued', async () => {
    const { note } = await creditedInvoice();
    const before = await em().execute('select * from credit_note where id = ?', [note.id]);
    await expect(
      em().execute('update credit_note set total_cents = total_cents + 100 where id = ?', [note.id]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(em().execute("update credit_note set reason = 'autre' where id = ?", [note.id])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(em().execute('delete from credit_note where id = ?', [note.id])).rejects.toThrow(/cannot be deleted/);
    expect(await em().execute('select * from credit_note where id = ?', [note.id])).toEqual(before);
  });
});
