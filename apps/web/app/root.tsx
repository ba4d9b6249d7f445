import { useEffect } from 'react';
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from 'react-router';
import type { Route } from './+types/root';
import { graphql } from './graphql';
import { SecondFactorNotice } from './components/SecondFactorNotice';
import { SiteHeader } from './components/SiteHeader';
import { ApiError } from './lib/api-error';
import { apiQuery } from './lib/api.server';
import { readCart } from './lib/cart.server';
import { callerOf, sessionMiddleware } from './lib/session.server';
import stylesheet from './styles/app.css?url';

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

const VIEWER = graphql(`
  query Viewer {
    me {
      id
      displayName
      email
      isPlatformAdmin
      mfaRequired
      memberships {
        role
        organization {
          id
          name
          kind
        }
      }
    }
  }
`);

export async function loader({ request, context }: Route.LoaderArgs) {
  const caller = callerOf(context);
  const cartCount = readCart(request).lines.length;
  let viewer = null;
  if (caller.accessToken) {
    viewer = await apiQuery(caller, VIEWER, {})
      .then((data) => data.me)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
        throw error;
      });
  }
  return { viewer, cartCount, requestId: caller.requestId ?? null };
}

export type RootData = Awaited<ReturnType<typeof loader>>;
export const useRootData = (): RootData | undefined => useRouteLoaderData<RootData>('root');

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#contenu" className="skip-link">
          Aller au contenu
        </a>
        <SiteHeader viewer={root?.viewer ?? null} cartCount={root?.cartCount ?? 0} />
        <main id="contenu">{children}</main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            <p>
              Ancrage relie les producteurs des marques de territoire aux commerces et aux habitants de leur territoire.
              Chaque commande porte son empreinte de transport, comparée à une chaîne d’approvisionnement classique.
            </p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** Marks the document once React has hydrated it: browser tests wait for it before they click. */
function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}

export default function App() {
  return (
    <>
      <HydrationMark />
      <SecondFactorNotice required={useRootData()?.viewer?.mfaRequired} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const root = useRootData();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const requestId = (error instanceof ApiError && error.requestId) || root?.requestId;
  return (
    <div className="stack">
      <HydrationMark />
      <title>{notFound ? 'Page introuvable — Ancrage' : 'Erreur — Ancrage'}</title>
      {notFound ? (
        <>
          <h1>Cette page n’existe pas</h1>
          <p>Le lien est peut-être ancien, ou le produit n’est plus en vente.</p>
        </>
      ) : (
        <>
          <h1>Une erreur est survenue</h1>
          <p>Nous n’avons pas pu afficher cette page. Réessayez dans un instant.</p>
          {requestId ? (
            <p className="muted">
              Si le problème continue, donnez ce numéro au support&nbsp;: <code>{requestId}</code>
            </p>
          ) : null}
        </>
      )}
      <p className="row">
        <Link to="/" className="button">
          Retour à l’accueil
        </Link>
        <Link to="/produits" className="button button--secondary">
          Voir les produits
        </Link>
      </p>
    </div>
  );
}
