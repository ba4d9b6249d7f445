import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/second-factor';
import { FieldError, FormAlert } from '../components/FieldError';
import { graphql } from '../graphql';
import { ApiError, apiMutation, apiQuery, type FormError, formErrorOf } from '../lib/api.server';
import { freshSignInUrl } from '../lib/fresh-sign-in';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf, sessionOf, startSession } from '../lib/session.server';

/**
 * Issue #20 item 12 (AUTH-13): a platform admin or brand manager sets up a second factor — a QR code for an
 * authenticator app, confirmed by its first code — and keeps the recovery codes shown once. The API ends every other
 * session and gives this one a new, second-factor session.
 */
const STATUS = graphql(`
  query SecondFactorStatus {
    me {
      id
      email
      mfaEnabled
      mfaRequired
      isPlatformAdmin
      memberships {
        organization {
          id
          kind
        }
      }
    }
  }
`);

const START = graphql(`
  mutation StartMfaEnrolment {
    startMfaEnrolment {
      secret
      qrCodeSvg
    }
  }
`);

const CONFIRM = graphql(`
  mutation ConfirmMfaEnrolment($code: String!) {
    confirmMfaEnrolment(code: $code) {
      recoveryCodes
      session {
        accessToken
        refreshToken
      }
    }
  }
`);

const PAGE = '/compte/double-authentification';

export const meta: Route.MetaFunction = () => [{ title: 'Double authentification — Ancrage' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  requireSignIn(request, context);
  const { me } = await apiQuery(callerOf(context), STATUS, {});
  const next = me.isPlatformAdmin
    ? '/admin'
    : me.memberships.some((membership) => membership.organization.kind === 'BRAND')
      ? '/marque'
      : '/';
  return { email: me.email, enabled: me.mfaEnabled, required: me.mfaRequired, next };
}

/** The QR code as an image source (the API's SVG), so the page shows it with a text alternative. */
const qrSource = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

type Enrolment = { secret: string; qr: string };

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const caller = callerOf(context);
  if (form.get('intent') === 'start') {
    try {
      const { startMfaEnrolment } = await apiMutation(caller, START, {});
      const enrolment: Enrolment = { secret: startMfaEnrolment.secret, qr: qrSource(startMfaEnrolment.qrCodeSvg) };
      return { enrolment, error: undefined, recoveryCodes: undefined };
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'FRESH_SIGN_IN_REQUIRED') {
        throw redirect(freshSignInUrl(PAGE, 'double-authentification'));
      }
      return data({ enrolment: undefined, error: formErrorOf(error), recoveryCodes: undefined }, { status: 400 });
    }
  }
  const enrolment: Enrolment = { secret: String(form.get('secret') ?? ''), qr: String(form.get('qr') ?? '') };
  try {
    const { confirmMfaEnrolment } = await apiMutation(caller, CONFIRM, { code: String(form.get('code') ?? '') });
    startSession(sessionOf(context), confirmMfaEnrolment.session);
    return { enrolment: undefined, error: undefined, recoveryCodes: confirmMfaEnrolment.recoveryCodes };
  } catch (error) {
    const wrongCode: FormError | undefined =
      error instanceof ApiError && error.field === 'code'
        ? {
            message: 'Ce code ne correspond pas. Saisissez le code à 6 chiffres affiché maintenant par l’application.',
            code: error.code,
            field: 'code',
          }
        : undefined;
    return data({ enrolment, error: wrongCode ?? formErrorOf(error), recoveryCodes: undefined }, { status: 400 });
  }
}

export default function SecondFactor({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  const error = actionData?.error;
  const enrolment = actionData?.enrolment;
  const recoveryCodes = actionData?.recoveryCodes;

  if (recoveryCodes) {
    return (
      <div className="form-narrow stack">
        <h1>Double authentification activée</h1>
        <div className="alert alert--info" role="status">
          Votre application d’authentification est enregistrée&nbsp;: à chaque connexion, Ancrage vous demandera son
          code. Vos autres sessions ont été fermées.
        </div>
        <h2>Vos codes de secours</h2>
        <p>
          Si vous perdez votre téléphone, chacun de ces codes remplace une fois le code de l’application. Conservez-les
          en lieu sûr (gestionnaire de mots de passe, papier rangé)&nbsp;: ils ne seront plus affichés.
        </p>
        <ul
          aria-label="Codes de secours"
          style={{
            listStyle: 'none',
            padding: 0,
            display: 'grid',
            gridTemplateColumns: 'repeat(2, max-content)',
            gap: '0.5rem 2rem',
          }}
        >
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button" to={loaderData.next}>
            J’ai conservé mes codes, continuer
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="form-narrow stack">
      <h1>Double authentification</h1>
      {loaderData.enabled ? (
        <div className="alert alert--info" role="status">
          La double authentification est active sur votre compte ({loaderData.email}). Vous pouvez la reconfigurer avec
          une nouvelle application&nbsp;: l’ancienne cessera alors de fonctionner.
        </div>
      ) : loaderData.required ? (
        <div className="alert alert--warning" role="status">
          Les administrateurs de la plateforme et les gestionnaires de marque doivent protéger leur compte par un code
          d’application d’authentification (double authentification). Sans elle, l’accès à vos espaces est bloqué
          7&nbsp;jours après la création du compte.
        </div>
      ) : (
        <p>
          Protégez votre compte ({loaderData.email}) par un code à 6 chiffres, donné par une application
          d’authentification (Aegis, FreeOTP, Google Authenticator…), demandé à chaque connexion.
        </p>
      )}
      <FormAlert error={error} fields={['code']} />
      {enrolment ? (
        <div className="card stack">
          <h2>1. Ajoutez Ancrage à votre application</h2>
          <p>Scannez ce QR code avec votre application d’authentification.</p>
          <img
            src={enrolment.qr}
            width={200}
            height={200}
            alt="QR code à scanner avec votre application d’authentification"
          />
          <p className="small">
            Impossible de scanner&nbsp;? Saisissez cette clé dans l’application&nbsp;:{' '}
            <code style={{ overflowWrap: 'anywhere' }}>{enrolment.secret}</code>
          </p>
          <h2>2. Saisissez le code affiché</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="secret" value={enrolment.secret} />
            <input type="hidden" name="qr" value={enrolment.qr} />
            <div className="field">
              <label htmlFor="code">Code à 6 chiffres</label>
              <input
                id="code"
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                aria-describedby={error?.field === 'code' ? 'code-error' : undefined}
                aria-invalid={error?.field === 'code' || undefined}
              />
              <FieldError error={error} field="code" id="code-error" />
            </div>
            <button type="submit" disabled={busy}>
              {busy ? 'Vérification…' : 'Activer la double authentification'}
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <button type="submit" disabled={busy}>
            {loaderData.enabled ? 'Configurer une nouvelle application' : 'Configurer mon application'}
          </button>
        </Form>
      )}
    </div>
  );
}
