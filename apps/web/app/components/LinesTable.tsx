import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { euros, type PriceBasis, quantityWithUnit, shelfPrice, vatRate } from '../lib/format';
import { unitInclVatTimesQuantity } from '../lib/vat-inclusive';

export interface LineFigures {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
  /** Excluding VAT, as every amount here. */
  unitPriceCents: number;
  totalCents: number;
  /** Including VAT, as the API shares its rate's VAT out in its part (not always the unit price TTC × quantity). */
  totalInclVatCents: number;
  vatRate: number;
}

/** A part's lines and delivery fee as the buyer reads them: HT as priced, or TTC adding up to the part's total. */
interface ShownLine extends LineFigures {
  unitPrice: string;
  shownCents: number;
}

function shownOnBasis(lines: LineFigures[], basis: PriceBasis): ShownLine[] {
  return lines.map((line) => ({
    ...line,
    unitPrice: shelfPrice({ priceCents: line.unitPriceCents, vatRate: line.vatRate, unit: line.unit }, basis),
    shownCents: basis === 'TTC' ? line.totalInclVatCents : line.totalCents,
  }));
}

/** Some line shown including VAT is not its unit price including VAT times its quantity: the rounding note is due. */
export const roundingNoteApplies = (lines: LineFigures[], basis: PriceBasis): boolean =>
  basis === 'TTC' && lines.some((line) => line.totalInclVatCents !== unitInclVatTimesQuantity(line));

/** Why a line including VAT is not always its unit price including VAT times its quantity (said where it is not). */
export function RoundingNote() {
  return (
    <p className="small muted lines-table__note">
      Totaux TTC comme sur la facture&nbsp;: la TVA est arrondie par taux, non par unité, d’où parfois quelques centimes
      d’écart avec le prix unitaire TTC × la quantité.
    </p>
  );
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
  quantityCell,
  delivery,
  compact = false,
  roundingNote = true,
}: {
  caption: string;
  lines: LineFigures[];
  basis: PriceBasis;
  quantityCell?: (line: LineFigures) => ReactNode;
  /** The delivery fee's row, when an option is chosen: excluding VAT, and what it adds including VAT (the API's). */
  delivery?: { label: string; feeCents: number; feeInclVatCents: number } | null;
  /** Two columns (a summary beside a form): the quantity and unit price under the product's name. */
  compact?: boolean;
  /** Under the table when due (`roundingNoteApplies`); false where the page says it once for several tables. */
  roundingNote?: boolean;
}) {
  const shown = shownOnBasis(lines, basis);
  const note = roundingNote && roundingNoteApplies(lines, basis) ? <RoundingNote /> : null;
  const totalLabel = `Total ${basis}`;
  const fee = delivery
    ? delivery.feeCents
      ? euros(basis === 'TTC' ? delivery.feeInclVatCents : delivery.feeCents)
      : 'offerte'
    : null;
  if (compact)
    return (
      <>
        <CompactLines caption={caption} lines={shown} totalLabel={totalLabel} delivery={delivery} fee={fee} />
        {note}
      </>
    );
  return (
    <>
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
      {note}
    </>
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
