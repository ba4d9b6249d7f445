import { euros } from '../lib/format';

/** Totals excluding VAT, VAT and including VAT, to the cent as the API computed them. */
export function Totals({
  subtotalCents,
  vatCents,
  totalCents,
  feeCents,
  grandLabel = 'Total TTC',
}: {
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  /** The delivery fee, part of the subtotal: shown as "dont livraison". */
  feeCents?: number;
  grandLabel?: string;
}) {
  return (
    <dl className="totals">
      <div>
        <dt>Total HT</dt>
        <dd>{euros(subtotalCents)}</dd>
      </div>
      {feeCents ? (
        <div className="totals__detail">
          <dt>dont livraison HT</dt>
          <dd>{euros(feeCents)}</dd>
        </div>
      ) : null}
      <div>
        <dt>TVA</dt>
        <dd>{euros(vatCents)}</dd>
      </div>
      <div className="totals__grand">
        <dt>{grandLabel}</dt>
        <dd>{euros(totalCents)}</dd>
      </div>
    </dl>
  );
}
