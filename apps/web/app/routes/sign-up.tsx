import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/sign-up';
import { FieldError, FormAlert, invalidProps } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, formErrorOf } from '../lib/api.server';
import { safeReturnPath } from '../lib/redirect';
import { isSignedIn, sessionOf, startSession } from '../lib/session.server';

const REGISTER = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: 'Créer un compte — Ancrage' }];

export function loader({ request, context }: Route.LoaderArgs) {
  const back = safeReturnPath(new URL(request.url).searchParams.get('retour'));
  if (isSignedIn(context)) throw redirect(back);
  // An invitation's page sends its address along: the account must be created with it.
  return { back, email: new URL(request.url).searchParams.get('email') ?? '' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = { displayName: String(form.get('displayName') ?? ''), email: String(form.get('email') ?? '') };
  const session = sessionOf(context);
  try {
    const { register } = await apiMutation(session.caller, REGISTER, {
      input: { ...values, password: String(form.get('password') ?? '') },
    });
    startSession(session, register);
  } catch (error) {
    return data({ error: formErrorOf(error), values }, { status: 400 });
  }
  throw redirect(safeReturnPath(form.get('retour')));
}

export default function SignUp({ loaderData, actionData }: Route.ComponentProps) {
  const error = actionData?.error;
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="form-narrow">
      <h1>Créer un compte</h1>
      <p className="muted">Pour acheter aux producteurs de votre territoire et suivre vos commandes.</p>
      <FormAlert error={error} fields={['displayName', 'email', 'password']} />
      <Form method="post" noValidate>
        <input type="hidden" name="retour" value={loaderData.back} />
        <div className="field">
          <label htmlFor="displayName">Votre nom</label>
          <input
            id="displayName"
            name="displayName"
            autoComplete="name"
            required
            defaultValue={actionData?.values.displayName}
            {...invalidProps(error, 'displayName', 'displayName-error')}
          />
          <FieldError error={error} field="displayName" id="displayName-error" />
        </div>
        <div className="field">
          <label htmlFor="email">Adresse e-mail</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={actionData?.values.email ?? loaderData.email}
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
        <button type="submit" disabled={busy}>
          {busy ? 'Création…' : 'Créer mon compte'}
        </button>
      </Form>
      <p className="small" style={{ marginTop: 'var(--space-4)' }}>
        Déjà inscrit&nbsp;? <Link to={`/connexion?retour=${encodeURIComponent(loaderData.back)}`}>Se connecter</Link>
      </p>
    </div>
  );
}
