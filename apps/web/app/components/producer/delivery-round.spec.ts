import { describe, expect, it } from '@jest/globals';
import { type RoundPart, readingOf, roundCandidates, roundMessage } from './delivery-round';

const part = (
  id: string,
  deliveredAt: string | null,
  vehicleId = 'vul_diesel',
  mode: RoundPart['deliveryOption']['mode'] = 'PRODUCER_DELIVERY',
): RoundPart => ({
  id,
  orderNumber: `N-${id}`,
  deliveredAt,
  roundId: null,
  buyerOrganization: { name: `Acheteur ${id}` },
  deliveryAddress: { city: 'Brest' },
  deliveryOption: { label: 'Tournée', mode },
  carbon: {
    vehicleId,
    distanceKm: 10,
    emissionsKgCo2e: 1,
    allocationShare: null,
    dataSource: null,
    dataQuality: null,
    roundVkm: null,
    roundEmissionsKgCo2e: null,
    roundOrders: null,
  },
});

describe('the delivery rounds a producer may report', () => {
  it('groups its own deliveries by Paris day and vehicle, the latest day first, two orders at least', () => {
    const rounds = roundCandidates([
      // 23:30 UTC on 7 December is already 8 December in Paris.
      part('a', '2026-12-07T23:30:00Z'),
      part('b', '2026-12-08T09:00:00Z'),
      part('c', '2026-12-04T10:00:00Z'),
      part('d', '2026-12-04T16:00:00Z'),
      part('e', '2026-12-04T16:00:00Z', 'vul_electrique'),
      part('f', '2026-12-08T10:00:00Z', 'vul_diesel', 'PICKUP'),
      part('g', null),
    ]);
    expect(rounds.map((round) => [round.day, round.parts.map((p) => p.id)])).toEqual([
      ['2026-12-08', ['a', 'b']],
      ['2026-12-04', ['c', 'd']],
    ]);
  });

  it('reads a figure with a decimal comma, and nothing else', () => {
    expect(readingOf(' 48,5 ')).toBe(48.5);
    expect(readingOf('-3')).toBe(-3);
    expect(readingOf('12 km')).toBeNull();
    expect(readingOf('')).toBeNull();
  });

  it('says the API’s refusals of a round in French, and leaves others alone', () => {
    expect(roundMessage('The orders of a round were delivered the same day.')).toBe(
      'Les commandes d’une tournée sont livrées le même jour.',
    );
    expect(roundMessage("The round's distance, from departure to return, is more than 0 and at most 2000 km.")).toBe(
      'La distance de la tournée, du départ au retour, doit être plus grande que 0 et d’au plus 2000 km.',
    );
    expect(roundMessage('Something else.')).toBeNull();
  });
});
