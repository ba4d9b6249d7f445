import { sumTotals } from '../money';
import { SupplierOrderStatus, countedParts } from './supplier-order-state';

const part = (status: SupplierOrderStatus, subtotalCents: number, vatCents: number) => ({
  status,
  subtotalCents,
  vatCents,
  totalCents: subtotalCents + vatCents,
});

describe("an order's totals follow its parts not cancelled", () => {
  const parts = [
    part(SupplierOrderStatus.PLACED, 1234, 68),
    part(SupplierOrderStatus.CANCELLED, 999, 200),
    part(SupplierOrderStatus.CONFIRMED, 501, 28),
  ];

  it('leaves the cancelled parts out, to the cent', () => {
    expect(sumTotals(countedParts(parts))).toEqual({ subtotalCents: 1735, vatCents: 96, totalCents: 1831 });
  });

  it('keeps every part when all are cancelled: the record of what was ordered', () => {
    const cancelled = parts.map((one) => ({ ...one, status: SupplierOrderStatus.CANCELLED }));
    expect(sumTotals(countedParts(cancelled))).toEqual({ subtotalCents: 2734, vatCents: 296, totalCents: 3030 });
  });
});
