import { useId } from 'react';
import { data, Link } from 'react-router';
import type { Route } from './+types/applications';
import { FormAlert } from '../../components/FieldError';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { APPROVAL_STATUS_LABELS, countOf, dateTime } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import {
  BrandManagersOnly,
  brandPageHref,
  PendingVerificationNotice,
  territoryOf,
  UnknownBrandNotice,
  BrandSwitcher,
} from './brand-pages';
import { chooseBrand } from './brands.server';
import { DecisionForm } from './DecisionForm';

const BRAND_APPLICATIONS = graphql(`
  query BrandApplications($slug: String!) {
    brand(slug: $slug) {
      id
      members {
        id
        status
        message
        reason
        decidedAt
        decidedBy {
          displayName
        }
        producer {
          id
          name
          address {
            city
            postalCode
            departmentCode
          }
        }
      }
    }
  }
`);

const DECIDE = graphql(`
  mutation DecideBrandMembership($id: ID!, $approve: Boolean!, $reason: String) {
    decideBrandMembership(id: $id, approve: $approve, reason: $reason) {
      id
      status
      producer {
        name
      }
    }
  }
`);

type Membership = NonNullable<ResultOf<typeof BRAND_APPLICATIONS>['brand']>['members'][number];

export const meta: Route.MetaFunction = () => [
  { title: 'Candidatures des producteurs — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBrand(request, context);
  const { brand } = choice;
  if (!brand) return { kind: 'not-a-brand-manager' as const };
  const { brand: found } = await apiQuery(callerOf(context), BRAND_APPLICATIONS, { slug: brand.slug });
  const members = found?.members ?? [];
  const decidedFirst = (a: Membership, b: Membership) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '');
  return {
    kind: 'applications' as const,
    ...choice,
    brand,
    pending: members.filter((member) => member.status === 'PENDING'),
    decided: members.filter((member) => member.status !== 'PENDING').sort(decidedFirst),
  };
}

/** A decision on one application: "accepter", or "refuser" with its reason (the API asks for one). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const membershipId = String(form.get('candidature') ?? '');
  const reasonText = String(form.get('motif') ?? '');
  const decision = form.get('decision');
  if (decision !== 'accepter' && decision !== 'refuser') throw data('Décision inconnue.', { status: 400 });
  try {
    const { decideBrandMembership } = await apiMutation(callerOf(context), DECIDE, {
      id: membershipId,
      approve: decision === 'accepter',
      reason: reasonText.trim() || null,
    });
    return {
      decided: { producerName: decideBrandMembership.producer.name, status: decideBrandMembership.status },
      failed: null,
    };
  } catch (error) {
    return data({ decided: null, failed: { membershipId, error: formErrorOf(error), reasonText } }, { status: 400 });
  }
}

type Failure = { membershipId: string; error: FormError; reasonText: string };

export default function BrandApplications({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Candidatures des producteurs" />;
  const { brands, brand, unknownBrand, pending, decided } = loaderData;
  const failure = actionData?.failed ?? null;
  const failureOf = (membership: Membership) => (failure?.membershipId === membership.id ? failure : null);
  return (
    <div className="stack brand-applications-page">
      <p className="breadcrumb">
        <Link to={brandPageHref('/marque', { brands, brand })}>Tableau de bord de {brand.name}</Link>
      </p>
      <h1>Candidatures des producteurs</h1>
      <p className="muted">
        Les producteurs du territoire de {brand.name} ({territoryOf(brand)}) qui demandent à rejoindre la marque. Le
        producteur est prévenu de votre décision et lit son motif.
      </p>
      {unknownBrand ? <UnknownBrandNotice brand={brand} /> : null}
      <PendingVerificationNotice brand={brand} />
      <BrandSwitcher path="/marque/candidatures" brands={brands} brand={brand} />
      <div role="status" className={actionData?.decided ? 'alert alert--info' : undefined}>
        {actionData?.decided
          ? `La candidature de ${actionData.decided.producerName} est ${(APPROVAL_STATUS_LABELS[actionData.decided.status] ?? actionData.decided.status).toLowerCase()}.`
          : null}
      </div>
      {failure && !pending.some((membership) => membership.id === failure.membershipId) ? (
        <FormAlert error={failure.error} fields={[]} />
      ) : null}
      <section className="stack" aria-labelledby="en-attente">
        <h2 id="en-attente">En attente ({countOf(pending.length, 'candidature')})</h2>
        {pending.length === 0 ? (
          <p className="empty-state">
            Aucune candidature en attente. Les nouvelles vous sont aussi annoncées par e-mail.
          </p>
        ) : (
          <ul className="brand-applications">
            {pending.map((membership) => (
              <li key={membership.id}>
                <PendingApplication membership={membership} failure={failureOf(membership)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <DecidedApplications decided={decided} />
    </div>
  );
}

function PendingApplication({ membership, failure }: { membership: Membership; failure: Failure | null }) {
  const headingId = useId();
  const { producer } = membership;
  return (
    <article className="card brand-application" aria-labelledby={headingId}>
      <h3 id={headingId}>{producer.name}</h3>
      <p className="muted">
        {[producer.address.postalCode, producer.address.city].filter(Boolean).join(' ')}
        {producer.address.departmentCode ? ` (département ${producer.address.departmentCode})` : ''}
      </p>
      {membership.message ? (
        <blockquote>{membership.message}</blockquote>
      ) : (
        <p className="small muted">Sans message.</p>
      )}
      <DecisionForm
        idField="candidature"
        id={membership.id}
        failure={failure}
        approveValue="accepter"
        approveLabel="Accepter"
        reasonHint="Obligatoire pour un refus : le producteur le lira. Facultatif pour une acceptation."
      />
    </article>
  );
}

function DecidedApplications({ decided }: { decided: Membership[] }) {
  return (
    <section className="stack" aria-labelledby="decidees">
      <h2 id="decidees">Décisions prises</h2>
      {decided.length === 0 ? (
        <p>Aucune décision pour l’instant.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Décisions prises : tableau">
          <table className="brand-decisions">
            <thead>
              <tr>
                <th scope="col">Producteur</th>
                <th scope="col">Décision</th>
                <th scope="col">Le</th>
                <th scope="col">Par</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((membership) => (
                <tr key={membership.id}>
                  <th scope="row">
                    {membership.producer.name}
                    {membership.producer.address.city ? (
                      <span className="small muted"> — {membership.producer.address.city}</span>
                    ) : null}
                  </th>
                  <td>
                    <span className={`tag tag--decision-${membership.status.toLowerCase()}`}>
                      {APPROVAL_STATUS_LABELS[membership.status] ?? membership.status}
                    </span>
                  </td>
                  <td>{membership.decidedAt ? dateTime(membership.decidedAt) : '—'}</td>
                  <td>{membership.decidedBy?.displayName ?? '—'}</td>
                  <td>{membership.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
