import { quantityWithUnit } from '../../lib/format';
import type { PickItem } from './pick-list';

/** What to take off the shelves for the orders to prepare: each product's total, and in how many orders it goes. */
export function PickListTable({ items, orderCount, coveredCount }: { items: PickItem[]; orderCount: number; coveredCount: number }) {
  return (
    <section className="card producer-picklist" aria-labelledby="cueillette-titre">
      <h3 id="cueillette-titre">Quantités à préparer</h3>
      <p className="small muted">
        {coveredCount < orderCount
          ? `Les produits des ${coveredCount} commandes à préparer les plus récentes, sur ${orderCount}.`
          : `Tous les produits des ${orderCount} commande${orderCount > 1 ? 's' : ''} à préparer, additionnés.`}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Quantité totale par produit des commandes à préparer</caption>
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
