import { describe, expect, it } from '@jest/globals';
import { type DeliveryDayPart, deliveryDays, deliveryDayTitle, isDeliveryDate } from './delivery-days';

const part = (
  id: string,
  orderNumber: string,
  status: DeliveryDayPart['status'],
  deliveryDate: string | null,
  lines: [string, number][],
): DeliveryDayPart => ({
  id,
  orderNumber,
  status,
  deliveryDate,
  buyerOrganization: { name: `Acheteur ${id}` },
  deliveryAddress: { line1: '1 rue du Port', postalCode: '29200', city: 'Brest' },
  deliveryOption: { label: 'Tournée', mode: 'PRODUCER_DELIVERY', address: null, openingHours: null },
  lines: lines.map(([name, quantity]) => ({ productId: name, name, quantity, unit: 'KG' })),
});

describe('the days to prepare', () => {
  it('groups the parts in progress by delivery date, soonest first, with each day’s quantities added up', () => {
    const days = deliveryDays([
      part('a', 'B-2', 'CONFIRMED', '2026-12-11', [['Échalotes', 5]]),
      part('b', 'A-1', 'PLACED', '2026-12-08', [
        ['Échalotes', 2.5],
        ['Choux', 3],
      ]),
      part('c', 'A-3', 'READY', '2026-12-08', [['Échalotes', 0.1]]),
      part('d', 'C-4', 'DELIVERED', '2026-12-08', [['Échalotes', 100]]),
      part('e', 'C-5', 'CANCELLED', '2026-12-08', [['Échalotes', 100]]),
      part('f', 'C-6', 'PLACED', null, [['Échalotes', 100]]),
    ]);
    expect(days.map((day) => [day.date, day.parts.map((p) => p.orderNumber)])).toEqual([
      ['2026-12-08', ['A-1', 'A-3']],
      ['2026-12-11', ['B-2']],
    ]);
    expect(days[0].pick).toEqual([
      { productId: 'Choux', name: 'Choux', unit: 'KG', quantity: 3, orders: 1 },
      { productId: 'Échalotes', name: 'Échalotes', unit: 'KG', quantity: 2.6, orders: 2 },
    ]);
  });

  it('keeps delivered parts on a day’s sheet when asked (the round may be under way)', () => {
    const [day] = deliveryDays([part('d', 'C-4', 'DELIVERED', '2026-12-08', [['Échalotes', 1]])], {
      inProgressOnly: false,
    });
    expect(day.parts).toHaveLength(1);
  });

  it('titles a day in French and knows a real date from a malformed one', () => {
    expect(deliveryDayTitle('2028-02-29')).toBe('mardi 29 février 2028');
    expect(isDeliveryDate('2028-02-29')).toBe(true);
    expect(isDeliveryDate('2027-02-29')).toBe(false);
    expect(isDeliveryDate('demain')).toBe(false);
  });
});
