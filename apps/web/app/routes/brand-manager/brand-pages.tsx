import { Link } from 'react-router';
import type { BrandRef } from './brands.server';

/** What a signed-in person who runs no brand sees on the brand manager's pages. */
export function BrandManagersOnly({ title }: { title: string }) {
  return (
    <div className="stack">
      <h1>{title}</h1>
      <div className="empty-state stack">
        <p>
          <strong>Cet espace est réservé aux marques de territoire.</strong> Leurs équipes y suivent les ventes de leurs
          produits labellisés et y examinent les candidatures des producteurs.
        </p>
        <p>
          Votre compte n’est membre d’aucune organisation qui gère une marque. Si vous travaillez pour une marque
          présente sur Ancrage, demandez à son responsable de vous ajouter à ses membres.
        </p>
        <p className="row rse-report__links">
          <Link to="/produits" className="button">
            Voir les produits
          </Link>
        </p>
      </div>
    </div>
  );
}

/** Said when the address named a brand the viewer does not run. */
export function UnknownBrandNotice({ brand }: { brand: BrandRef }) {
  return (
    <div className="alert alert--warning" role="alert">
      Le lien suivi concerne une marque que vous ne gérez pas : voici la page de {brand.name}.
    </div>
  );
}

/** The brand's territory by its département codes (the API gives no names): "département 39", "départements 23, 87". */
export const territoryOf = (brand: BrandRef): string =>
  `${brand.departmentCodes.length > 1 ? 'départements' : 'département'} ${brand.departmentCodes.join(', ')}`;

/** A link to another brand-manager page about the same brand (its slug in the address when there is a choice). */
export function brandPageHref(path: string, choice: { brands: BrandRef[]; brand: BrandRef }): string {
  return choice.brands.length > 1 ? `${path}?${new URLSearchParams({ marque: choice.brand.slug })}` : path;
}
