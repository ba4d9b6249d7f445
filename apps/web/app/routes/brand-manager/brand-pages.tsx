import { Link } from 'react-router';
import { OrganizationStart } from '../../components/OrganizationStart';
import { ReservedSpace } from '../../components/ReservedSpace';
import { departments } from '../../lib/format';
import type { BrandRef } from './brands.server';

/** What a signed-in person who runs no brand sees on the brand manager's pages, with the way to create one. */
export function BrandManagersOnly({ title }: { title: string }) {
  return (
    <>
      <ReservedSpace
        audience={{
          title,
          reservedFor: 'aux marques de territoire',
          purpose:
            'Leurs équipes y suivent les ventes de leurs produits labellisés et y examinent les candidatures des producteurs.',
          organization: 'aucune organisation qui gère une marque',
          whoYouMayBe: 'travaillez pour une marque présente sur Ancrage',
          withOrders: false,
        }}
      />
      <OrganizationStart kinds={['BRAND']} />
    </>
  );
}

/**
 * Said on every brand-manager page while the brand waits for its verification by Ancrage; on the dashboard a brand
 * just created lands on (`justCreated`), first that it is created.
 */
export function PendingVerificationNotice({ brand, justCreated = false }: { brand: BrandRef; justCreated?: boolean }) {
  if (brand.verified) return null;
  return (
    <div className="alert alert--warning" role="status">
      {justCreated ? (
        <>
          <strong>{brand.name} est créée.</strong> Elle attend maintenant sa vérification par l’équipe d’Ancrage, qui
          s’assure que la marque est bien celle qu’elle dit être
        </>
      ) : (
        <>{brand.name} attend sa vérification par l’équipe d’Ancrage</>
      )}
      &nbsp;: d’ici là, la marque n’apparaît pas publiquement et ne peut accepter ni candidatures ni labels. Vous
      recevrez un e-mail dès qu’elle sera vérifiée{justCreated ? <>&nbsp;; vous pouvez déjà écrire sa page.</> : '.'}
    </div>
  );
}

/** Said when the address named a brand the viewer does not run. */
export function UnknownBrandNotice({ brand }: { brand: BrandRef }) {
  return (
    <div className="alert alert--warning" role="alert">
      Le lien suivi concerne une marque que vous ne gérez pas&nbsp;: voici la page de {brand.name}.
    </div>
  );
}

/** The brand's territory by its département codes (the API gives no names): "département 39", "départements 23, 87". */
export const territoryOf = (brand: BrandRef): string => departments(brand.departmentCodes);

/** A link to another brand-manager page about the same brand (its slug in the address when there is a choice). */
export function brandPageHref(path: string, choice: { brands: BrandRef[]; brand: BrandRef }): string {
  return choice.brands.length > 1 ? `${path}?${new URLSearchParams({ marque: choice.brand.slug })}` : path;
}

/** Links to the same page of the viewer's other brands (nothing when it runs one). */
export function BrandSwitcher({ path, brands, brand }: { path: string; brands: BrandRef[]; brand: BrandRef }) {
  if (brands.length <= 1) return null;
  return (
    <nav aria-label="Autres marques" className="row small">
      {brands.map((other) => (
        <Link
          key={other.slug}
          to={`${path}?${new URLSearchParams({ marque: other.slug })}`}
          aria-current={other.slug === brand.slug ? 'page' : undefined}
        >
          {other.name}
        </Link>
      ))}
    </nav>
  );
}
