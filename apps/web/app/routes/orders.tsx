import { Link } from 'react-router';
import type { Route } from './+types/orders';
import { OrderStatus } from '../components/OrderStatus';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { dateTime, euros } from '../lib/format';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const PAGE_SIZE = 20;

const MY_ORDERS = graphql(`
  query MyOrders($first: Int!, $after: String) {
    myOrders(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          number
          createdAt
          status
          totalCents
          buyerOrganization {
            name
          }
          supplierOrders {
            id
            producer {
              name
            }
          }
        }
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Mes commandes — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ url, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const after = url.searchParams.get('apres');
  const { myOrders } = await apiQuery(callerOf(context), MY_ORDERS, { first: PAGE_SIZE, after });
  return {
    orders: myOrders.edges.map((edge) => edge.node),
    pageInfo: myOrders.pageInfo,
    totalCount: myOrders.totalCount,
    paged: Boolean(after),
  };
}

const producerNames = (order: { supplierOrders: { producer: { name: string } }[] }): string =>
  [...new Set(order.supplierOrders.map((part) => part.producer.name))].join(', ');

export default function Orders({ loaderData }: Route.ComponentProps) {
  const { orders, pageInfo, totalCount, paged } = loaderData;
  return (
    <div className="stack">
      <h1>Mes commandes</h1>
      {totalCount === 0 ? (
        <div className="empty-state">
          <p>Vous n’avez pas encore passé de commande.</p>
          <p>
            <Link to="/produits" className="button">
              Découvrir les produits
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted">
            {totalCount} commande{totalCount > 1 ? 's' : ''}, des plus récentes aux plus anciennes.
          </p>
          <ul className="order-list" aria-label="Commandes">
            {orders.map((order) => (
              <li key={order.id} className="card order-list__item">
                <div className="order-list__head">
                  <h2 className="order-list__number">
                    <Link to={`/commandes/${order.id}`}>Commande {order.number}</Link>
                  </h2>
                  <OrderStatus status={order.status} />
                </div>
                <dl className="order-list__facts small">
                  <div>
                    <dt>Passée le</dt>
                    <dd>{dateTime(order.createdAt)}</dd>
                  </div>
                  <div>
                    <dt>Total TTC</dt>
                    <dd className="order-list__total">{euros(order.totalCents)}</dd>
                  </div>
                  <div>
                    <dt>Pour</dt>
                    <dd>{order.buyerOrganization?.name ?? 'Moi (particulier)'}</dd>
                  </div>
                  <div>
                    <dt>Producteurs</dt>
                    <dd>{producerNames(order)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          {paged || pageInfo.hasNextPage ? (
            <nav className="pagination" aria-label="Pages de commandes">
              {paged ? <Link to="/commandes">Les plus récentes</Link> : <span />}
              {pageInfo.hasNextPage && pageInfo.endCursor ? (
                <Link to={`/commandes?apres=${encodeURIComponent(pageInfo.endCursor)}`}>Commandes plus anciennes</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
