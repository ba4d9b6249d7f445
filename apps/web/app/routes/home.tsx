import { Form, Link } from 'react-router';
import type { Route } from './+types/home';
import { CommuneInput } from '../components/CommuneInput';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { departments } from '../lib/format';
import { callerOf } from '../lib/session.server';

const HOME = graphql(`
  query Home {
    brands {
      id
      name
      slug
      departmentCodes
      charter
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Ancrage — les produits des marques de territoire, près de chez vous' },
  {
    name: 'description',
    content:
      'Achetez aux producteurs des marques de territoire en circuit court, avec l’empreinte carbone du transport de chaque commande.',
  },
  { property: 'og:title', content: 'Ancrage — les marques de nos territoires' },
  { property: 'og:type', content: 'website' },
];

export async function loader({ context }: Route.LoaderArgs) {
  const { brands } = await apiQuery(callerOf(context), HOME, {});
  return { brands };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Les produits de votre territoire, au plus près</h1>
        <p className="hero__lead">
          Fromages, légumes, viandes, boissons et savoir-faire des producteurs des marques de territoire — avec la
          distance parcourue et le carbone du transport de chaque commande.
        </p>
        <Form method="get" action="/produits" className="search-form" role="search">
          <div className="field">
            <label htmlFor="home-q">Je cherche</label>
            <input id="home-q" name="q" type="search" placeholder="Ex. comté, miel, œufs" />
          </div>
          <CommuneInput id="home-commune" name="commune" label="Près de (commune)" />
          <button type="submit">Chercher</button>
        </Form>
      </section>
      <section aria-labelledby="brands-title">
        <h2 id="brands-title">Les marques de territoire</h2>
        {loaderData.brands.length === 0 ? (
          <p className="empty-state">Aucune marque n’est encore ouverte.</p>
        ) : (
          <ul className="grid" style={{ listStyle: 'none', padding: 0 }}>
            {loaderData.brands.map((brand) => (
              <li key={brand.id} className="card stack">
                <h3>
                  <Link to={`/marques/${brand.slug}`}>{brand.name}</Link>
                </h3>
                <p className="small muted">Territoire&nbsp;: {departments(brand.departmentCodes)}</p>
                <p className="small">
                  {brand.charter.length > 180 ? `${brand.charter.slice(0, 177)}…` : brand.charter}
                </p>
                <Link to={`/produits?marque=${brand.slug}`} className="small">
                  Voir ses produits
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
