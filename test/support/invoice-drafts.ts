import { randomUUID } from 'node:crypto';
import type { InvoiceDraft } from '@app/payments';

/** A producer as the issuing specs need it: the organization an invoice series belongs to. */
export interface Producer {
  id: string;
  name: string;
}

export const producer = (name: string): Producer => ({ id: randomUUID(), name });

/**
 * A delivered business order ready to invoice in `seller`'s name: 1.5 kg of cheese at 28.00 € (5.5 % VAT) to a
 * restaurant, paid on invoice, unless `values` say otherwise.
 */
export function invoiceDraftFor(seller: Producer, values: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return {
    supplierOrderId: randomUUID(),
    orderId: randomUUID(),
    orderNumber: 'CMD-2026-000001',
    seller: {
      organizationId: seller.id,
      userId: null,
      name: seller.name,
      siret: '41234567800012',
      vatNumber: 'FR83412345678',
      address: { line1: '12 rue du Collège', postalCode: '39300', city: 'Champagnole' },
    },
    buyer: {
      organizationId: randomUUID(),
      userId: randomUUID(),
      name: 'Bistrot des Lacs',
      siret: '52345678900027',
      vatNumber: null,
      address: null,
    },
    deliveryAddress: { line1: '5 chemin du Lac', postalCode: '39130', city: 'Clairvaux-les-Lacs' },
    deliveryDate: new Date('2026-11-20T09:00:00Z'),
    lines: [
      {
        name: 'Comté affiné 24 mois',
        unit: 'KG',
        quantityThousandths: 1500,
        unitPriceCents: 2800,
        vatRateBasisPoints: 550,
        totalCents: 4200,
      },
    ],
    vatByRate: [{ vatRateBasisPoints: 550, baseCents: 4200, vatCents: 231 }],
    subtotalCents: 4200,
    vatCents: 231,
    totalCents: 4431,
    paymentMethod: 'INVOICE',
    ...values,
  };
}
