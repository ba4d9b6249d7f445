import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { euros, pricePerUnit, quantityWithUnit, vatRate } from '../lib/format';

export interface LineFigures {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  vatRate?: number;
}

/**
 * The lines of a producer's part (cart, checkout, order): product, unit price, quantity, line total. The cart
 * puts its quantity form in the quantity cell. Below 40 rem each row becomes a small block with its labels.
 */
export function LinesTable({
  caption,
  lines,
  quantityCell,
  delivery,
  compact = false,
}: {
  caption: string;
  lines: LineFigures[];
  quantityCell?: (line: LineFigures) => ReactNode;
  /** The delivery fee's row, when an option is chosen. */
  delivery?: { label: string; feeCents: number } | null;
  /** Two columns (a summary beside a form): the quantity and unit price under the product's name. */
  compact?: boolean;
}) {
  if (compact) return <CompactLines caption={caption} lines={lines} delivery={delivery} />;
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
            Total HT
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.productId}>
            <th scope="row" className="lines-table__product">
              <Link to={`/produits/${line.productId}`}>{line.name}</Link>
              {line.vatRate != null ? (
                <span className="lines-table__vat small muted"> · TVA {vatRate(line.vatRate)}</span>
              ) : null}
            </th>
            <td className="num" data-label="Prix unitaire">
              {pricePerUnit(line.unitPriceCents, line.unit)}
            </td>
            <td data-label="Quantité">
              {quantityCell ? quantityCell(line) : quantityWithUnit(line.quantity, line.unit)}
            </td>
            <td className="num" data-label="Total HT">
              {euros(line.totalCents)}
            </td>
          </tr>
        ))}
        {delivery ? (
          <tr className="lines-table__delivery">
            <th scope="row">Livraison&nbsp;: {delivery.label}</th>
            <td className="num" data-label="Prix unitaire" />
            <td data-label="Quantité" />
            <td className="num" data-label="Total HT">
              {delivery.feeCents ? euros(delivery.feeCents) : 'offerte'}
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
  delivery,
}: {
  caption: string;
  lines: LineFigures[];
  delivery?: { label: string; feeCents: number } | null;
}) {
  return (
    <table className="lines-table lines-table--compact">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Produit</th>
          <th scope="col" className="num">
            Total HT
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.productId}>
            <th scope="row" className="lines-table__product">
              <Link to={`/produits/${line.productId}`}>{line.name}</Link>
              <span className="lines-table__detail small muted">
                {quantityWithUnit(line.quantity, line.unit)} × {pricePerUnit(line.unitPriceCents, line.unit)}
              </span>
            </th>
            <td className="num">{euros(line.totalCents)}</td>
          </tr>
        ))}
        {delivery ? (
          <tr className="lines-table__delivery">
            <th scope="row">Livraison&nbsp;: {delivery.label}</th>
            <td className="num">{delivery.feeCents ? euros(delivery.feeCents) : 'offerte'}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
