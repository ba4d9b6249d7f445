import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/verify-email';
import { FormAlert } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, formErrorOf } from '../lib/api.server';
import { isSignedIn, sessionOf } from '../lib/session.server';

const VERIFY_EMAIL = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      email
      emailVerified
    }
  }
`);
const NEW_LINK = graphql(`
  mutation RequestEmailVerification {
    requestEmailVerification
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Confirmer mon adresse e-mail — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export function loader({ request, context }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '', signedIn: isSignedIn(context) };
}

/** A button, not the link itself, spends the token: mail scanners that open links do not confirm on the person's behalf. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  if (form.get('intent') === 'new-link') {
    // A link is valid one hour: a signed-in person whose link lapsed asks for another.
    try {
      const { requestEmailVerification } = await apiMutation(sessionOf(context).caller, NEW_LINK, {});
      return {
        verified: null,
        error: null,
        newLink: requestEmailVerification ? ('sent' as const) : ('verified-already' as const),
      };
    } catch (error) {
      return data({ verified: null, error: formErrorOf(error), newLink: null }, { status: 400 });
    }
  }
  const token = String(form.get('token') ?? '');
  try {
    const { verifyEmail } = await apiMutation(sessionOf(context).caller, VERIFY_EMAIL, { token });
    return { verified: verifyEmail.email, error: null };
  } catch (error) {
    return data({ verified: null, error: formErrorOf(error) }, { status: 400 });
  }
}

export default function VerifyEmail({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  if (actionData?.verified) {
    return (
      <div className="form-narrow stack">
        <h1>Adresse confirmée</h1>
        <div className="alert alert--info" role="status">
          Merci&nbsp;: <strong>{actionData.verified}</strong> est confirmée comme l’adresse de votre compte.
        </div>
        <p>
          <Link to="/produits" className="button">
            Voir les produits
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form-narrow stack">
      <h1>Confirmer mon adresse e-mail</h1>
      {loaderData.token ? (
        <>
          <FormAlert error={actionData?.error} fields={[]} />
          {actionData && 'newLink' in actionData && actionData.newLink ? (
            <div className="alert alert--info" role="status">
              {actionData.newLink === 'sent'
                ? 'Un nouveau lien vient de vous être envoyé par e-mail\u00a0: il est valable une heure.'
                : 'Votre adresse est déjà confirmée.'}
            </div>
          ) : null}
          {actionData?.error && loaderData.signedIn ? (
            <Form method="post">
              <input type="hidden" name="intent" value="new-link" />
              <button type="submit" className="button--secondary" disabled={busy}>
                Recevoir un nouveau lien
              </button>
            </Form>
          ) : null}
          {actionData?.error && !loaderData.signedIn ? (
            <p>
              Lien expiré ou déjà utilisé&nbsp;? <Link to="/connexion">Connectez-vous</Link>, puis rouvrez le lien de
              l’e-mail&nbsp;: cette page vous en enverra un nouveau.
            </p>
          ) : null}
          <p>Confirmez que l’adresse qui a reçu ce lien est bien celle de votre compte Ancrage.</p>
          <Form method="post">
            <input type="hidden" name="token" value={loaderData.token} />
            <button type="submit" disabled={busy}>
              {busy ? 'Confirmation…' : 'Confirmer mon adresse'}
            </button>
          </Form>
        </>
      ) : (
        <div className="alert alert--warning">
          Ce lien est incomplet&nbsp;: ouvrez le lien de l’e-mail reçu tel quel.
        </div>
      )}
    </div>
  );
}
