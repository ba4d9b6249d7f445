import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { euros, partWithVat, type PriceBasis, quantityWithUnit, shelfPrice, vatRate } from '../lib/format';

export interface LineFigures {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
  /** Excluding VAT, as every amount here. */
  unitPriceCents: number;
  totalCents: number;
  vatRate: number;
}

/** A part's lines and delivery fee as the buyer reads them: HT as priced, or TTC adding up to the part's total. */
interface ShownLine extends LineFigures {
  unitPrice: string;
  shownCents: number;
}

function shownOnBasis(
  lines: LineFigures[],
  feeCents: number,
  basis: PriceBasis,
  partTotalCents: number,
): { shown: ShownLine[]; shownFeeCents: number } {
  const inclVat = basis === 'TTC' ? partWithVat(lines, partTotalCents) : null;
  return {
    shown: lines.map((line, index) => ({
      ...line,
      unitPrice: shelfPrice({ priceCents: line.unitPriceCents, vatRate: line.vatRate, unit: line.unit }, basis),
      shownCents: inclVat ? inclVat.lineCents[index] : line.totalCents,
    })),
    shownFeeCents: inclVat ? inclVat.feeCents : feeCents,
  };
}

/**
 * The lines of a producer's part (cart, checkout, order): product, unit price, quantity, line total, on the buyer's
 * price basis (including VAT for a person, excluding it for a business). The cart puts its quantity form in the
 * quantity cell. Below 40 rem each row becomes a small block with its labels.
 */
export function LinesTable({
  caption,
  lines,
  basis,
  partTotalCents,
  quantityCell,
  delivery,
  compact = false,
}: {
  caption: string;
  lines: LineFigures[];
  basis: PriceBasis;
  /** The part's total including VAT, as the API computed it: the lines and fee including VAT add up to it. */
  partTotalCents: number;
  quantityCell?: (line: LineFigures) => ReactNode;
  /** The delivery fee's row (excluding VAT), when an option is chosen. */
  delivery?: { label: string; feeCents: number } | null;
  /** Two columns (a summary beside a form): the quantity and unit price under the product's name. */
  compact?: boolean;
}) {
  const { shown, shownFeeCents } = shownOnBasis(lines, delivery?.feeCents ?? 0, basis, partTotalCents);
  const totalLabel = `Total ${basis}`;
  const fee = delivery ? (delivery.feeCents ? euros(shownFeeCents) : 'offerte') : null;
  if (compact)
    return <CompactLines caption={caption} lines={shown} totalLabel={totalLabel} delivery={delivery} fee={fee} />;
  return (
    <table className="lines-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Produit</th>
          <th scope="col" className="num">
            Prix unitaire
          </th>
          <th scope="col">Quantité</th>
          <th scope="col" className="num">
            {totalLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((line) => (
          <tr key={line.productId}>
            <th scope="row" className="lines-table__product">
              <Link to={`/produits/${line.productId}`}>{line.name}</Link>
              <span className="lines-table__vat small muted"> · TVA&nbsp;{vatRate(line.vatRate)}</span>
            </th>
            <td className="num" data-label="Prix unitaire">
              {line.unitPrice}
            </td>
            <td data-label="Quantité">
              {quantityCell ? quantityCell(line) : quantityWithUnit(line.quantity, line.unit)}
            </td>
            <td className="num" data-label={totalLabel}>
              {euros(line.shownCents)}
            </td>
          </tr>
        ))}
        {delivery ? (
          <tr className="lines-table__delivery">
            <th scope="row">Livraison&nbsp;: {delivery.label}</th>
            <td className="num" data-label="Prix unitaire" />
            <td data-label="Quantité" />
            <td className="num" data-label={`Livraison ${basis}`}>
              {fee}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function CompactLines({
  caption,
  lines,
  totalLabel,
  delivery,
  fee,
}: {
  caption: string;
  lines: ShownLine[];
  totalLabel: string;
  delivery?: { label: string } | null;
  fee: string | null;
}) {
  return (
    <table className="lines-table lines-table--compact">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Produit</th>
          <th scope="col" className="num">
            {totalLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.productId}>
            <th scope="row" className="lines-table__product">
              <Link to={`/produits/${line.productId}`}>{line.name}</Link>
              <span className="lines-table__detail small muted">
                {quantityWithUnit(line.quantity, line.unit)} ×{' '}
                <span className="lines-table__price">{line.unitPrice}</span>
              </span>
            </th>
            <td className="num">{euros(line.shownCents)}</td>
          </tr>
        ))}
        {delivery ? (
          <tr className="lines-table__delivery">
            <th scope="row">Livraison&nbsp;: {delivery.label}</th>
            <td className="num">{fee}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
