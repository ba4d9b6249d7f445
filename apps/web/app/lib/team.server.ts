import { data } from 'react-router';
import { graphql, type ResultOf } from '../graphql';
import { type ApiCaller, apiMutation, apiQuery, formErrorOf, type FormError } from './api.server';

const MY_ROLE = graphql(`
  query MyTeamRole {
    me {
      id
      memberships {
        role
        organization {
          id
        }
      }
    }
  }
`);

const MEMBERS = graphql(`
  query TeamMembers($id: ID!) {
    organization(id: $id) {
      id
      name
      members {
        role
        user {
          id
          email
          displayName
        }
      }
    }
  }
`);

const INVITATIONS = graphql(`
  query TeamInvitations($id: ID!) {
    organization(id: $id) {
      id
      invitations {
        id
        email
        role
        expiresAt
      }
    }
  }
`);

const INVITE = graphql(`
  mutation InviteMember($organizationId: ID!, $email: String!, $role: MemberRole!) {
    inviteMember(organizationId: $organizationId, email: $email, role: $role) {
      id
      email
      role
    }
  }
`);

const REMOVE = graphql(`
  mutation RemoveMember($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`);

export type TeamMember = NonNullable<ResultOf<typeof MEMBERS>['organization']>['members'][number];
export type TeamInvitation = NonNullable<ResultOf<typeof INVITATIONS>['organization']>['invitations'][number];

export interface TeamData {
  viewerId: string;
  isOwner: boolean;
  members: TeamMember[];
  /** Owners only; empty for anyone else. */
  invitations: TeamInvitation[];
}

/** The organization's members, and its pending invitations when the viewer is one of its owners. */
export async function loadTeam(caller: ApiCaller, organizationId: string): Promise<TeamData> {
  const [{ me }, { organization }] = await Promise.all([
    apiQuery(caller, MY_ROLE, {}),
    apiQuery(caller, MEMBERS, { id: organizationId }),
  ]);
  const isOwner = me.memberships.some(
    (membership) => membership.organization.id === organizationId && membership.role === 'OWNER',
  );
  const invitations = isOwner
    ? ((await apiQuery(caller, INVITATIONS, { id: organizationId })).organization?.invitations ?? [])
    : [];
  return { viewerId: me.id, isOwner, members: organization?.members ?? [], invitations };
}

export type TeamActionData =
  | { intent: 'invite'; done: string | null; error: FormError | null; email: string; role: string }
  | { intent: 'remove'; done: string | null; error: FormError | null };

const isRole = (value: string): value is 'OWNER' | 'MEMBER' => value === 'OWNER' || value === 'MEMBER';

/** Invites (e-mail and role) or removes (a user) for the organization; the API decides who may. */
export async function teamAction(caller: ApiCaller, organizationId: string, form: FormData) {
  if (form.get('intent') === 'remove') {
    const userId = String(form.get('userId') ?? '');
    const name = String(form.get('name') ?? '');
    try {
      await apiMutation(caller, REMOVE, { organizationId, userId });
      return { intent: 'remove', done: name, error: null } satisfies TeamActionData;
    } catch (error) {
      return data({ intent: 'remove', done: null, error: formErrorOf(error) } satisfies TeamActionData, {
        status: 400,
      });
    }
  }
  const email = String(form.get('email') ?? '').trim();
  const role = String(form.get('role') ?? 'MEMBER');
  if (!email) {
    const error: FormError = {
      message: 'Saisissez l’adresse e-mail de la personne à inviter.',
      code: 'BAD_USER_INPUT',
      field: 'email',
    };
    return data({ intent: 'invite', done: null, error, email, role } satisfies TeamActionData, { status: 400 });
  }
  try {
    await apiMutation(caller, INVITE, { organizationId, email, role: isRole(role) ? role : 'MEMBER' });
    return { intent: 'invite', done: email, error: null, email: '', role: 'MEMBER' } satisfies TeamActionData;
  } catch (error) {
    return data({ intent: 'invite', done: null, error: formErrorOf(error), email, role } satisfies TeamActionData, {
      status: 400,
    });
  }
}
