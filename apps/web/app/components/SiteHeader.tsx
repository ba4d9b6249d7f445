import type { KeyboardEvent } from 'react';
import { Link, NavLink, useLocation } from 'react-router';

/** What the header needs of the signed-in person (the root's `me`). */
export interface HeaderViewer {
  displayName: string;
  isPlatformAdmin: boolean | null;
  memberships: readonly { organization: { kind: string } }[];
}

/** The spaces a signed-in person's organizations open, in the header: a producer's, a business's, a brand's. */
const SPACES = [
  { kind: 'PRODUCER', to: '/producteur', label: 'Espace producteur' },
  { kind: 'BUSINESS', to: '/pro/rse', label: 'Rapport RSE' },
  { kind: 'BUSINESS', to: '/pro/factures', label: 'Factures reçues' },
  { kind: 'BUSINESS', to: '/pro/commandes-recurrentes', label: 'Commandes récurrentes' },
  { kind: 'BUSINESS', to: '/pro/membres', label: 'Membres' },
  { kind: 'BRAND', to: '/marque', label: 'Ma marque' },
] as const;

const MY_ORDERS = { to: '/commandes', label: 'Mes commandes' };

/** The spaces of the account: its organizations' spaces, the platform's administration. */
function spacesOf(viewer: HeaderViewer): { to: string; label: string }[] {
  const kinds = new Set(viewer.memberships.map((membership) => membership.organization.kind));
  return [
    ...SPACES.filter((space) => kinds.has(space.kind)),
    ...(viewer.isPlatformAdmin ? [{ to: '/admin', label: 'Administration' }] : []),
  ];
}

function SignOut({ viewer, className }: { viewer: HeaderViewer; className?: string }) {
  return (
    <form method="post" action="/deconnexion" className={className}>
      <button type="submit" className="button--link">
        Se déconnecter ({viewer.displayName})
      </button>
    </form>
  );
}

/** Escape closes the open menu and gives the focus back to its « Menu » (a script's extra: the menu works without it). */
function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const menu = event.currentTarget;
  if (event.key !== 'Escape' || !menu.open) return;
  menu.open = false;
  menu.querySelector('summary')?.focus();
}

/**
 * The account's links on a phone, folded under « Menu »: a native disclosure, so that it opens before the page's
 * scripts have loaded (or without them), by touch or keyboard. A wide screen hides it and shows the same links in the
 * header's row.
 */
function AccountMenu({ viewer, links }: { viewer: HeaderViewer; links: { to: string; label: string }[] }) {
  return (
    <details className="site-menu" onKeyDown={closeOnEscape}>
      <summary className="site-nav__account">Menu</summary>
      <div className="site-menu__panel">
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to}>{link.label}</NavLink>
            </li>
          ))}
        </ul>
        <SignOut viewer={viewer} />
      </div>
    </details>
  );
}

/**
 * The site's header: the brand, the catalogue's links and the cart always in sight; a signed-in person's own links
 * (orders, spaces, signing out) in the row on a wide screen, under « Menu » on a phone. On a wide screen the row has
 * two lines beside the brand: the catalogue, the cart, the person's orders and signing out, then their spaces (a
 * business's four pages and the others), so that signing out stays on the first line however many spaces they have.
 */
export function SiteHeader({ viewer, cartCount }: { viewer: HeaderViewer | null; cartCount: number }) {
  // Each navigation closes the menu: a new location mounts it anew, closed.
  const { key: locationKey } = useLocation();
  const spaces = viewer ? spacesOf(viewer) : [];
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand-mark">
          <span className="brand-mark__name">Ancrage</span>
          <span className="brand-mark__tagline">les marques de nos territoires</span>
        </Link>
        <nav className="site-nav" aria-label="Navigation principale">
          <div className="site-nav__line">
            <NavLink to="/produits">Produits</NavLink>
            <NavLink to="/producteurs">Producteurs</NavLink>
            {viewer ? (
              <NavLink to={MY_ORDERS.to} className="site-nav__wide">
                {MY_ORDERS.label}
              </NavLink>
            ) : null}
            <NavLink to="/panier">
              Panier
              <span className="cart-count" aria-label={`${cartCount} article(s)`}>
                {cartCount}
              </span>
            </NavLink>
            {viewer ? (
              <>
                <SignOut viewer={viewer} className="site-nav__wide" />
                <AccountMenu key={locationKey} viewer={viewer} links={[MY_ORDERS, ...spaces]} />
              </>
            ) : (
              <NavLink to="/connexion" className="site-nav__account">
                Se connecter
              </NavLink>
            )}
          </div>
          {spaces.length ? (
            <div className="site-nav__line site-nav__spaces site-nav__wide">
              {spaces.map((link) => (
                <NavLink key={link.to} to={link.to}>
                  {link.label}
                </NavLink>
              ))}
            </div>
          ) : null}
        </nav>
      </div>
    </header>
  );
}
