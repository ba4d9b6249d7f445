import { STATUS_LABELS } from '../lib/format';

/** An order's or a producer's part's status, as a tag the eye can scan. */
export function OrderStatus({ status }: { status: string }) {
  return (
    <span className={`tag order-status order-status--${status.toLowerCase()}`}>{STATUS_LABELS[status] ?? status}</span>
  );
}
