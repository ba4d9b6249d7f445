import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/forgot-password';
import { FieldError, FormAlert, invalidProps } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, formErrorOf } from '../lib/api.server';
import { sessionOf } from '../lib/session.server';

const REQUEST_RESET = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const meta: Route.MetaFunction = () => [{ title: 'Mot de passe oublié — Ancrage' }];

export async function action({ request, context }: Route.ActionArgs) {
  const email = String((await request.formData()).get('email') ?? '').trim();
  if (!email) {
    return data(
      {
        sent: false as const,
        email,
        error: { message: 'Saisissez l’adresse e-mail de votre compte.', code: 'BAD_USER_INPUT', field: 'email' },
      },
      { status: 400 },
    );
  }
  try {
    await apiMutation(sessionOf(context).caller, REQUEST_RESET, { email });
  } catch (error) {
    return data({ sent: false as const, email, error: formErrorOf(error) }, { status: 400 });
  }
  return { sent: true as const, email, error: null };
}

/** Asks for a reset link. The answer is the same whether an account has the address or not (nothing to learn here). */
export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  const error = actionData?.error;
  if (actionData?.sent) {
    return (
      <div className="form-narrow stack">
        <h1>Vérifiez votre boîte e-mail</h1>
        <div className="alert alert--info" role="status">
          <p>
            Si un compte Ancrage existe pour <strong>{actionData.email}</strong>, un e-mail vient de lui être envoyé
            avec un lien pour choisir un nouveau mot de passe.
          </p>
          <p>Ce lien est valable une heure et ne sert qu’une fois. Pensez à regarder dans les indésirables.</p>
        </div>
        <p className="small">
          Rien reçu après quelques minutes&nbsp;? <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link> ·{' '}
          <Link to="/connexion">Revenir à la connexion</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form-narrow">
      <h1>Mot de passe oublié</h1>
      <p className="muted">
        Indiquez l’adresse e-mail de votre compte&nbsp;: nous vous envoyons un lien pour choisir un nouveau mot de
        passe.
      </p>
      <FormAlert error={error} fields={['email']} />
      <Form method="post" noValidate>
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
        <button type="submit" disabled={busy}>
          {busy ? 'Envoi…' : 'Recevoir le lien'}
        </button>
      </Form>
      <p className="small" style={{ marginTop: 'var(--space-4)' }}>
        Vous l’avez retrouvé&nbsp;? <Link to="/connexion">Se connecter</Link>
      </p>
    </div>
  );
}
