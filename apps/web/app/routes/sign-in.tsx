import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/sign-in';
import { FieldError, FormAlert, invalidProps } from '../components/FieldError';
import { graphql } from '../graphql';
import { ApiError, apiMutation, type FormError, formErrorOf } from '../lib/api.server';
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

/**
 * The second step, for an account with a second factor (platform admins and brand managers, AUTH-13): the API
 * answers the right password without a code with `MFA_CODE_REQUIRED`; the page then asks for the code of the
 * authenticator app (or a recovery code) and sends the e-mail, the password (kept in the form) and the code again.
 */
const CODE_REASONS = new Set(['MFA_CODE_REQUIRED', 'MFA_CODE_INVALID']);
const CODE_MESSAGES: Record<string, string> = {
  MFA_CODE_INVALID:
    'Ce code est incorrect ou a déjà servi. Saisissez le code affiché maintenant par votre application, ou un code de secours.',
};

/** The error of the code step, in French under the code field. */
function codeStepError(error: ApiError): FormError | undefined {
  if (error.reason === 'MFA_CODE_INVALID') {
    return { message: CODE_MESSAGES.MFA_CODE_INVALID, code: error.code, field: 'mfaCode' };
  }
  if (error.code === 'RATE_LIMITED') {
    return {
      message: 'Trop de codes incorrects pour ce compte\u00a0: patientez 15 minutes avant de réessayer.',
      code: error.code,
    };
  }
  return undefined;
}

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
  const mfaCode = String(form.get('mfaCode') ?? '').trim();
  try {
    const { login } = await apiMutation(sessionOf(context).caller, LOGIN, {
      input: { email, password: String(form.get('password') ?? ''), ...(mfaCode && { mfaCode }) },
    });
    startSession(sessionOf(context), login);
  } catch (error) {
    if (
      error instanceof ApiError &&
      (CODE_REASONS.has(error.reason ?? '') || (mfaCode && error.code === 'RATE_LIMITED'))
    ) {
      return data({ codeStep: true, error: codeStepError(error), email }, { status: 400 });
    }
    return data({ codeStep: false, error: formErrorOf(error), email }, { status: 400 });
  }
  throw redirect(back);
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const error = actionData?.error;
  const codeStep = Boolean(actionData?.codeStep);
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="form-narrow">
      <h1>{codeStep ? 'Code de vérification' : 'Se connecter'}</h1>
      {loaderData.reason ? (
        <div className="alert alert--info" role="status">
          {FRESH_SIGN_IN_REASONS[loaderData.reason]}
        </div>
      ) : null}
      <FormAlert error={error} fields={['email', 'password', 'mfaCode']} />
      <Form method="post" noValidate>
        <input type="hidden" name="retour" value={loaderData.back} />
        {codeStep ? (
          <>
            <p>
              Votre compte est protégé par une double authentification. Ouvrez votre application d’authentification et
              saisissez le code à 6 chiffres affiché pour Ancrage (
              <span style={{ overflowWrap: 'anywhere' }}>{actionData?.email}</span>).
            </p>
            <div className="field">
              <label htmlFor="mfaCode">Code de vérification</label>
              <input
                id="mfaCode"
                name="mfaCode"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                autoFocus
                aria-describedby={error?.field === 'mfaCode' ? 'mfaCode-error mfaCode-hint' : 'mfaCode-hint'}
                aria-invalid={error?.field === 'mfaCode' || undefined}
              />
              <FieldError error={error} field="mfaCode" id="mfaCode-error" />
              <p className="field__hint" id="mfaCode-hint">
                Téléphone perdu&nbsp;? Saisissez l’un de vos codes de secours (par exemple «&nbsp;abcde-fghjk&nbsp;»).
              </p>
            </div>
          </>
        ) : null}
        {/* At the code step the e-mail and password stay in the form, hidden, and are sent again with the code. */}
        <div className="field" hidden={codeStep}>
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
        <div className="field" hidden={codeStep}>
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
            <Link to="/mot-de-passe-oublie">Mot de passe oublié&nbsp;?</Link>
          </p>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? (codeStep ? 'Vérification…' : 'Connexion…') : codeStep ? 'Valider le code' : 'Se connecter'}
        </button>
      </Form>
      <p className="small" style={{ marginTop: 'var(--space-4)' }}>
        Pas encore de compte&nbsp;?{' '}
        <Link to={`/inscription?retour=${encodeURIComponent(loaderData.back)}`}>Créer un compte</Link>
      </p>
    </div>
  );
}
