import { data, Link } from 'react-router';
import { shareableMeta } from '../lib/page-meta';
import type { Route } from './+types/brand';
import { Picture } from '../components/Picture';
import { ProductGrid } from '../components/ProductCard';
import { CarbonVerdict } from '../components/rse/CarbonDifference';
import { MethodNote } from '../components/rse/MethodNote';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { catalogueHref } from '../lib/catalogue';
import { countOf, date, departments, kgCo2e, productCount, productTotal } from '../lib/format';
import { footprintTone, LOSS_REMEDIES } from '../lib/footprint';
import { absoluteUrl, PRODUCT_CARD } from '../lib/catalogue.server';
import { callerOf } from '../lib/session.server';
import { LOGO_FILES } from '../components/picture-fragments';

/**
 * The brand, and its labelled products in a second request run beside it. The products are the catalogue's search
 * by brand at the root (what `Brand.labelledProducts` answers, newest first): nested under `brand`, or with `first`
 * written in the document (graphql-armor multiplies a literal `first` into the cost), the cards cost more than 5000.
 */
const BRAND_PAGE = graphql(
  `
    query BrandPage($slug: String!) {
      brand(slug: $slug) {
        id
        name
        slug
        charter
        territoryText
        departmentCodes
        logo {
          ...LogoFiles
        }
        impact {
          from
          to
          orderCount
          emissionsKgCo2e
          savedKgCo2e
          methodVersions
        }
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
  `,
  [LOGO_FILES],
);

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

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: 'Marque introuvable — Ancrage' }];
  const { brand, canonical } = loaderData;
  const title = `${brand.name}, marque de territoire — Ancrage`;
  const description = `${brand.charter} ${brand.members.length} producteurs, ${productCount(brand.labelledProducts.totalCount, 'produit labellisé', 'produits labellisés')} (${departments(brand.departmentCodes)}).`;
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
        {brand.logo ? (
          <Picture picture={brand.logo} alt={`Logo de ${brand.name}`} sizes="6rem" className="profile-logo" eager />
        ) : null}
        <p className="small">Marque de territoire · {departments(brand.departmentCodes)}</p>
        <h1>{brand.name}</h1>
        <section aria-labelledby="charter-title" className="brand-charter">
          <h2 id="charter-title">La charte</h2>
          <blockquote>
            <p>{brand.charter}</p>
          </blockquote>
        </section>
        <p className="row">
          <Link to={catalogueHref({ marque: brand.slug })} className="button">
            Voir ses {productTotal(totalCount)} produits
          </Link>
        </p>
      </header>

      {brand.territoryText ? (
        <section aria-labelledby="territory-title" className="stack brand-territory">
          <h2 id="territory-title">Le territoire</h2>
          {paragraphsOf(brand.territoryText).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      ) : null}

      <BrandImpact name={brand.name} impact={brand.impact} />

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
                  Voir les {productTotal(totalCount)} produits labellisés {brand.name}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

/** A text as its author wrote it: paragraphs apart by blank lines, single line breaks kept in them. */
const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

/** What the label's sales saved (or cost) in CO₂e over the last year, said plainly, with the method a click away. */
function BrandImpact({
  name,
  impact,
}: {
  name: string;
  impact: {
    from: string;
    to: string;
    orderCount: number;
    emissionsKgCo2e: number;
    savedKgCo2e: number;
    methodVersions: string[];
  };
}) {
  const tone = footprintTone(impact.savedKgCo2e);
  return (
    <section aria-labelledby="impact-title" className="stack brand-impact">
      <h2 id="impact-title">Le carbone du transport</h2>
      {impact.orderCount === 0 ? (
        <p>
          Aucune vente de produits labellisés {name} sur Ancrage du {date(impact.from)} au {date(impact.to)}&nbsp;: rien
          à comparer encore.
        </p>
      ) : (
        <>
          <dl className="report-figures">
            <div>
              <dt>{tone === 'loss' ? 'Émis en plus par le transport' : 'CO₂e évité par le transport'}</dt>
              <dd className="report-figures__value">{kgCo2e(Math.abs(impact.savedKgCo2e))}</dd>
              <dd className="small muted">
                du {date(impact.from)} au {date(impact.to)}, {countOf(impact.orderCount, 'commande')}
              </dd>
            </div>
          </dl>
          <p className="small">
            Le transport des produits labellisés vendus sur Ancrage, comparé à la même marchandise passée par une
            plateforme régionale&nbsp;; estimé pour les commandes pas encore livrées.{' '}
            <a href="#methode">Comment ce chiffre est calculé</a>
          </p>
          <CarbonVerdict
            savedKgCo2e={impact.savedKgCo2e}
            subject={`Le transport des ventes labellisées ${name} des douze derniers mois`}
            remedies={LOSS_REMEDIES}
          />
          <div id="methode">
            <MethodNote versions={impact.methodVersions} />
          </div>
        </>
      )}
    </section>
  );
}
