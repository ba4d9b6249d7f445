import { Form, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { dateTime, siretText } from '../../lib/format';
import { FieldError, FormAlert, invalidProps } from '../FieldError';

/** An organization awaiting verification, as /admin's loader reads it (organization-verification.server.ts). */
export interface AwaitingOrganization {
  id: string;
  name: string;
  kind: string;
  siret?: string | null;
  address: { line1: string; postalCode: string; city?: string | null };
  verification: {
    sirene?: {
      outcome: string;
      active?: boolean | null;
      legalName?: string | null;
      address?: string | null;
      error?: string | null;
      checkedAt: string;
    } | null;
  };
}

interface Failure {
  target: string;
  text: string;
  error: FormError;
}

const KIND_LABELS: Record<string, string> = { PRODUCER: 'Producteur', BUSINESS: 'Entreprise', BRAND: 'Marque' };

/**
 * /admin's « Organisations à vérifier »: each claim of a SIRET with what was typed beside what the SIRENE directory
 * says (active or closed, registered name and address), and a decision with its reason (issue #20 item 5).
 */
export function OrganizationVerifications({
  organizations,
  totalCount,
  failure,
}: {
  organizations: AwaitingOrganization[];
  totalCount: number;
  failure: Failure | null;
}) {
  const claimsOf = (siret: string | null | undefined) =>
    siret ? organizations.filter((organization) => organization.siret === siret).length : 0;
  return (
    <section className="stack" aria-labelledby="organisations">
      <h2 id="organisations">Organisations à vérifier ({totalCount})</h2>
      <p className="muted small">
        Un SIRET saisi ne prouve pas qui l’a saisi. Tant que vous n’avez pas vérifié une organisation, un producteur ne
        reçoit ni commande payée sur facture ni versement, et il n’émet aucune facture. Vérifier une demande refuse les
        autres demandes du même SIRET.
      </p>
      {organizations.length === 0 ? (
        <p className="empty-state">Aucune organisation n’attend de vérification.</p>
      ) : (
        <ul className="admin-list">
          {organizations.map((organization) => (
            <li key={organization.id} className="card admin-card">
              <h3>
                {organization.name}{' '}
                <span className="muted small">({KIND_LABELS[organization.kind] ?? organization.kind})</span>
              </h3>
              {claimsOf(organization.siret) > 1 ? (
                <p className="alert alert--warning small">
                  {claimsOf(organization.siret)} organisations demandent ce SIRET&nbsp;: une seule pourra être vérifiée.
                </p>
              ) : null}
              <dl className="facts">
                <div>
                  <dt>Saisi sur Ancrage</dt>
                  <dd>
                    SIRET {organization.siret ? siretText(organization.siret) : '—'}
                    <br />
                    {organization.name}
                    <br />
                    {organization.address.line1}, {organization.address.postalCode} {organization.address.city ?? ''}
                  </dd>
                </div>
                <div>
                  <dt>Répertoire SIRENE</dt>
                  <dd>
                    <SireneAnswer sirene={organization.verification.sirene ?? null} />
                  </dd>
                </div>
              </dl>
              <DecisionForm
                organization={organization}
                failure={failure?.target === organization.id ? failure : null}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SireneAnswer({ sirene }: { sirene: NonNullable<AwaitingOrganization['verification']['sirene']> | null }) {
  if (!sirene) return <>Pas de réponse&nbsp;: le répertoire n’est pas configuré, ou la recherche est en cours.</>;
  if (sirene.outcome === 'NOT_FOUND')
    return <strong>Aucun établissement ne porte ce SIRET (consulté le {dateTime(sirene.checkedAt)}).</strong>;
  if (sirene.outcome !== 'FOUND')
    return (
      <>
        Le répertoire n’a pas répondu ({sirene.error ?? 'erreur'}, le {dateTime(sirene.checkedAt)}).
      </>
    );
  return (
    <>
      <strong>{sirene.active ? 'Établissement actif' : 'Établissement fermé'}</strong>
      <br />
      {sirene.legalName ?? 'Nom non diffusé'}
      <br />
      {sirene.address ?? 'Adresse non diffusée'}
      <br />
      <span className="muted small">Consulté le {dateTime(sirene.checkedAt)}</span>
    </>
  );
}

function DecisionForm({ organization, failure }: { organization: AwaitingOrganization; failure: Failure | null }) {
  const navigation = useNavigation();
  const busy =
    navigation.state === 'submitting' &&
    navigation.formData?.get('intent') === 'verifier-organisation' &&
    navigation.formData?.get('cible') === organization.id;
  const error = failure?.error ?? null;
  const reasonId = `verification-reason-${organization.id}`;
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="verifier-organisation" />
      <input type="hidden" name="cible" value={organization.id} />
      <div className="field">
        <label htmlFor={reasonId}>Motif de la décision pour {organization.name}</label>
        <textarea
          id={reasonId}
          name="texte"
          rows={2}
          maxLength={1000}
          required
          defaultValue={failure?.text ?? ''}
          {...invalidProps(error, 'reason', `${reasonId}-error`)}
        />
        <FieldError error={error} field="reason" id={`${reasonId}-error`} />
      </div>
      <FormAlert error={error} fields={['reason']} />
      <p className="row">
        <button type="submit" name="decision" value="VERIFIED" disabled={busy}>
          Vérifier {organization.name}
        </button>
        <button type="submit" name="decision" value="REJECTED" className="button--secondary" disabled={busy}>
          Refuser
        </button>
      </p>
    </Form>
  );
}
