import { data, redirect } from 'react-router';
import type { Route } from './+types/create';
import { FormField, OrganizationForm } from '../../components/OrganizationForm';
import { createBrandFrom } from '../../lib/brand-create.server';
import { BRAND_FIELDS } from '../../lib/brand-form';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';

export const meta: Route.MetaFunction = () => [
  { title: 'Créer une marque de territoire — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export function loader({ request, context }: Route.LoaderArgs) {
  requireSignIn(request, context);
  return null;
}

/**
 * PRODUCT.md §3 and §7: a signed-in person creates a territory brand and the organization that runs it; it waits for
 * Ancrage's verification, which its dashboard says (`?creee=1`).
 */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const created = await createBrandFrom(callerOf(context), await request.formData());
  if (!created.ok) return data({ error: created.error, values: created.values }, { status: 400 });
  throw redirect(`/marque?${new URLSearchParams({ marque: created.slug, creee: '1' })}`);
}

export default function CreateBrand({ actionData }: Route.ComponentProps) {
  const shared = { error: actionData?.error, values: actionData?.values };
  return (
    <div className="stack brand-create">
      <h1>Créer une marque de territoire</h1>
      <p className="muted">
        Votre marque réunit les producteurs d’un territoire sous un même label. Vous en deviendrez le responsable&nbsp;:
        vous accepterez les producteurs du territoire, accorderez le label à leurs produits et suivrez leurs ventes et
        leur empreinte carbone.
      </p>
      <OrganizationForm
        {...shared}
        nameLabel="Nom de la marque"
        addressLegend="Adresse de la structure qui porte la marque"
        addressHint="Le siège de l’association, de la collectivité ou de l’entreprise qui gère la marque."
        siretLabel="Numéro SIRET de la structure (facultatif)"
        siretHint="14 chiffres, si la structure en a un (les espaces sont acceptés)&nbsp;: il aide l’équipe d’Ancrage à la vérifier."
        submitLabel="Créer la marque"
        extraFields={BRAND_FIELDS}
        leading={
          <>
            <FormField
              name="slug"
              label="Adresse de sa page (facultatif)"
              autoComplete="off"
              spellCheck={false}
              hint="La fin de l’adresse de sa page publique, comme /marques/made-in-jura&nbsp;: des minuscules non accentuées et des chiffres, les mots liés par des tirets. Laissée vide, elle est tirée du nom."
              {...shared}
            />
            <FormField
              name="departmentCodes"
              label="Départements du territoire"
              autoComplete="off"
              hint="Leurs numéros, séparés par des virgules (39, 25, 2A…)&nbsp;: seuls les producteurs qui s’y trouvent pourront rejoindre la marque."
              {...shared}
            />
            <FormField
              name="charter"
              label="Charte du label (facultatif)"
              multiline
              hint="Ce que promet le label aux acheteurs&nbsp;; vous pourrez la compléter ensuite sur la page de la marque."
              {...shared}
            />
          </>
        }
      >
        <p className="small">
          L’équipe d’Ancrage vérifie ensuite que la marque est bien celle qu’elle dit être. D’ici là, elle n’apparaît
          pas publiquement et ne peut accepter ni candidatures ni labels&nbsp;; vous pouvez déjà écrire sa page.
        </p>
      </OrganizationForm>
    </div>
  );
}
