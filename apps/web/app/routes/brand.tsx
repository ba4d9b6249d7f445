import { data, Link } from 'react-router';
import { shareableMeta } from '../lib/page-meta';
import type { Route } from './+types/brand';
import { ProductGrid } from '../components/ProductCard';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { catalogueHref } from '../lib/catalogue';
import { absoluteUrl, PRODUCT_CARD } from '../lib/catalogue.server';
import { callerOf } from '../lib/session.server';

/**
 * The brand, and its labelled products in a second request run beside it. The products are the catalogue's search
 * by brand at the root (what `Brand.labelledProducts` answers, newest first): nested under `brand`, or with `first`
 * written in the document (graphql-armor multiplies a literal `first` into the cost), the cards cost more than 5000.
 */
const BRAND_PAGE = graphql(`
  query BrandPage($slug: String!) {
    brand(slug: $slug) {
      id
      name
      slug
      charter
      departmentCodes
      members(status: APPROVED) {
        id
        producer {
          id
          slug
          name
          address {
            city
            postalCode
            departmentCode
          }
        }
      }
    }
  }
`);

const BRAND_PRODUCTS = graphql(
  `
    query BrandProducts($slug: String!, $first: Int!) {
      labelledProducts: products(filter: { brandSlug: $slug }, sort: NEWEST, first: $first) {
        totalCount
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
  const [{ brand }, { labelledProducts }] = await Promise.all([
    apiQuery(caller, BRAND_PAGE, { slug: params.slug }),
    apiQuery(caller, BRAND_PRODUCTS, { slug: params.slug, first: 12 }),
  ]);
  if (!brand) throw data(null, { status: 404 });
  return {
    brand: {
      ...brand,
      labelledProducts: {
        totalCount: labelledProducts.totalCount,
        products: labelledProducts.edges.map((edge) => edge.node),
      },
    },
    canonical: absoluteUrl(request, `/marques/${encodeURIComponent(brand.slug)}`),
  };
}

const territoryOf = (codes: readonly string[]): string =>
  codes.length > 1 ? `départements ${codes.join(', ')}` : `département ${codes[0] ?? ''}`;

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: 'Marque introuvable — Ancrage' }];
  const { brand, canonical } = loaderData;
  const title = `${brand.name}, marque de territoire — Ancrage`;
  const description = `${brand.charter} ${brand.members.length} producteurs, ${brand.labelledProducts.totalCount} produits labellisés (${territoryOf(brand.departmentCodes)}).`;
  return [
    ...shareableMeta({ title, description, canonical, ogTitle: brand.name, ogType: 'website' }),
    {
      'script:ld+json': {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': canonical,
        name: brand.name,
        url: canonical,
        description: brand.charter,
        areaServed: brand.departmentCodes.map((code) => ({
          '@type': 'AdministrativeArea',
          name: `Département ${code}`,
          identifier: code,
        })),
        member: brand.members.map((member) => ({ '@type': 'Organization', name: member.producer.name })),
      },
    },
  ];
};

export default function Brand({ loaderData }: Route.ComponentProps) {
  const { brand } = loaderData;
  const { totalCount, products } = brand.labelledProducts;
  return (
    <div className="brand-page stack">
      <nav className="breadcrumb" aria-label="Fil d’Ariane">
        <ol>
          <li>
            <Link to="/">Accueil</Link>
          </li>
          <li aria-current="page">{brand.name}</li>
        </ol>
      </nav>
      <header className="hero brand-hero">
        <p className="small">Marque de territoire · {territoryOf(brand.departmentCodes)}</p>
        <h1>{brand.name}</h1>
        <section aria-labelledby="charter-title" className="brand-charter">
          <h2 id="charter-title">La charte</h2>
          <blockquote>
            <p>{brand.charter}</p>
          </blockquote>
        </section>
        <p className="row">
          <Link to={catalogueHref({ marque: brand.slug })} className="button">
            Voir ses {totalCount} produits
          </Link>
        </p>
      </header>

      <section aria-labelledby="producers-title">
        <h2 id="producers-title">Ses producteurs ({brand.members.length})</h2>
        {brand.members.length === 0 ? (
          <p className="empty-state">Aucun producteur n’a encore rejoint la marque.</p>
        ) : (
          <ul className="producer-list">
            {brand.members.map((member) => (
              <li key={member.id} className="card">
                <Link to={`/producteurs/${member.producer.slug}`}>
                  <strong>{member.producer.name}</strong>
                </Link>
                <span className="small muted">
                  {member.producer.address.city
                    ? `${member.producer.address.city} (${member.producer.address.postalCode})`
                    : member.producer.address.postalCode}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="labelled-title">
        <h2 id="labelled-title">Produits labellisés</h2>
        {products.length === 0 ? (
          <p className="empty-state">Aucun produit ne porte encore le label de la marque.</p>
        ) : (
          <>
            <ProductGrid products={products} label={`Produits labellisés ${brand.name}`} />
            {totalCount > products.length ? (
              <p className="brand-page__more">
                <Link to={catalogueHref({ marque: brand.slug })}>
                  Voir les {totalCount} produits labellisés {brand.name}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
