import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/reset-password';
import { FieldError, FormAlert, invalidProps } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, formErrorOf } from '../lib/api.server';
import { sessionOf, startSession } from '../lib/session.server';

const RESET_PASSWORD = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      accessToken
      refreshToken
      user {
        email
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Nouveau mot de passe — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  return { token: params.get('token') ?? '', done: params.get('fait') === '1' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const token = String(form.get('token') ?? '');
  const password = String(form.get('password') ?? '');
  const confirmation = String(form.get('confirmation') ?? '');
  if (password !== confirmation) {
    return data(
      {
        error: {
          message: 'Les deux mots de passe ne sont pas identiques.',
          code: 'BAD_USER_INPUT',
          field: 'confirmation',
        },
      },
      { status: 400 },
    );
  }
  const session = sessionOf(context);
  try {
    const { resetPassword } = await apiMutation(session.caller, RESET_PASSWORD, { token, password });
    startSession(session, resetPassword);
  } catch (error) {
    return data({ error: formErrorOf(error) }, { status: 400 });
  }
  throw redirect('/reinitialiser-mot-de-passe?fait=1');
}

/** The page a reset e-mail links to: a new password, then signed in (every other session was ended). */
export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  const error = actionData?.error;
  if (loaderData.done) {
    return (
      <div className="form-narrow stack">
        <h1>Mot de passe changé</h1>
        <div className="alert alert--info" role="status">
          Votre nouveau mot de passe est enregistré et vous êtes connecté. Vos autres sessions (autres navigateurs,
          autres appareils) ont été fermées.
        </div>
        <p className="row">
          <Link to="/commandes" className="button">
            Voir mes commandes
          </Link>
          <Link to="/produits" className="button button--secondary">
            Voir les produits
          </Link>
        </p>
      </div>
    );
  }
  if (!loaderData.token) {
    return (
      <div className="form-narrow stack">
        <h1>Nouveau mot de passe</h1>
        <div className="alert alert--warning">
          Ce lien est incomplet&nbsp;: ouvrez le lien de l’e-mail reçu tel quel, ou demandez-en un nouveau.
        </div>
        <p>
          <Link to="/mot-de-passe-oublie" className="button">
            Demander un nouveau lien
          </Link>
        </p>
      </div>
    );
  }
  const linkRefused = error?.field === 'token';
  return (
    <div className="form-narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      {linkRefused ? (
        <div className="alert alert--error" role="alert">
          <p>{error.message}</p>
          <p>
            <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
          </p>
        </div>
      ) : (
        <FormAlert error={error} fields={['password', 'confirmation', 'token']} />
      )}
      {linkRefused ? null : (
        <Form method="post" noValidate>
          <input type="hidden" name="token" value={loaderData.token} />
          <div className="field">
            <label htmlFor="password">Nouveau mot de passe</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              aria-describedby="password-hint"
              {...invalidProps(error, 'password', 'password-error')}
            />
            <p className="field__hint" id="password-hint">
              Au moins 8 caractères, pas un mot de passe courant.
            </p>
            <FieldError error={error} field="password" id="password-error" />
          </div>
          <div className="field">
            <label htmlFor="confirmation">Le même, une seconde fois</label>
            <input
              id="confirmation"
              name="confirmation"
              type="password"
              autoComplete="new-password"
              required
              {...invalidProps(error, 'confirmation', 'confirmation-error')}
            />
            <FieldError error={error} field="confirmation" id="confirmation-error" />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Enregistrer et me connecter'}
          </button>
        </Form>
      )}
    </div>
  );
}
