import { data, redirect } from 'react-router';
import type { Route } from './+types/getting-started';
import { OrganizationForm } from '../../components/OrganizationForm';
import { rememberBuyer } from '../../lib/buying.server';
import { createOrganizationFrom } from '../../lib/organization-create.server';
import { safeReturnPath } from '../../lib/redirect';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';

/** Where a new business lands without a `?retour=`: its received invoices, which say where its verification is. */
const PRO_HOME = '/pro/factures';

export const meta: Route.MetaFunction = () => [
  { title: 'Inscrire mon entreprise — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export function loader({ url, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  return { back: safeReturnPath(url.searchParams.get('retour'), PRO_HOME) };
}

/**
 * PRODUCT.md §1: a business signs up with its SIRET and address. The signed-in person becomes its owner; it becomes
 * the buyer of their cart and the business of their /pro pages (the cookie both read), and they go back where they
 * came from (the checkout), or to the pro space.
 */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const created = await createOrganizationFrom(callerOf(context), 'BUSINESS', form);
  if (!created.ok) return data({ error: created.error, values: created.values }, { status: 400 });
  throw redirect(safeReturnPath(form.get('retour'), PRO_HOME), {
    headers: { 'Set-Cookie': rememberBuyer(created.id) },
  });
}

export default function BusinessStart({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="stack business-start">
      <h1>Inscrire mon entreprise</h1>
      <p className="muted">
        Votre restaurant, votre commerce ou votre entreprise, tels qu’ils achèteront sur Ancrage. Vous en deviendrez le
        responsable&nbsp;: vous commanderez pour elle aux prix professionnels hors taxes, paierez sur facture et pourrez
        inviter vos collègues.
      </p>
      <OrganizationForm
        error={actionData?.error}
        values={actionData?.values}
        nameLabel="Nom de l’entreprise"
        addressLegend="Adresse de l’entreprise"
        addressHint={
          <>
            Vos commandes y sont livrées si vous n’en donnez pas une autre, et l’empreinte carbone de leur transport est
            calculée jusqu’à ce point.
          </>
        }
        submitLabel="Inscrire mon entreprise"
      >
        <input type="hidden" name="retour" value={loaderData.back} />
        <p className="small">
          L’équipe Ancrage vérifie ensuite que ce SIRET est bien celui de votre entreprise. Vous pouvez commander dès
          l’inscription&nbsp;; jusqu’à cette vérification, le paiement sur facture reste plafonné chez chaque producteur
          qui ne vous a jamais livré.
        </p>
      </OrganizationForm>
    </div>
  );
}
