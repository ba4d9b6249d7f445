import { useId } from 'react';
import { Link } from 'react-router';
import type { Route } from './+types/applications';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery } from '../../lib/api.server';
import { APPROVAL_STATUS_LABELS, countOf } from '../../lib/format';
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
import { DecisionForm, WithdrawForm, type DecisionFailure } from './DecisionForm';
import { DecisionOutcome, DecisionsTable, PendingQueue } from './DecisionQueue';
import { decisionAction } from './decisions.server';

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

/**
 * A decision on one application: "accepter", or "refuser" with its reason (the API asks for one); or "retirer" an
 * approved member from the brand, with its reason too.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return decisionAction(request, context, 'candidature', 'accepter', async (id, approve, reason) => {
    const { decideBrandMembership } = await apiMutation(callerOf(context), DECIDE, { id, approve, reason });
    return { producerName: decideBrandMembership.producer.name, status: decideBrandMembership.status };
  });
}

export default function BrandApplications({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Candidatures des producteurs" />;
  const { brands, brand, unknownBrand, pending, decided } = loaderData;
  const failure = actionData?.failed ?? null;
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
      <DecisionOutcome
        decided={
          actionData?.decided
            ? actionData.decided.status === 'REVOKED'
              ? `${actionData.decided.producerName} ne fait plus partie de ${brand.name}\u00a0: ses produits n’affichent plus le label.`
              : `La candidature de ${actionData.decided.producerName} est ${(APPROVAL_STATUS_LABELS[actionData.decided.status] ?? actionData.decided.status).toLowerCase()}.`
            : null
        }
        failure={failure}
        formIds={[...pending, ...decided.filter((membership) => membership.status === 'APPROVED')].map(
          (membership) => membership.id,
        )}
      />
      <PendingQueue
        heading={`En attente (${countOf(pending.length, 'candidature')})`}
        emptyText="Aucune candidature en attente. Les nouvelles vous sont aussi annoncées par e-mail."
        items={pending}
      >
        {(membership) => (
          <PendingApplication membership={membership} failure={failure?.id === membership.id ? failure : null} />
        )}
      </PendingQueue>
      <DecisionsTable
        heading="Décisions prises"
        subjectHeading="Producteur"
        rows={decided.map((membership) => ({
          ...membership,
          subject: (
            <>
              {membership.producer.name}
              {membership.producer.address.city ? (
                <span className="small muted"> — {membership.producer.address.city}</span>
              ) : null}
            </>
          ),
          statusLabel: APPROVAL_STATUS_LABELS[membership.status] ?? membership.status,
          action:
            membership.status === 'APPROVED' ? (
              <WithdrawForm
                idField="candidature"
                id={membership.id}
                failure={failure?.id === membership.id ? failure : null}
                subject={`${membership.producer.name} de la marque`}
                consequence={`${membership.producer.name} quittera ${brand.name}\u00a0: ses produits perdront aussitôt le label et ne compteront plus dans vos chiffres. Le producteur lira votre motif et pourra candidater à nouveau.`}
                submitLabel="Retirer de la marque"
              />
            ) : null,
        }))}
      />
    </div>
  );
}

function PendingApplication({ membership, failure }: { membership: Membership; failure: DecisionFailure | null }) {
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
        reasonHint="Obligatoire pour un refus&nbsp;: le producteur le lira. Facultatif pour une acceptation."
      />
    </article>
  );
}
