import { quantityWithUnit } from '../../lib/format';
import type { PickItem } from './pick-list';

/** What to take off the shelves for the orders to prepare: each product's total, and in how many orders it goes. */
export function PickListTable({
  items,
  orderCount,
  coveredCount,
  id = 'cueillette-titre',
  title = 'Quantités à préparer',
  note,
}: {
  items: PickItem[];
  orderCount: number;
  coveredCount: number;
  /** The heading's id: unique on the page (a pick list per delivery day). */
  id?: string;
  title?: string;
  /** What the list adds up, when not the orders to prepare. */
  note?: string;
}) {
  return (
    <section className="card producer-picklist" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="small muted">
        {note ??
          (coveredCount < orderCount
            ? `Les produits des ${coveredCount} commandes à préparer les plus récentes, sur ${orderCount}.`
            : orderCount > 1
              ? `Tous les produits des ${orderCount} commandes à préparer, additionnés.`
              : 'Les produits de la commande à préparer.')}
      </p>
      {/* On a phone the table may scroll sideways in its box: reachable from the keyboard, as the other wide tables. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}\u00a0: tableau`}>
        <table>
          <caption className="visually-hidden">{title}&nbsp;: quantité totale par produit</caption>
          <thead>
            <tr>
              <th scope="col">Produit</th>
              <th scope="col" className="num">
                Quantité totale
              </th>
              <th scope="col" className="num">
                Commandes
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.productId} ${item.unit}`}>
                <th scope="row">{item.name}</th>
                <td className="num">{quantityWithUnit(item.quantity, item.unit)}</td>
                <td className="num">{item.orders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
