import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { OrganizationStart } from '../OrganizationStart';
import { ReservedSpace } from '../ReservedSpace';

/**
 * What a signed-in person who buys for no business sees on a /pro page: whom it is for, and the way to register their
 * business, coming back to this page once it is.
 */
export function BusinessesOnly({ title, purpose }: { title: string; purpose: ReactNode }) {
  const location = useLocation();
  return (
    <>
      <ReservedSpace
        audience={{
          title,
          reservedFor: 'aux entreprises qui achètent sur Ancrage',
          purpose,
          organization: 'aucune entreprise acheteuse',
          whoYouMayBe: 'achetez pour une entreprise déjà inscrite',
          withOrders: true,
        }}
      />
      <OrganizationStart kinds={['BUSINESS']} back={location.pathname} />
    </>
  );
}
