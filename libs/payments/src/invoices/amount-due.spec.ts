import { InvoiceStatus } from '../entities/invoice.entity';
import { amountDueCents } from './amount-due';

describe('amountDueCents', () => {
  it('is the total of an unpaid invoice less its credit notes, before and after its due date', () => {
    expect(amountDueCents({ status: InvoiceStatus.ISSUED, totalCents: 12_345 }, 0)).toBe(12_345);
    expect(amountDueCents({ status: InvoiceStatus.ISSUED, totalCents: 12_345 }, 1_000)).toBe(11_345);
    expect(amountDueCents({ status: InvoiceStatus.OVERDUE, totalCents: 8_658 }, 1_000)).toBe(7_658);
  });

  it('is nothing once the invoice is paid or wholly credited', () => {
    expect(amountDueCents({ status: InvoiceStatus.PAID, totalCents: 12_345 }, 1_000)).toBe(0);
    expect(amountDueCents({ status: InvoiceStatus.CANCELLED, totalCents: 12_345 }, 12_345)).toBe(0);
  });
});
