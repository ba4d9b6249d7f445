import { data, Link } from 'react-router';
import type { Route } from './+types/producer-profile';
import { ContactLine } from '../components/ContactLine';
import { Picture } from '../components/Picture';
import { ProductGrid } from '../components/ProductCard';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { absoluteUrl, PRODUCT_CARD } from '../lib/catalogue.server';
import { CATEGORY_LABELS } from '../lib/format';
import { shareableMeta } from '../lib/page-meta';
import { cursorParam, firstPageOnBadCursor } from '../lib/page-cursor';
import { callerOf } from '../lib/session.server';
import { LOGO_FILES } from '../components/picture-fragments';

const PRODUCER_PAGE = graphql(
  `
    query ProducerPage($slug: String!) {
      producer(slug: $slug) {
        id
        slug
        name
        description
        city
        postalCode
        departmentCode
        sellsOnSite
        streetAddress
        latitude
        longitude
        phone
        contactEmail
        productCount
        categories {
          category
          productCount
        }
        brands {
          id
          name
          slug
        }
        logo {
          ...LogoFiles
        }
      }
    }
  `,
  [LOGO_FILES],
);

/**
 * Its products at the root (the catalogue's search by producer), 20 a page from the cursor `after`, `first` as a
 * variable: nested under `producer`, or with a literal `first` (which graphql-armor multiplies into the cost), the
 * cards cost too much.
 */
const PRODUCER_PRODUCTS = graphql(
  `
    query ProducerProducts($producerId: ID!, $first: Int!, $after: String) {
      products(filter: { producerId: $producerId }, sort: NEWEST, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ProductCard
          }
        }
      }
    }
  `,
  [PRODUCT_CARD],
);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const caller = callerOf(context);
  const { producer } = await apiQuery(caller, PRODUCER_PAGE, { slug: params.slug });
  if (!producer) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const after = cursorParam(url.searchParams, 'apres');
  // A stale or foreign cursor: the first page of its products.
  const { products } = await firstPageOnBadCursor(
    apiQuery(caller, PRODUCER_PRODUCTS, { producerId: producer.id, first: 20, after }),
    url,
    ['apres'],
  );
  return {
    producer,
    products: products.edges.map((edge) => edge.node),
    nextCursor: products.pageInfo.hasNextPage ? products.pageInfo.endCursor : null,
    after,
    canonical: absoluteUrl(request, profilePath(producer)),
    logoUrl: producer.logo ? absoluteUrl(request, producer.logo.medium) : null,
  };
}

const profilePath = (producer: { slug: string }, after?: string | null) =>
  `/producteurs/${encodeURIComponent(producer.slug)}${after ? `?apres=${encodeURIComponent(after)}` : ''}`;

const placeOf = (producer: { city: string | null; postalCode: string }) =>
  producer.city ? `${producer.city} (${producer.postalCode})` : producer.postalCode;

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: 'Producteur introuvable — Ancrage' }];
  const { producer, canonical, logoUrl } = loaderData;
  const makes = producer.categories
    .map((category) => (CATEGORY_LABELS[category.category] ?? category.category).toLowerCase())
    .join(', ');
  const description = (
    producer.description ?? `${producer.name}, producteur à ${placeOf(producer)}${makes ? `\u00a0: ${makes}` : ''}.`
  ).slice(0, 155);
  return [
    ...shareableMeta({
      title: `${producer.name}, producteur à ${placeOf(producer)} — Ancrage`,
      description,
      canonical,
      ogTitle: producer.name,
      ogType: 'website',
    }),
    {
      'script:ld+json': {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': canonical,
        name: producer.name,
        url: canonical,
        ...(producer.description ? { description: producer.description } : {}),
        ...(logoUrl ? { logo: logoUrl } : {}),
        ...(producer.phone ? { telephone: producer.phone } : {}),
        ...(producer.contactEmail ? { email: producer.contactEmail } : {}),
        address: {
          '@type': 'PostalAddress',
          ...(producer.streetAddress ? { streetAddress: producer.streetAddress } : {}),
          postalCode: producer.postalCode,
          ...(producer.city ? { addressLocality: producer.city } : {}),
          addressCountry: 'FR',
        },
        memberOf: producer.brands.map((brand) => ({ '@type': 'Organization', name: brand.name })),
      },
    },
  ];
};

export default function ProducerProfile({ loaderData }: Route.ComponentProps) {
  const { producer, products, nextCursor, after } = loaderData;
  return (
    <div className="producer-profile stack">
      <nav className="breadcrumb" aria-label="Fil d’Ariane">
        <ol>
          <li>
            <Link to="/producteurs">Producteurs</Link>
          </li>
          <li aria-current="page">{producer.name}</li>
        </ol>
      </nav>
      <header className="hero producer-hero">
        {producer.logo ? (
          <Picture
            picture={producer.logo}
            alt={`Logo de ${producer.name}`}
            sizes="6rem"
            className="producer-hero__logo"
            eager
          />
        ) : null}
        <div className="stack">
          <p className="small">
            Producteur · {placeOf(producer)}
            {producer.departmentCode ? `, département ${producer.departmentCode}` : ''}
          </p>
          <h1>{producer.name}</h1>
          {producer.description ? <p className="producer-hero__description">{producer.description}</p> : null}
          <ContactLine phone={producer.phone} contactEmail={producer.contactEmail} name={producer.name} />
          {producer.brands.length ? (
            <ul className="tag-list" aria-label="Marques de territoire">
              {producer.brands.map((brand) => (
                <li key={brand.id} className="tag tag--label">
                  <Link to={`/marques/${brand.slug}`}>{brand.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </header>

      <section aria-labelledby="makes-title" className="card stack">
        <h2 id="makes-title">Ce qu’il produit</h2>
        {producer.categories.length === 0 ? (
          <p className="muted">Aucun produit en vente pour le moment.</p>
        ) : (
          <ul className="producer-makes">
            {producer.categories.map((category) => (
              <li key={category.category}>
                {CATEGORY_LABELS[category.category] ?? category.category}{' '}
                <span className="muted">({category.productCount})</span>
              </li>
            ))}
          </ul>
        )}
        <p className="small">
          {producer.sellsOnSite && producer.streetAddress
            ? `Vente sur place\u00a0: ${producer.streetAddress}, ${placeOf(producer)}.`
            : `Pas de vente sur place\u00a0: il livre ou expédie depuis ${placeOf(producer)}.`}
        </p>
      </section>

      <section aria-labelledby="products-title">
        <h2 id="products-title">Ses produits ({producer.productCount})</h2>
        {products.length === 0 ? (
          <p className="empty-state">Aucun produit en vente pour le moment.</p>
        ) : (
          <ProductGrid products={products} label={`Produits de ${producer.name}`} />
        )}
        {nextCursor || after ? (
          <nav className="pagination" aria-label="Pages de ses produits">
            {after ? <Link to={profilePath(producer)}>Premiers produits</Link> : <span />}
            {nextCursor ? (
              <Link to={profilePath(producer, nextCursor)} rel="next">
                Produits suivants
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
