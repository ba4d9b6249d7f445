import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Who a space of the site is for: its title, whom it serves and why, and the organization one must belong to. */
export interface SpaceAudience {
  title: string;
  /** "aux producteurs" */
  reservedFor: string;
  /** What they do there, one sentence. */
  purpose: ReactNode;
  /** "aucune organisation de producteur" */
  organization: string;
  /** "travaillez pour un producteur vendant sur Ancrage" */
  whoYouMayBe: string;
  /** Whether a link to the person's own orders helps (a buyer's pages). */
  withOrders: boolean;
}

/** What a signed-in person sees on the pages of an organization kind they belong to none of. */
export function ReservedSpace({ audience }: { audience: SpaceAudience }) {
  return (
    <div className="stack">
      <h1>{audience.title}</h1>
      <div className="empty-state stack">
        <p>
          <strong>Cet espace est réservé {audience.reservedFor}.</strong> {audience.purpose}
        </p>
        <p>
          Votre compte n’est membre d’{audience.organization}. Si vous {audience.whoYouMayBe}, demandez à son
          responsable de vous ajouter à ses membres.
        </p>
        <p className="row reserved-space__links">
          {audience.withOrders ? (
            <Link to="/commandes" className="button">
              Voir mes commandes
            </Link>
          ) : null}
          <Link to="/produits" className={audience.withOrders ? 'button button--secondary' : 'button'}>
            Voir les produits
          </Link>
        </p>
      </div>
    </div>
  );
}
