import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/sign-in';
import { FieldError, FormAlert, invalidProps } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, formErrorOf } from '../lib/api.server';
import { FRESH_SIGN_IN_REASONS, freshSignInReasonOf } from '../lib/fresh-sign-in';
import { safeReturnPath } from '../lib/redirect';
import { isSignedIn, sessionOf, startSession } from '../lib/session.server';

const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: 'Se connecter — Ancrage' }];

export function loader({ request, context }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const back = safeReturnPath(params.get('retour'));
  // A sensitive change asked for a recent sign-in (`raison`): the password again, even for someone signed in.
  const reason = freshSignInReasonOf(params.get('raison'));
  if (isSignedIn(context) && !reason) throw redirect(back);
  return { back, reason };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '');
  const back = safeReturnPath(form.get('retour'));
  try {
    const { login } = await apiMutation(sessionOf(context).caller, LOGIN, {
      input: { email, password: String(form.get('password') ?? '') },
    });
    startSession(sessionOf(context), login);
  } catch (error) {
    return data({ error: formErrorOf(error), email }, { status: 400 });
  }
  throw redirect(back);
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const error = actionData?.error;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="form-narrow">
      <h1>Se connecter</h1>
      {loaderData.reason ? (
        <div className="alert alert--info" role="status">
          {FRESH_SIGN_IN_REASONS[loaderData.reason]}
        </div>
      ) : null}
      <FormAlert error={error} fields={['email', 'password']} />
      <Form method="post" noValidate>
        <input type="hidden" name="retour" value={loaderData.back} />
        <div className="field">
          <label htmlFor="email">Adresse e-mail</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={actionData?.email}
            {...invalidProps(error, 'email', 'email-error')}
          />
          <FieldError error={error} field="email" id="email-error" />
        </div>
        <div className="field">
          <label htmlFor="password">Mot de passe</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            {...invalidProps(error, 'password', 'password-error')}
          />
          <FieldError error={error} field="password" id="password-error" />
          <p className="field__hint">
            <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </Form>
      <p className="small" style={{ marginTop: 'var(--space-4)' }}>
        Pas encore de compte ?{' '}
        <Link to={`/inscription?retour=${encodeURIComponent(loaderData.back)}`}>Créer un compte</Link>
      </p>
    </div>
  );
}
