import { data, Link } from 'react-router';
import type { Route } from './+types/products';
import { InPlaceEdit, isInPlaceIntent, type InPlaceResult } from '../../components/producer/InPlaceEdit';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { UNIT_OPTION_LABELS } from '../../components/producer/product-form';
import { producerSearch } from '../../components/producer/producer-search';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { CATEGORY_LABELS, unitLabel } from '../../lib/format';
import { centsOfEuros, eurosText, quantityOf, quantityText } from '../../lib/product-input';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

/** The API's largest page: the table shows a producer's first 100 products. */
const PAGE_SIZE = 100;

const PRODUCER_PRODUCTS = graphql(`
  query ProducerCatalogue($producerId: ID!, $first: Int!) {
    products(filter: { producerId: $producerId }, first: $first, sort: NEWEST) {
      totalCount
      edges {
        node {
          id
          name
          category
          unit
          priceCents
          stock
          available
          labels {
            id
            brand {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const SET_STOCK = graphql(`
  mutation SetProductStock($productId: ID!, $stock: Float!) {
    setStock(productId: $productId, stock: $stock) {
      id
      stock
    }
  }
`);

const SET_PRICE = graphql(`
  mutation SetProductPrice($id: ID!, $priceCents: Int!) {
    updateProduct(id: $id, input: { priceCents: $priceCents }) {
      id
      priceCents
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Mes produits — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  const { producer } = choice;
  if (!producer) return { kind: 'not-a-producer' as const };
  const { products } = await apiQuery(callerOf(context), PRODUCER_PRODUCTS, {
    producerId: producer.id,
    first: PAGE_SIZE,
  });
  const withdrawn = new URL(request.url).searchParams.get('retire');
  return {
    kind: 'producer' as const,
    ...choice,
    producer,
    products: products.edges.map((edge) => edge.node),
    totalCount: products.totalCount,
    withdrawn,
  };
}

const NOT_A_NUMBER: Record<string, string> = {
  stock: 'Saisissez un stock, par exemple 12 ou 12,5.',
  price: 'Saisissez un prix en euros, par exemple 2,20 (deux décimales au plus).',
};

/** One cell's form: the stock (`setStock`) or the price (`updateProduct`) of one product. */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const intent = form.get('intent');
  if (!isInPlaceIntent(intent)) throw data('Action inconnue.', { status: 400 });
  const productId = String(form.get('productId') ?? '');
  const typed = String(form.get('value') ?? '');
  const answer = (error: FormError | null) =>
    data<InPlaceResult>({ productId, intent, error, typed }, { status: error ? 400 : 200 });
  const value = intent === 'stock' ? quantityOf(typed) : centsOfEuros(typed);
  if (value === null) return answer({ message: NOT_A_NUMBER[intent], code: 'BAD_USER_INPUT', field: intent });
  try {
    const caller = callerOf(context);
    if (intent === 'stock') await apiMutation(caller, SET_STOCK, { productId, stock: value });
    else await apiMutation(caller, SET_PRICE, { id: productId, priceCents: value });
    return answer(null);
  } catch (error) {
    return answer(formErrorOf(error));
  }
}

export default function ProducerProducts({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, unknownProducer, products, totalCount, withdrawn } = loaderData;
  const search = producerSearch(producers.length > 1, producer.id);
  return (
    <div className="stack producer-catalogue">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <div className="producer-catalogue__head">
        <h1>Mes produits</h1>
        <Link to={`/producteur/produits/nouveau${search}`} className="button">
          Nouveau produit
        </Link>
      </div>
      <p className="muted">
        Les produits en vente de <strong>{producer.name}</strong>. Modifiez le prix ou le stock directement dans le
        tableau ; le reste se change sur la page du produit.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      {withdrawn ? (
        <div className="alert alert--info" role="status">
          « {withdrawn} » est retiré de la vente : il n’apparaît plus dans le catalogue, et reste sur les commandes
          passées.
        </div>
      ) : null}
      {products.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>Aucun produit en vente.</strong> Ajoutez votre premier produit : il apparaîtra aussitôt dans le
            catalogue.
          </p>
          <Link to={`/producteur/produits/nouveau${search}`} className="button">
            Ajouter un produit
          </Link>
        </div>
      ) : (
        <>
          <div className="table-scroll">
            <table className="lines-table producer-catalogue__table">
              <caption className="visually-hidden">
                Produits en vente de {producer.name}, prix et stock modifiables
              </caption>
              <thead>
                <tr>
                  <th scope="col">Produit</th>
                  <th scope="col">Catégorie</th>
                  <th scope="col">Unité</th>
                  <th scope="col">Prix HT</th>
                  <th scope="col">Stock</th>
                  <th scope="col">Disponibilité</th>
                  <th scope="col">Labels</th>
                </tr>
              </thead>
              <tbody>
                {products.map((product) => (
                  <tr key={product.id}>
                    <th scope="row" className="lines-table__product">
                      <Link to={`/producteur/produits/${product.id}${search}`}>{product.name}</Link>
                    </th>
                    <td data-label="Catégorie">{CATEGORY_LABELS[product.category] ?? product.category}</td>
                    <td data-label="Unité">{UNIT_OPTION_LABELS[product.unit] ?? product.unit}</td>
                    <td data-label="Prix HT">
                      <InPlaceEdit
                        productId={product.id}
                        intent="price"
                        label={`Prix hors TVA de ${product.name}`}
                        current={eurosText(product.priceCents)}
                        suffix={`€ / ${unitLabel(product.unit)}`}
                        pageResult={actionData}
                      />
                    </td>
                    <td data-label="Stock">
                      <InPlaceEdit
                        productId={product.id}
                        intent="stock"
                        label={`Stock de ${product.name}`}
                        current={quantityText(product.stock)}
                        suffix={unitLabel(product.unit, 2)}
                        pageResult={actionData}
                      />
                    </td>
                    <td data-label="Disponibilité">
                      <span className={product.available ? 'tag tag--label' : 'tag tag--status'}>
                        {product.available ? 'En vente' : 'Épuisé'}
                      </span>
                    </td>
                    <td data-label="Labels">
                      {product.labels.length ? (
                        product.labels.map((label) => (
                          <span key={label.id} className="tag tag--label">
                            {label.brand.name}
                          </span>
                        ))
                      ) : (
                        <span className="muted">Aucun</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            {totalCount > products.length
              ? `Les ${products.length} produits les plus récents sur ${totalCount}. `
              : null}
            Les produits retirés de la vente ne sont pas listés ici.
          </p>
        </>
      )}
    </div>
  );
}
