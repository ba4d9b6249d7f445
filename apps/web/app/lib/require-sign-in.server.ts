import { redirect, type RouterContextProvider } from 'react-router';
import { isSignedIn } from './session.server';

/** The page's own address: a client navigation's request asks for `<path>.data?_routes=…`, the page is `<path>`. */
function pageUrlOf(where: Request | URL): URL {
  if (where instanceof URL) return where;
  const url = new URL(where.url);
  url.pathname = url.pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/');
  url.searchParams.delete('_routes');
  url.searchParams.delete('index');
  return url;
}

/**
 * Pages of a signed-in person: anyone else goes to sign in, and comes back to the same page afterwards. Give the
 * loader's `url` (already normalized) or its request.
 */
export function requireSignIn(where: Request | URL, context: Readonly<RouterContextProvider>): void {
  if (isSignedIn(context)) return;
  const url = pageUrlOf(where);
  throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
}
