import { Link, redirect } from 'react-router';
import { useTidySearch } from '../lib/use-tidy-search';
import type { Route } from './+types/producers-directory';
import { CommuneInput } from '../components/CommuneInput';
import { ProducerMap } from '../components/ProducerMap';
import { Picture } from '../components/Picture';
import { graphql } from '../graphql';
import { ApiError } from '../lib/api-error';
import { apiQuery } from '../lib/api.server';
import { DEFAULT_RADIUS_KM, directoryPoints, RADIUS_CHOICES_KM } from '../lib/catalogue';
import { absoluteUrl, communeProblem, mapTilesOf, placeOf, resolveCommune } from '../lib/catalogue.server';
import { CATEGORY_LABELS, km } from '../lib/format';
import { shareableMeta } from '../lib/page-meta';
import { callerOf } from '../lib/session.server';
import { LOGO_FILES } from '../components/picture-fragments';

const DIRECTORY = graphql(
  `
    query ProducersDirectory($filter: ProducerFilter, $first: Int!, $after: String) {
      producers(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            slug
            name
            city
            postalCode
            distanceKm
            latitude
            longitude
            sellsOnSite
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
      }
      brands {
        id
        name
        slug
      }
    }
  `,
  [LOGO_FILES],
);

const PAGE_SIZE = 24;

interface DirectoryQuery {
  q: string;
  commune: string;
  rayon: number;
  marque: string;
  apres: string | null;
  /** `?vue=carte`: the page's producers on a map, above the list. */
  carte: boolean;
}

function parseQuery(params: URLSearchParams): DirectoryQuery {
  const rayon = Number(params.get('rayon'));
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    commune: (params.get('commune') ?? '').trim().slice(0, 100),
    rayon: (RADIUS_CHOICES_KM as readonly number[]).includes(rayon) ? rayon : DEFAULT_RADIUS_KM,
    marque: (params.get('marque') ?? '').trim().slice(0, 80),
    apres: params.get('apres') || null,
    carte: params.get('vue') === 'carte',
  };
}

function directoryHref(query: DirectoryQuery, changes: Partial<DirectoryQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.commune) params.set('commune', merged.commune);
  if (merged.commune && merged.rayon !== DEFAULT_RADIUS_KM) params.set('rayon', String(merged.rayon));
  if (merged.marque) params.set('marque', merged.marque);
  if (merged.apres) params.set('apres', merged.apres);
  if (merged.carte) params.set('vue', 'carte');
  const search = params.toString();
  return search ? `/producteurs?${search}` : '/producteurs';
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = parseQuery(new URL(request.url).searchParams);
  const caller = callerOf(context);
  const commune = query.commune ? await resolveCommune(caller, query.commune) : null;
  const place = placeOf(commune);
  const filter = {
    ...(query.q ? { text: query.q } : {}),
    ...(query.marque ? { brandSlug: query.marque } : {}),
    ...(place ? { near: { latitude: place.latitude, longitude: place.longitude, radiusKm: query.rayon } } : {}),
  };
  let result;
  try {
    result = await apiQuery(caller, DIRECTORY, { filter, first: PAGE_SIZE, after: query.apres });
  } catch (error) {
    // A cursor of another listing: the same search from its first page.
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT' && query.apres)
      throw redirect(directoryHref(query, { apres: null }));
    throw error;
  }
  const producers = result.producers.edges.map((edge) => edge.node);
  return {
    query,
    commune: commune ? { label: commune.label, located: place !== null } : null,
    communeError: communeProblem(query.commune, commune),
    producers,
    mapPoints: query.carte ? directoryPoints(producers) : [],
    tiles: query.carte ? mapTilesOf() : null,
    totalCount: result.producers.totalCount,
    nextHref:
      result.producers.pageInfo.hasNextPage && result.producers.pageInfo.endCursor
        ? directoryHref(query, { apres: result.producers.pageInfo.endCursor })
        : null,
    brands: result.brands,
    canonical: absoluteUrl(request, '/producteurs'),
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  const near = loaderData?.commune?.located ? ` près de ${loaderData.commune.label}` : '';
  return shareableMeta({
    title: `Producteurs${near} — Ancrage`,
    description: `Les fermes et ateliers des marques de territoire${near}\u00a0: ce qu’ils produisent, où ils sont, leurs produits en circuit court.`,
    canonical: loaderData?.canonical ?? '/producteurs',
    ogTitle: `Producteurs${near}`,
    ogType: 'website',
  });
};

const countOf = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export default function ProducersDirectory({ loaderData }: Route.ComponentProps) {
  const { query, commune, communeError, producers, mapPoints, tiles, totalCount, nextHref, brands } = loaderData;
  const located = commune?.located ?? false;
  const formKey = directoryHref({ ...query, apres: null, carte: false });
  const onSubmit = useTidySearch((params) => directoryHref(parseQuery(params)));

  return (
    <div className="directory">
      <h1>Producteurs{located ? ` près de ${commune!.label}` : ''}</h1>
      <div className="layout-sidebar">
        <form
          key={formKey}
          method="get"
          action="/producteurs"
          className="catalogue-filters card"
          role="search"
          aria-label="Chercher un producteur"
          onSubmit={onSubmit}
        >
          <div className="field">
            <label htmlFor="directory-q">Nom, commune ou spécialité</label>
            <input id="directory-q" name="q" type="search" defaultValue={query.q} placeholder="Ex. fromagerie, miel" />
          </div>
          <CommuneInput
            id="directory-commune"
            name="commune"
            label="Près de (commune)"
            defaultValue={commune?.label ?? query.commune}
            error={communeError}
          />
          <div className="field">
            <label htmlFor="directory-rayon">Rayon</label>
            <select id="directory-rayon" name="rayon" defaultValue={String(query.rayon)}>
              {RADIUS_CHOICES_KM.map((radius) => (
                <option key={radius} value={radius}>
                  {radius} km
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="directory-marque">Marque de territoire</label>
            <select id="directory-marque" name="marque" defaultValue={query.marque}>
              <option value="">Toutes les marques</option>
              {brands.map((brand) => (
                <option key={brand.id} value={brand.slug}>
                  {brand.name}
                </option>
              ))}
            </select>
          </div>
          {query.carte ? <input type="hidden" name="vue" value="carte" /> : null}
          <button type="submit">Chercher</button>
        </form>

        <section aria-labelledby="directory-results" className="stack">
          <div className="catalogue-results__header">
            <h2 id="directory-results" className="directory__count">
              {countOf(totalCount, 'producteur', 'producteurs')}
              {located ? ` à moins de ${query.rayon} km de ${commune!.label}, les plus proches d’abord` : ''}
            </h2>
            {query.carte ? (
              <Link to={directoryHref(query, { carte: false })} className="button button--secondary">
                Voir la liste
              </Link>
            ) : (
              <Link to={directoryHref(query, { carte: true })} className="button button--secondary">
                Voir la carte
              </Link>
            )}
          </div>
          {query.carte ? (
            <>
              <ProducerMap
                points={mapPoints}
                tiles={tiles}
                label="Carte des producteurs de cette page"
                listed="les mêmes producteurs"
              />
              <p className="small muted">
                Un producteur qui ne vend pas à la ferme est placé au centre de sa commune, pas à son adresse.
              </p>
            </>
          ) : null}
          {producers.length === 0 ? (
            <p className="empty-state">
              Aucun producteur ne correspond. <Link to="/producteurs">Voir tous les producteurs</Link>
            </p>
          ) : (
            <ul className="grid producer-grid" aria-label="Producteurs">
              {producers.map((producer) => (
                <li key={producer.id}>
                  <article className="card producer-card">
                    {producer.logo ? (
                      <Picture
                        picture={producer.logo}
                        alt={`Logo de ${producer.name}`}
                        sizes="4rem"
                        className="producer-card__logo"
                      />
                    ) : null}
                    <div className="stack producer-card__body">
                      <h3>
                        <Link to={`/producteurs/${producer.slug}`}>{producer.name}</Link>
                      </h3>
                      <p className="small">
                        {producer.city ? `${producer.city} (${producer.postalCode})` : producer.postalCode}
                        {producer.distanceKm !== null ? (
                          <>
                            {' '}
                            · à <strong>{km(producer.distanceKm)}</strong>
                          </>
                        ) : null}
                      </p>
                      <p className="small muted">
                        {countOf(producer.productCount, 'produit', 'produits')}
                        {producer.categories.length
                          ? ` · ${producer.categories.map((category) => CATEGORY_LABELS[category.category] ?? category.category).join(', ')}`
                          : ''}
                      </p>
                      {producer.brands.length ? (
                        <ul className="tag-list" aria-label="Marques de territoire">
                          {producer.brands.map((brand) => (
                            <li key={brand.id} className="tag tag--label">
                              {brand.name}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          )}
          {nextHref ? (
            <p>
              <Link to={nextHref} className="button button--secondary">
                Producteurs suivants
              </Link>
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}
