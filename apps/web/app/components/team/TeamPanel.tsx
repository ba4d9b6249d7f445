import { Form, useNavigation } from 'react-router';
import { FieldError, FormAlert, invalidProps } from '../FieldError';
import { date } from '../../lib/format';
import type { TeamActionData, TeamData } from '../../lib/team.server';

export const ROLE_LABELS: Record<string, string> = { OWNER: 'Propriétaire', MEMBER: 'Membre' };

/**
 * What each role does, by the kind of organization the page is about (its form's hidden field): a producer's members
 * run its catalogue and orders, a business's members buy for it (it has no catalogue, and no payouts).
 */
const ROLE_DUTIES: Record<string, { member: string; owner: string; youAreMember: string }> = {
  producteur: {
    member: 'gère le catalogue et les commandes',
    owner: 'gère aussi les membres, les paiements et l’organisation',
    youAreMember: 'vous gérez le catalogue et les commandes',
  },
  organisation: {
    member: 'passe et suit les commandes de l’organisation',
    owner: 'gère aussi les membres et l’organisation',
    youAreMember: 'vous passez et suivez ses commandes',
  },
};

/**
 * The members of an organization, its pending invitations, and the invitation form: for its owners. A member who is
 * not an owner sees who the owners are, and that this page is theirs.
 */
export function TeamPanel({
  organizationName,
  team,
  actionData,
  hidden,
}: {
  organizationName: string;
  team: TeamData;
  actionData: TeamActionData | undefined;
  /** The organization the page is about, posted back with each form (`producteur` or `organisation`). */
  hidden: { name: string; value: string };
}) {
  const navigation = useNavigation();
  const busyIntent = navigation.formData?.get('intent');
  const duties = ROLE_DUTIES[hidden.name] ?? ROLE_DUTIES.producteur;
  if (!team.isOwner) {
    const owners = team.members.filter((member) => member.role === 'OWNER');
    return (
      <div className="empty-state stack">
        <p>
          <strong>Cette page est réservée aux propriétaires de {organizationName}.</strong> Ils y invitent et retirent
          les membres.
        </p>
        <p>
          Vous en êtes membre&nbsp;: {duties.youAreMember}. Pour ajouter ou retirer quelqu’un, adressez-vous{' '}
          {owners.length === 1
            ? `à son propriétaire, ${owners[0].user.displayName}`
            : `à l’un de ses propriétaires\u00a0: ${owners.map((owner) => owner.user.displayName).join(', ')}`}
          .
        </p>
      </div>
    );
  }
  const invite = actionData?.intent === 'invite' ? actionData : undefined;
  const remove = actionData?.intent === 'remove' ? actionData : undefined;
  const inviteError = invite?.error;
  // The last owner stays (the API refuses it too): no button that can only fail.
  const lastOwner = team.members.filter((member) => member.role === 'OWNER').length === 1;
  return (
    <>
      <section className="card stack" aria-labelledby="membres-titre">
        <h2 id="membres-titre">Membres ({team.members.length})</h2>
        {remove?.done ? (
          <div className="alert alert--info" role="status">
            {remove.done} n’est plus membre de {organizationName}&nbsp;: son accès a pris fin.
          </div>
        ) : null}
        <FormAlert error={remove?.error} fields={[]} />
        <div className="table-scroll">
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr key={member.user.id}>
                  <th scope="row">
                    {member.user.displayName}
                    {member.user.id === team.viewerId ? <span className="muted"> (vous)</span> : null}
                  </th>
                  <td className="team-table__email">{member.user.email}</td>
                  <td>{ROLE_LABELS[member.role] ?? member.role}</td>
                  <td>
                    {lastOwner && member.role === 'OWNER' ? (
                      <span className="small muted">Seul propriétaire</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name={hidden.name} value={hidden.value} />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={member.user.id} />
                        <input type="hidden" name="name" value={member.user.displayName} />
                        <button
                          type="submit"
                          className="button--secondary"
                          disabled={busyIntent === 'remove'}
                          aria-label={`Retirer ${member.user.displayName}`}
                        >
                          Retirer
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card stack" aria-labelledby="invitations-titre">
        <h2 id="invitations-titre">Invitations en attente</h2>
        {team.invitations.length === 0 ? (
          <p className="muted">Aucune invitation en attente.</p>
        ) : (
          <ul className="team-invitations">
            {team.invitations.map((invitation) => (
              <li key={invitation.id}>
                <strong>{invitation.email}</strong> — {(ROLE_LABELS[invitation.role] ?? invitation.role).toLowerCase()},
                valable jusqu’au {date(invitation.expiresAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="inviter-titre">
        <h2 id="inviter-titre">Inviter quelqu’un</h2>
        <p className="muted small">
          La personne reçoit un e-mail avec un lien valable 7 jours. Elle l’accepte connectée avec cette adresse, ou en
          créant son compte avec elle.
        </p>
        {invite?.done ? (
          <div className="alert alert--info" role="status">
            Invitation envoyée à <strong>{invite.done}</strong>.
          </div>
        ) : null}
        <FormAlert error={inviteError} fields={['email', 'role']} />
        <Form method="post" noValidate className="team-invite">
          <input type="hidden" name={hidden.name} value={hidden.value} />
          <input type="hidden" name="intent" value="invite" />
          <div className="field">
            <label htmlFor="invite-email">Adresse e-mail</label>
            <input
              id="invite-email"
              name="email"
              type="email"
              autoComplete="off"
              required
              defaultValue={invite?.email}
              key={invite?.done ?? 'invite'}
              {...invalidProps(inviteError, 'email', 'invite-email-error')}
            />
            <FieldError error={inviteError} field="email" id="invite-email-error" />
          </div>
          <fieldset>
            <legend>Rôle</legend>
            <label className="choice">
              <input type="radio" name="role" value="MEMBER" defaultChecked={invite?.role !== 'OWNER'} />
              <span>
                <strong>Membre</strong> — {duties.member}
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="role" value="OWNER" defaultChecked={invite?.role === 'OWNER'} />
              <span>
                <strong>Propriétaire</strong> — {duties.owner}
              </span>
            </label>
          </fieldset>
          <button type="submit" disabled={busyIntent === 'invite'}>
            {busyIntent === 'invite' ? 'Envoi…' : 'Envoyer l’invitation'}
          </button>
        </Form>
      </section>
    </>
  );
}
