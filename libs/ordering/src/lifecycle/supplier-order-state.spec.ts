import {
  OrderStatus,
  type SupplierOrderActor,
  SupplierOrderStatus,
  canTransition,
  orderStatusOf,
  restoresStock,
} from './supplier-order-state';

const { PLACED, CONFIRMED, READY, SHIPPED, DELIVERED, CANCELLED } = SupplierOrderStatus;

/** The states in the order of the columns and rows below. */
const STATES = [PLACED, CONFIRMED, READY, SHIPPED, DELIVERED, CANCELLED] as const;
const ACTORS: readonly SupplierOrderActor[] = ['PRODUCER', 'BUYER'];

/**
 * The expected transition table, written out from PRODUCT.md §2 "Orders" (not derived from the implementation).
 * One grid per actor: row = from, column = to (in the header's order); Y = allowed, . = refused.
 */
const EXPECTED: Record<SupplierOrderActor, string> = {
  // The producer moves one step forward, and may cancel before SHIPPED.
  PRODUCER: `
                 PLACED  CONFIRMED  READY  SHIPPED  DELIVERED  CANCELLED
    PLACED         .         Y        .       .         .          Y
    CONFIRMED      .         .        Y       .         .          Y
    READY          .         .        .       Y         .          Y
    SHIPPED        .         .        .       .         Y          .
    DELIVERED      .         .        .       .         .          .
    CANCELLED      .         .        .       .         .          .
  `,
  // The buyer may only cancel, and only before the producer confirmed.
  BUYER: `
                 PLACED  CONFIRMED  READY  SHIPPED  DELIVERED  CANCELLED
    PLACED         .         .        .       .         .          Y
    CONFIRMED      .         .        .       .         .          .
    READY          .         .        .       .         .          .
    SHIPPED        .         .        .       .         .          .
    DELIVERED      .         .        .       .         .          .
    CANCELLED      .         .        .       .         .          .
  `,
};

interface TransitionCase {
  actor: SupplierOrderActor;
  from: SupplierOrderStatus;
  to: SupplierOrderStatus;
  allowed: boolean;
  verdict: 'allowed' | 'refused';
}

/** Reads a grid, checking it is well formed: the header and the row labels must be exactly STATES, in order. */
function parseGrid(actor: SupplierOrderActor): TransitionCase[] {
  const [header, ...rows] = EXPECTED[actor]
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  if (header.join(' ') !== STATES.join(' ') || rows.length !== STATES.length)
    throw new Error(`Malformed ${actor} grid`);
  return rows.flatMap(([from, ...cells], index) => {
    if (
      from !== STATES[index] ||
      cells.length !== STATES.length ||
      cells.some((cell) => cell !== 'Y' && cell !== '.')
    ) {
      throw new Error(`Malformed ${actor} row ${from}`);
    }
    return cells.map((cell, column) => ({
      actor,
      from: STATES[index],
      to: STATES[column],
      allowed: cell === 'Y',
      verdict: cell === 'Y' ? 'allowed' : 'refused',
    }));
  });
}

const CASES: TransitionCase[] = ACTORS.flatMap(parseGrid);

describe('canTransition: every (from × to × actor)', () => {
  it('the table covers every state and both actors: 6 × 6 × 2 = 72 cells', () => {
    expect([...STATES].sort()).toEqual(Object.values(SupplierOrderStatus).sort());
    expect(CASES).toHaveLength(72);
    expect(CASES.filter((cell) => cell.allowed)).toHaveLength(8); // 4 steps + 3 producer cancels + 1 buyer cancel
  });

  it.each(CASES)('$actor $from → $to: $verdict', ({ actor, from, to, allowed }) => {
    expect(canTransition(from, to, actor)).toBe(allowed);
  });
});

describe('restoresStock: only on cancellation', () => {
  it.each([
    [PLACED, false],
    [CONFIRMED, false],
    [READY, false],
    [SHIPPED, false],
    [DELIVERED, false],
    [CANCELLED, true],
  ])('moving to %s restores stock: %s', (to, expected) => {
    expect(restoresStock(to)).toBe(expected);
  });
});

describe('orderStatusOf: an order’s status from its supplier orders', () => {
  it.each([
    ['a single placed part → PLACED', [PLACED], OrderStatus.PLACED],
    ['all placed → PLACED', [PLACED, PLACED, PLACED], OrderStatus.PLACED],
    ['placed + cancelled → PLACED', [PLACED, CANCELLED], OrderStatus.PLACED],
    ['one confirmed part → IN_PROGRESS', [CONFIRMED], OrderStatus.IN_PROGRESS],
    ['placed + confirmed → IN_PROGRESS', [PLACED, CONFIRMED], OrderStatus.IN_PROGRESS],
    ['placed + ready + shipped → IN_PROGRESS', [PLACED, READY, SHIPPED], OrderStatus.IN_PROGRESS],
    ['shipped + delivered → IN_PROGRESS', [SHIPPED, DELIVERED], OrderStatus.IN_PROGRESS],
    ['placed + delivered → IN_PROGRESS', [PLACED, DELIVERED], OrderStatus.IN_PROGRESS],
    ['placed + delivered + cancelled → IN_PROGRESS', [PLACED, DELIVERED, CANCELLED], OrderStatus.IN_PROGRESS],
    ['all delivered → DELIVERED', [DELIVERED, DELIVERED], OrderStatus.DELIVERED],
    ['delivered + cancelled → DELIVERED', [DELIVERED, CANCELLED], OrderStatus.DELIVERED],
    ['cancelled + delivered (any order) → DELIVERED', [CANCELLED, CANCELLED, DELIVERED], OrderStatus.DELIVERED],
    ['one cancelled part → CANCELLED', [CANCELLED], OrderStatus.CANCELLED],
    ['all cancelled → CANCELLED', [CANCELLED, CANCELLED, CANCELLED], OrderStatus.CANCELLED],
  ])('%s', (_name, parts, expected) => {
    expect(orderStatusOf(parts)).toBe(expected);
  });
});
