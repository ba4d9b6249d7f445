import type { Route } from './+types/sitemap';
import { graphql, type ResultOf } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { absoluteUrl } from '../lib/catalogue.server';
import { callerOf } from '../lib/session.server';

const SITEMAP_PAGE = graphql(`
  query SitemapPage($after: String, $withBrands: Boolean!) {
    brands @include(if: $withBrands) {
      slug
    }
    products(first: 100, after: $after, sort: NEWEST) {
      edges {
        node {
          slug
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SITEMAP_PRODUCERS = graphql(`
  query SitemapProducers($after: String) {
    producers(first: 100, after: $after) {
      edges {
        node {
          slug
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Pages of 100: enough for a territory's catalogue, bounded so that a huge one cannot hold the request forever. */
const MAX_PAGES = 500;

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** `/sitemap.xml`: the home page, the catalogue, the directory, every brand's, producer's and active product's page, absolute. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const caller = callerOf(context);
  const paths = ['/', '/produits', '/producteurs'];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { brands, products }: ResultOf<typeof SITEMAP_PAGE> = await apiQuery(caller, SITEMAP_PAGE, {
      after,
      withBrands: page === 0,
    });
    if (brands) paths.push(...brands.map((brand) => `/marques/${encodeURIComponent(brand.slug)}`));
    paths.push(...products.edges.map((edge) => `/produits/${encodeURIComponent(edge.node.slug)}`));
    if (!products.pageInfo.hasNextPage || !products.pageInfo.endCursor) break;
    after = products.pageInfo.endCursor;
  }
  after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { producers }: ResultOf<typeof SITEMAP_PRODUCERS> = await apiQuery(caller, SITEMAP_PRODUCERS, { after });
    paths.push(...producers.edges.map((edge) => `/producteurs/${encodeURIComponent(edge.node.slug)}`));
    if (!producers.pageInfo.hasNextPage || !producers.pageInfo.endCursor) break;
    after = producers.pageInfo.endCursor;
  }
  const urls = paths.map((path) => `  <url><loc>${escapeXml(absoluteUrl(request, path))}</loc></url>`).join('\n');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(body, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
}
