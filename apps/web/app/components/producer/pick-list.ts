/** A line of an order to prepare, as the pick list needs it. */
export interface PickLine {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
}

/** One product to take off the shelves: its total quantity across the orders, and in how many orders it is. */
export interface PickItem {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
  orders: number;
}

/** Quantities are kept to the thousandth (the API's precision): sums of floats are rounded back to it. */
const toThousandths = (value: number): number => Math.round(value * 1000) / 1000;

/** The pick list of the orders to prepare: one row per product, products in alphabetical order. */
export function pickList(orders: { lines: PickLine[] }[]): PickItem[] {
  const items = new Map<string, PickItem>();
  for (const order of orders) {
    for (const line of order.lines) {
      const key = `${line.productId} ${line.unit}`;
      const item = items.get(key) ?? {
        productId: line.productId,
        name: line.name,
        unit: line.unit,
        quantity: 0,
        orders: 0,
      };
      item.quantity = toThousandths(item.quantity + line.quantity);
      item.orders += 1;
      items.set(key, item);
    }
  }
  return [...items.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
