import { Link, redirect } from 'react-router';
import { useTidySearch } from '../lib/use-tidy-search';
import type { Route } from './+types/products';
import { CommuneInput } from '../components/CommuneInput';
import { ProducerMap } from '../components/ProducerMap';
import { ProductGrid } from '../components/ProductCard';
import { graphql } from '../graphql';
import { ApiError, apiQuery } from '../lib/api.server';
import {
  businessCommune,
  businessPlaceLabel,
  catalogueBusinessPlace,
  type CatalogueQuery,
  catalogueHref,
  effectiveSort,
  hasNarrowingFilters,
  parseCatalogueParams,
  producerPoints,
  RADIUS_CHOICES_KM,
  SORT_LABELS,
  type SortParam,
  toProductsVariables,
  toSearchParams,
  widerRadius,
} from '../lib/catalogue';
import {
  absoluteUrl,
  communeProblem,
  mapTilesOf,
  PRODUCT_CARD,
  placeOf,
  resolveCommune,
} from '../lib/catalogue.server';
import { CATEGORY_LABELS, CERTIFICATION_LABELS, productCount } from '../lib/format';
import { buyerChoice } from '../lib/buying.server';
import { callerOf } from '../lib/session.server';

const CATALOGUE = graphql(
  `
    query Catalogue($filter: ProductFilter, $sort: ProductSort!, $first: Int!, $after: String) {
      products(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount
        edges {
          node {
            ...ProductCard
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      brands {
        id
        name
        slug
      }
    }
  `,
  [PRODUCT_CARD],
);

/**
 * Around which business of the signed-in person the catalogue searches, when no commune is given (lib/catalogue.ts);
 * a visitor costs no request.
 */
async function aroundBusiness(args: Route.LoaderArgs, url: URL, query: CatalogueQuery) {
  if (query.commune || !callerOf(args.context).accessToken) return { kind: 'none' as const };
  const { businesses, buyer } = await buyerChoice({ ...args, url }, null);
  const around = catalogueBusinessPlace(query, businesses, buyer);
  if (around.kind === 'redirect') throw redirect(around.href);
  return around;
}

export async function loader(args: Route.LoaderArgs) {
  const { request, context } = args;
  const url = new URL(request.url);
  const query = parseCatalogueParams(url.searchParams);
  const caller = callerOf(context);
  const commune = query.commune ? await resolveCommune(caller, query.commune) : null;
  const around = await aroundBusiness(args, url, query);
  const business = around.kind === 'business' ? around.business : null;
  const place = placeOf(commune) ?? (around.kind === 'business' ? around.place : null);
  let result;
  try {
    result = await apiQuery(caller, CATALOGUE, toProductsVariables(query, place));
  } catch (error) {
    // A cursor from another sort, or a stale one: start the same search again from its first page.
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT' && query.apres)
      throw redirect(catalogueHref(query, { apres: null }));
    throw error;
  }
  const products = result.products.edges.map((edge) => edge.node);
  return {
    query,
    commune: commune
      ? { label: commune.label, located: place !== null }
      : business
        ? { label: businessPlaceLabel(business), located: true }
        : null,
    business: business ? { label: businessPlaceLabel(business), commune: businessCommune(business) } : null,
    backToBusiness:
      around.kind === 'everywhere' ? { label: businessPlaceLabel(around.business), href: around.href } : null,
    communeError: communeProblem(query.commune, commune),
    sort: effectiveSort(query, place !== null),
    products,
    totalCount: result.products.totalCount,
    nextCursor: result.products.pageInfo.hasNextPage ? result.products.pageInfo.endCursor : null,
    brands: result.brands,
    mapPoints: query.carte ? producerPoints(products) : [],
    tiles: query.carte ? mapTilesOf() : null,
    canonical: absoluteUrl(
      request,
      catalogueHref(query, { apres: null, carte: false, tri: null, commune: '', entreprise: null, partout: false }),
    ),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  const near = loaderData?.commune?.located ? ` près de ${loaderData.commune.label}` : '';
  const title = `Produits${near} — Ancrage`;
  const description = `Les produits des producteurs des marques de territoire${near}, en circuit court\u00a0: prix, distance, labels et certifications.`;
  return [
    { title },
    { name: 'description', content: description },
    ...(loaderData ? [{ tagName: 'link' as const, rel: 'canonical', href: loaderData.canonical }] : []),
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: 'Ancrage' },
    { property: 'og:locale', content: 'fr_FR' },
    ...(loaderData ? [{ property: 'og:url', content: loaderData.canonical }] : []),
  ];
};

const SORTED_BY: Record<SortParam, string> = {
  pertinence: 'Triés par pertinence',
  distance: 'Les plus proches d’abord',
  'prix-croissant': 'Du moins cher au plus cher',
  'prix-decroissant': 'Du plus cher au moins cher',
  nouveautes: 'Les plus récents d’abord',
};

function resultsTitle(count: number, radiusKm: number, communeLabel: string | null): string {
  const products = count === 0 ? 'Aucun produit' : productCount(count);
  return communeLabel ? `${products} à moins de ${radiusKm} km de ${communeLabel}` : products;
}

/** The catalogue without any place, not even the person's business (keeping the other filters). */
const everywhereHref = (query: CatalogueQuery): string =>
  catalogueHref(query, {
    apres: null,
    commune: '',
    entreprise: null,
    partout: true,
    tri: query.tri === 'distance' ? null : query.tri,
  });

/**
 * Where a business member's catalogue searches by default, and how to change it: the commune field (focused, with
 * JavaScript) or no place at all.
 */
function BusinessPlaceNote({ label, query }: { label: string; query: CatalogueQuery }) {
  return (
    <p className="catalogue-place">
      Près de votre entreprise, <strong>{label}</strong> —{' '}
      <a
        href="#catalogue-commune"
        onClick={(event) => {
          const field = document.getElementById('catalogue-commune');
          if (!field) return;
          event.preventDefault();
          field.focus();
        }}
      >
        changer de lieu
      </a>{' '}
      ou <Link to={everywhereHref(query)}>voir les produits de partout</Link>
    </p>
  );
}

function EmptyState({ query, located }: { query: CatalogueQuery; located: boolean }) {
  const wider = located ? widerRadius(query.rayon) : null;
  const base = { ...query, apres: null };
  return (
    <div className="empty-state stack">
      <p>
        <strong>Aucun produit ne correspond à cette recherche.</strong>
      </p>
      <ul className="empty-state__suggestions">
        {wider ? (
          <li>
            <Link to={catalogueHref(base, { rayon: wider })}>Élargir la recherche à {wider} km</Link>
          </li>
        ) : null}
        {hasNarrowingFilters(query) ? (
          <li>
            <Link
              to={catalogueHref({
                commune: query.commune,
                entreprise: query.entreprise,
                partout: query.partout,
                rayon: query.rayon,
                carte: query.carte,
              })}
            >
              Retirer les filtres{query.commune ? ' (garder la commune)' : query.entreprise ? ' (garder le lieu)' : ''}
            </Link>
          </li>
        ) : null}
        {query.commune || query.entreprise ? (
          <li>
            <Link to={everywhereHref(query)}>Chercher dans toutes les communes</Link>
          </li>
        ) : null}
        <li>
          <Link to={query.entreprise || query.partout ? '/produits?partout=1' : '/produits'}>
            Voir tous les produits
          </Link>
        </li>
      </ul>
    </div>
  );
}

export default function Products({ loaderData }: Route.ComponentProps) {
  const { query, commune, business, backToBusiness, communeError, sort, products, totalCount, nextCursor } = loaderData;
  const { brands, mapPoints, tiles } = loaderData;
  const located = commune?.located ?? false;
  // Around a business, the commune field stays empty: what one types there replaces the business.
  const communeValue = business ? '' : (commune?.label ?? query.commune);
  // A new search remounts the form, so that its fields show what the address bar now says.
  const formKey = toSearchParams({ ...query, apres: null, carte: false }).toString();
  const distanceRequestedWithoutPlace = query.tri === 'distance' && !located;
  const onSubmit = useTidySearch((params) => catalogueHref(parseCatalogueParams(params)));

  return (
    <div className="catalogue">
      <h1>Produits{located ? ` près de ${commune!.label}` : ''}</h1>
      {business ? <BusinessPlaceNote label={business.label} query={query} /> : null}
      {backToBusiness ? (
        <p className="catalogue-place">
          Tous les produits, sans lieu —{' '}
          <Link to={backToBusiness.href}>chercher près de votre entreprise, {backToBusiness.label}</Link>
        </p>
      ) : null}
      <div className="layout-sidebar">
        <form
          key={formKey}
          method="get"
          action="/produits"
          className="catalogue-filters card"
          role="search"
          aria-label="Filtrer les produits"
          onSubmit={onSubmit}
        >
          <div className="field">
            <label htmlFor="catalogue-q">Je cherche</label>
            <input id="catalogue-q" name="q" type="search" defaultValue={query.q} placeholder="Ex. comté, miel, œufs" />
          </div>
          <CommuneInput
            id="catalogue-commune"
            name="commune"
            label="Près de (commune)"
            defaultValue={communeValue}
            error={communeError}
            hint={business ? `Vide\u00a0: autour de ${business.label}.` : null}
          />
          {business ? <input type="hidden" name="entreprise" value={query.entreprise ?? ''} /> : null}
          {query.partout && !query.commune ? <input type="hidden" name="partout" value="1" /> : null}
          <div className="field">
            <label htmlFor="catalogue-rayon">Rayon</label>
            <select
              id="catalogue-rayon"
              name="rayon"
              defaultValue={String(query.rayon)}
              aria-describedby="catalogue-rayon-hint"
            >
              {RADIUS_CHOICES_KM.map((radius) => (
                <option key={radius} value={radius}>
                  {radius} km
                </option>
              ))}
            </select>
            <p className="field__hint" id="catalogue-rayon-hint">
              Autour de la commune, à vol d’oiseau.
            </p>
          </div>
          <div className="field">
            <label htmlFor="catalogue-categorie">Catégorie</label>
            <select id="catalogue-categorie" name="categorie" defaultValue={query.categorie ?? ''}>
              <option value="">Toutes les catégories</option>
              {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="catalogue-marque">Marque de territoire</label>
            <select id="catalogue-marque" name="marque" defaultValue={query.marque ?? ''}>
              <option value="">Toutes les marques</option>
              {brands.map((brand) => (
                <option key={brand.id} value={brand.slug}>
                  {brand.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="catalogue-certification">Certification</label>
            <select id="catalogue-certification" name="certification" defaultValue={query.certification ?? ''}>
              <option value="">Toutes</option>
              {Object.entries(CERTIFICATION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="choice" htmlFor="catalogue-label">
              <input id="catalogue-label" name="label" type="checkbox" value="1" defaultChecked={query.label} />
              <span>Seulement les produits labellisés par une marque de territoire</span>
            </label>
          </div>
          <div className="field">
            <label htmlFor="catalogue-tri">Trier par</label>
            <select id="catalogue-tri" name="tri" defaultValue={query.tri ?? ''} aria-describedby="catalogue-tri-hint">
              <option value="">Par défaut</option>
              {(Object.keys(SORT_LABELS) as SortParam[]).map((value) => (
                <option key={value} value={value}>
                  {SORT_LABELS[value]}
                </option>
              ))}
            </select>
            <p className="field__hint" id="catalogue-tri-hint">
              {distanceRequestedWithoutPlace
                ? 'Le tri par distance demande une commune\u00a0: les produits sont triés par pertinence.'
                : 'Par défaut\u00a0: les plus proches d’abord autour d’une commune.'}
            </p>
          </div>
          {query.carte ? <input type="hidden" name="vue" value="carte" /> : null}
          <div className="row">
            <button type="submit">Rechercher</button>
            <Link to={query.carte ? '/produits?vue=carte' : '/produits'} className="small">
              Effacer les filtres
            </Link>
          </div>
        </form>

        <section className="catalogue-results" aria-labelledby="catalogue-results-title">
          <div className="catalogue-results__header">
            <div>
              <h2 id="catalogue-results-title">
                {resultsTitle(totalCount, query.rayon, located ? commune!.label : null)}
              </h2>
              {totalCount > 1 ? (
                <p className="small muted">{SORTED_BY[sort === 'pertinence' && !query.q ? 'nouveautes' : sort]}</p>
              ) : null}
            </div>
            {query.carte ? (
              <Link to={catalogueHref(query, { carte: false })} className="button button--secondary">
                Voir la liste
              </Link>
            ) : (
              <Link to={catalogueHref(query, { carte: true })} className="button button--secondary">
                Voir la carte
              </Link>
            )}
          </div>
          {query.carte ? (
            <ProducerMap points={mapPoints} tiles={tiles} label="Carte des producteurs des produits de cette page" />
          ) : null}
          {products.length > 0 ? (
            <ProductGrid
              products={products}
              commune={business ? business.commune : located ? commune!.label : null}
              label="Produits"
            />
          ) : (
            <EmptyState query={query} located={located} />
          )}
          {nextCursor || query.apres ? (
            <nav className="pagination" aria-label="Pages de résultats">
              {query.apres ? <Link to={catalogueHref(query, { apres: null })}>Première page</Link> : <span />}
              {nextCursor ? (
                <Link to={catalogueHref(query, { apres: nextCursor })} rel="next">
                  Page suivante
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}
