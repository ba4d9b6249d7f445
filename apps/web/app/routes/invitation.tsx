import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/invitation';
import { FormAlert } from '../components/FieldError';
import { graphql } from '../graphql';
import { apiMutation, apiQuery, formErrorOf } from '../lib/api.server';
import { date } from '../lib/format';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf, isSignedIn } from '../lib/session.server';

const INVITATION = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      organizationName
      email
      role
      expiresAt
    }
  }
`);

const VIEWER_EMAIL = graphql(`
  query InvitationViewer {
    me {
      email
    }
  }
`);

const ACCEPT = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      role
      organization {
        id
        kind
      }
    }
  }
`);

const ROLE_LABELS: Record<string, string> = { OWNER: 'propriétaire', MEMBER: 'membre' };

export const meta: Route.MetaFunction = () => [
  { title: 'Invitation — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const caller = callerOf(context);
  const invitation = token ? (await apiQuery(caller, INVITATION, { token })).invitation : null;
  const viewerEmail = isSignedIn(context) ? (await apiQuery(caller, VIEWER_EMAIL, {})).me.email : null;
  const here = `/invitation?token=${encodeURIComponent(token)}`;
  return { token, invitation, viewerEmail, here };
}

/** Where the new member lands: the space of the organization joined. */
function spaceOf(kind: string, id: string): string {
  if (kind === 'PRODUCER') return `/producteur?producteur=${encodeURIComponent(id)}`;
  if (kind === 'BUSINESS') return `/pro/rse?organisation=${encodeURIComponent(id)}`;
  return '/marque';
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const token = String((await request.formData()).get('token') ?? '');
  let destination: string;
  try {
    const { acceptInvitation } = await apiMutation(callerOf(context), ACCEPT, { token });
    destination = spaceOf(acceptInvitation.organization.kind, acceptInvitation.organization.id);
  } catch (error) {
    return data({ error: formErrorOf(error) }, { status: 400 });
  }
  throw redirect(destination);
}

/** The page an invitation e-mail links to: who invites, as what, and the way to accept with the invited address. */
export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === 'submitting';
  const { token, invitation, viewerEmail, here } = loaderData;
  if (!invitation) {
    return (
      <div className="form-narrow stack">
        <h1>Invitation</h1>
        <div className="alert alert--warning">
          Cette invitation n’est plus valable&nbsp;: elle a expiré, elle a déjà servi, ou une invitation plus récente
          l’a remplacée. Demandez à l’organisation de vous inviter à nouveau.
        </div>
        <p>
          <Link to="/" className="button button--secondary">
            Revenir à l’accueil
          </Link>
        </p>
      </div>
    );
  }
  const sameAddress = viewerEmail?.toLowerCase() === invitation.email.toLowerCase();
  return (
    <div className="form-narrow stack">
      <h1>Rejoindre {invitation.organizationName}</h1>
      <p>
        Vous êtes invité à rejoindre <strong>{invitation.organizationName}</strong> sur Ancrage en tant que{' '}
        <strong>{ROLE_LABELS[invitation.role] ?? invitation.role}</strong>
        {invitation.role === 'OWNER'
          ? '\u00a0: vous gérerez ses membres, ses paiements et l’organisation, en plus du catalogue et des commandes.'
          : '\u00a0: vous gérerez le catalogue et les commandes.'}
      </p>
      <p className="small muted">
        Invitation pour l’adresse <strong>{invitation.email}</strong>, valable jusqu’au {date(invitation.expiresAt)}.
      </p>
      <FormAlert error={actionData?.error} fields={[]} />
      {sameAddress ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <button type="submit" disabled={busy}>
            {busy ? 'Un instant…' : `Rejoindre ${invitation.organizationName}`}
          </button>
        </Form>
      ) : viewerEmail ? (
        <div className="alert alert--warning stack">
          <p>
            Vous êtes connecté avec <strong>{viewerEmail}</strong>, mais cette invitation est pour{' '}
            <strong>{invitation.email}</strong>. Déconnectez-vous, puis connectez-vous (ou créez votre compte) avec
            cette adresse.
          </p>
          <form method="post" action="/deconnexion">
            <button type="submit" className="button--secondary">
              Me déconnecter
            </button>
          </form>
        </div>
      ) : (
        <div className="stack">
          <p>
            Pour accepter, connectez-vous avec cette adresse, ou créez votre compte avec elle&nbsp;: vous reviendrez ici
            ensuite.
          </p>
          <p className="row">
            <Link to={`/connexion?retour=${encodeURIComponent(here)}`} className="button">
              Se connecter
            </Link>
            <Link
              to={`/inscription?retour=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
              className="button button--secondary"
            >
              Créer mon compte
            </Link>
          </p>
        </div>
      )}
    </div>
  );
}
