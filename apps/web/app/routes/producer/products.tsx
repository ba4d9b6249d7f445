import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/products';
import { InPlaceEdit, isInPlaceIntent, type InPlaceResult } from '../../components/producer/InPlaceEdit';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { UNIT_OPTION_LABELS } from '../../components/producer/product-form';
import { producerSearch } from '../../components/producer/producer-search';
import { graphql, type VariablesOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { CATEGORY_LABELS, productCount, productTotal, unitLabel } from '../../lib/format';
import { centsOfEuros, eurosText, quantityOf, quantityText } from '../../lib/product-input';
import { cursorParam, firstPageOnBadCursor } from '../../lib/page-cursor';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

/** The table's page: 50 products, newest first, the next ones from the cursor `?apres=`. */
const PAGE_SIZE = 50;

/** The withdrawn products' page: 50, the most recently withdrawn first, the next ones from `?apres-retires=`. */
const WITHDRAWN_PAGE_SIZE = 50;

/** What both lists (on sale, withdrawn) show of a product. */
const PRODUCT_ROW = graphql(`
  fragment ProducerProductRow on Product @_unmask {
    id
    name
    category
    unit
    priceCents
    stock
  }
`);

const PRODUCER_PRODUCTS = graphql(
  `
    query ProducerCatalogue($producerId: ID!, $text: String, $category: ProductCategory, $first: Int!, $after: String) {
      products(
        filter: { producerId: $producerId, text: $text, category: $category }
        first: $first
        after: $after
        sort: NEWEST
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ProducerProductRow
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
  `,
  [PRODUCT_ROW],
);

const WITHDRAWN_PRODUCTS = graphql(
  `
    query ProducerWithdrawnProducts($producerId: ID!, $first: Int!, $after: String) {
      withdrawnProductsPage(producerId: $producerId, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ProducerProductRow
          }
        }
      }
    }
  `,
  [PRODUCT_ROW],
);

const RESTORE_PRODUCT = graphql(`
  mutation RestoreProduct($id: ID!) {
    restoreProduct(id: $id) {
      id
      name
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
  const caller = callerOf(context);
  const url = new URL(request.url);
  const params = url.searchParams;
  const filters = filtersOf(params);
  const after = cursorParam(params, 'apres');
  const withdrawnAfter = cursorParam(params, WITHDRAWN_AFTER);
  // A stale or foreign cursor (`?apres=` or `?apres-retires=`): the first page of the same list.
  const [{ products }, { withdrawnProductsPage: withdrawnPage }] = await Promise.all([
    firstPageOnBadCursor(
      apiQuery(caller, PRODUCER_PRODUCTS, {
        producerId: producer.id,
        text: filters.text || null,
        category: filters.category,
        first: PAGE_SIZE,
        after,
      }),
      url,
      ['apres'],
    ),
    firstPageOnBadCursor(
      apiQuery(caller, WITHDRAWN_PRODUCTS, {
        producerId: producer.id,
        first: WITHDRAWN_PAGE_SIZE,
        after: withdrawnAfter,
      }),
      url,
      [WITHDRAWN_AFTER],
    ),
  ]);
  return {
    kind: 'producer' as const,
    ...choice,
    producer,
    view: params.get('vue') === VIEW_WITHDRAWN ? ('withdrawn' as const) : ('on-sale' as const),
    products: products.edges.map((edge) => edge.node),
    totalCount: products.totalCount,
    nextCursor: products.pageInfo.hasNextPage ? products.pageInfo.endCursor : null,
    after,
    withdrawnProducts: withdrawnPage.edges.map((edge) => edge.node),
    withdrawnCount: withdrawnPage.totalCount,
    withdrawnNext: withdrawnPage.pageInfo.hasNextPage ? withdrawnPage.pageInfo.endCursor : null,
    withdrawnAfter,
    withdrawn: params.get('retire'),
    filters,
  };
}

const NOT_A_NUMBER: Record<string, string> = {
  stock: 'Saisissez un stock, par exemple 12 ou 12,5.',
  price: 'Saisissez un prix en euros, par exemple 2,20 (deux décimales au plus).',
};

type Category = VariablesOf<typeof PRODUCER_PRODUCTS>['category'];
const isCategory = (value: string | null): value is NonNullable<Category> => value != null && value in CATEGORY_LABELS;

/** The table's filters: `?q=` words of the name or description, `?categorie=` one category. */
function filtersOf(params: URLSearchParams): { text: string; category: Category | null } {
  const category = params.get('categorie');
  return { text: (params.get('q') ?? '').trim().slice(0, 100), category: isCategory(category) ? category : null };
}

/** `?vue=retires`: the products withdrawn from sale, each with its button to put it back on sale. */
const VIEW_WITHDRAWN = 'retires';
/** The withdrawn products' cursor (`?apres=` is the products on sale's). */
const WITHDRAWN_AFTER = 'apres-retires';

/** The answer to « Remettre en vente »: the product back on sale, or the API's refusal. */
export interface RestoreResult {
  intent: 'restore';
  productId: string;
  restored: string | null;
  error: FormError | null;
}

/** One cell's form: the stock (`setStock`) or the price (`updateProduct`) of one product; or a product restored. */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'restore') return restore(String(form.get('productId') ?? ''), callerOf(context));
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

async function restore(productId: string, caller: ReturnType<typeof callerOf>) {
  try {
    const { restoreProduct } = await apiMutation(caller, RESTORE_PRODUCT, { id: productId });
    return data<RestoreResult>({ intent: 'restore', productId, restored: restoreProduct.name, error: null });
  } catch (error) {
    const refusal = formErrorOf(error);
    // Put back on sale in another tab, or by another member, since this page was read.
    if (refusal.code === 'CONFLICT' && refusal.message.startsWith('This product is on sale'))
      refusal.message = 'Ce produit est déjà en vente\u00a0: la page n’était plus à jour. Rechargez-la.';
    return data<RestoreResult>({ intent: 'restore', productId, restored: null, error: refusal }, { status: 400 });
  }
}

export default function ProducerProducts({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const {
    producers,
    producer,
    unknownProducer,
    products,
    totalCount,
    nextCursor,
    after,
    withdrawnProducts,
    withdrawnCount,
    withdrawnNext,
    withdrawnAfter,
    withdrawn,
    view,
    filters,
  } = loaderData;
  const filtered = Boolean(filters.text || filters.category);
  const several = producers.length > 1;
  const search = producerSearch(several, producer.id);
  /** This list (same producer, same filters) from a cursor, or from its start. */
  const listSearch = (cursor?: string) =>
    producerSearch(several, producer.id, {
      ...(filters.text ? { q: filters.text } : {}),
      ...(filters.category ? { categorie: filters.category } : {}),
      ...(cursor ? { apres: cursor } : {}),
    });
  const restoreResult = actionData && actionData.intent === 'restore' ? (actionData as RestoreResult) : null;
  const cellResult = actionData && actionData.intent !== 'restore' ? (actionData as InPlaceResult) : null;
  return (
    <div className="stack producer-catalogue">
      <ProducerNav producerId={producer.id} several={several} />
      <div className="producer-catalogue__head">
        <h1>Mes produits</h1>
        <Link to={`/producteur/produits/nouveau${search}`} className="button">
          Nouveau produit
        </Link>
      </div>
      <p className="muted">
        Les produits de <strong>{producer.name}</strong>. Modifiez le prix ou le stock directement dans le
        tableau&nbsp;; le reste se change sur la page du produit.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <nav className="producer-tabs" aria-label="Produits par état">
        <Link to={`/producteur/produits${search}`} aria-current={view === 'on-sale' ? 'page' : undefined}>
          En vente{filtered ? '' : ` (${productTotal(totalCount)})`}
        </Link>
        <Link
          to={`/producteur/produits${producerSearch(several, producer.id, { vue: VIEW_WITHDRAWN })}`}
          aria-current={view === 'withdrawn' ? 'page' : undefined}
        >
          Retirés de la vente ({productTotal(withdrawnCount)})
        </Link>
      </nav>
      <div role="status" className={restoreResult?.restored || withdrawn ? 'alert alert--info' : undefined}>
        {restoreResult?.restored ? (
          <>
            «&nbsp;{restoreResult.restored}&nbsp;» est de nouveau en vente&nbsp;: il réapparaît dans le catalogue avec
            son prix et son stock. <Link to={`/producteur/produits${search}`}>Voir les produits en vente</Link>
          </>
        ) : withdrawn ? (
          <>
            «&nbsp;{withdrawn}&nbsp;» est retiré de la vente&nbsp;: il n’apparaît plus dans le catalogue, et reste sur
            les commandes passées. Vous pouvez le remettre en vente depuis l’onglet «&nbsp;Retirés de la vente&nbsp;».
          </>
        ) : null}
      </div>
      {view === 'withdrawn' ? (
        <WithdrawnProducts
          products={withdrawnProducts}
          producerName={producer.name}
          result={restoreResult}
          totalCount={withdrawnCount}
          pageSearch={(cursor?: string) =>
            producerSearch(several, producer.id, {
              vue: VIEW_WITHDRAWN,
              ...(cursor ? { [WITHDRAWN_AFTER]: cursor } : {}),
            })
          }
          nextCursor={withdrawnNext}
          paged={Boolean(withdrawnAfter)}
        />
      ) : null}
      {view === 'on-sale' && (filtered || totalCount > 0) ? (
        <Form method="get" role="search" aria-label="Filtrer mes produits" className="search-form">
          {several ? <input type="hidden" name="producteur" value={producer.id} /> : null}
          <div className="field">
            <label htmlFor="filtre-texte">Rechercher</label>
            <input id="filtre-texte" name="q" type="search" defaultValue={filters.text} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="filtre-categorie">Catégorie</label>
            <select id="filtre-categorie" name="categorie" defaultValue={filters.category ?? ''}>
              <option value="">Toutes</option>
              {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button--secondary">
              Filtrer
            </button>
            {filtered ? (
              <>
                {' '}
                <Link to={`/producteur/produits${search}`}>Tout afficher</Link>
              </>
            ) : null}
          </div>
        </Form>
      ) : null}
      {view === 'withdrawn' ? null : filtered && products.length === 0 ? (
        <p className="producer-group__empty">Aucun produit en vente ne correspond à ces filtres.</p>
      ) : products.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>Aucun produit en vente.</strong> Ajoutez votre premier produit&nbsp;: il apparaîtra aussitôt dans le
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
                        pageResult={cellResult}
                      />
                    </td>
                    <td data-label="Stock">
                      <InPlaceEdit
                        productId={product.id}
                        intent="stock"
                        label={`Stock de ${product.name}`}
                        current={quantityText(product.stock)}
                        suffix={unitLabel(product.unit, 2)}
                        pageResult={cellResult}
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
          {nextCursor || after ? (
            <>
              <p className="small muted">
                {`${productCount(totalCount)} ${filtered ? 'correspondent à ces filtres' : 'en vente'}, ${PAGE_SIZE} par page, des plus récents aux plus anciens.`}
              </p>
              <nav className="pagination" aria-label="Pages de mes produits">
                {after ? <Link to={`/producteur/produits${listSearch()}`}>Premiers produits</Link> : <span />}
                {nextCursor ? (
                  <Link to={`/producteur/produits${listSearch(nextCursor)}`} rel="next">
                    Produits suivants
                  </Link>
                ) : null}
              </nav>
            </>
          ) : filtered ? (
            <p className="small muted">
              {totalCount > 1 ? `${productTotal(totalCount)} produits correspondent` : '1 produit correspond'} à ces
              filtres.
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

type WithdrawnProduct = Extract<Route.ComponentProps['loaderData'], { kind: 'producer' }>['withdrawnProducts'][number];

/** The products withdrawn from sale, the most recently withdrawn first, each with its « Remettre en vente » button. */
function WithdrawnProducts({
  products,
  producerName,
  result,
  totalCount,
  pageSearch,
  nextCursor,
  paged,
}: {
  products: WithdrawnProduct[];
  producerName: string;
  result: RestoreResult | null;
  /** All the producer's withdrawn products, not this page's. */
  totalCount: number;
  /** `?vue=retires` from this cursor, or from the list's start. */
  pageSearch: (cursor?: string) => string;
  nextCursor: string | null;
  /** This page is not the first. */
  paged: boolean;
}) {
  const busyId = useNavigation().formData?.get('productId');
  if (products.length === 0 && !paged) {
    return (
      <div className="empty-state">
        <p>
          <strong>Aucun produit retiré de la vente.</strong> Un produit retiré depuis sa page disparaît du catalogue
          sans être effacé&nbsp;: il est listé ici, et vous pouvez le remettre en vente.
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="small muted">
        Ils n’apparaissent plus dans le catalogue et restent sur les commandes passées. Remis en vente, un produit
        revient avec son prix, son stock, ses photos et ses labels.
      </p>
      <div className="table-scroll">
        <table className="lines-table producer-catalogue__table">
          <caption className="visually-hidden">Produits retirés de la vente de {producerName}</caption>
          <thead>
            <tr>
              <th scope="col">Produit</th>
              <th scope="col">Catégorie</th>
              <th scope="col">Prix HT</th>
              <th scope="col">Stock</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => {
              const error = result?.productId === product.id ? result.error : null;
              return (
                <tr key={product.id}>
                  <th scope="row" className="lines-table__product">
                    {product.name}
                  </th>
                  <td data-label="Catégorie">{CATEGORY_LABELS[product.category] ?? product.category}</td>
                  <td data-label="Prix HT">
                    {eurosText(product.priceCents)} € / {unitLabel(product.unit)}
                  </td>
                  <td data-label="Stock">
                    {quantityText(product.stock)} {unitLabel(product.unit, 2)}
                  </td>
                  <td>
                    <Form method="post" noValidate>
                      <input type="hidden" name="intent" value="restore" />
                      <input type="hidden" name="productId" value={product.id} />
                      <button type="submit" className="button--secondary" disabled={busyId === product.id}>
                        Remettre en vente<span className="visually-hidden"> {product.name}</span>
                      </button>
                    </Form>
                    {error ? (
                      <p className="field__error" role="alert">
                        {error.message}
                      </p>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {nextCursor || paged ? (
        <>
          <p className="small muted">
            {`${productCount(totalCount)} retiré${totalCount > 1 ? 's' : ''} de la vente, ${WITHDRAWN_PAGE_SIZE} par page, des plus récemment retirés aux plus anciens.`}
          </p>
          <nav className="pagination" aria-label="Pages des produits retirés">
            {paged ? <Link to={`/producteur/produits${pageSearch()}`}>Premiers produits retirés</Link> : <span />}
            {nextCursor ? (
              <Link to={`/producteur/produits${pageSearch(nextCursor)}`} rel="next">
                Produits retirés suivants
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </>
  );
}
