import { useId } from 'react';
import { data, Link } from 'react-router';
import type { Route } from './+types/labels';
import { FormAlert } from '../../components/FieldError';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { CATEGORY_LABELS, countOf, dateTime, LABEL_STATUS_LABELS } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import {
  BrandManagersOnly,
  brandPageHref,
  PendingVerificationNotice,
  UnknownBrandNotice,
  BrandSwitcher,
} from './brand-pages';
import { chooseBrand } from './brands.server';
import { DecisionForm } from './DecisionForm';

/** What the queue and the decisions show of a label request: one selection for the three lists. */
const BRAND_LABEL_FIELDS = graphql(`
  fragment BrandLabelFields on ProductLabel @_unmask {
    id
    status
    reason
    requestedAt
    decidedAt
    suspended
    decidedBy {
      displayName
    }
    product {
      id
      slug
      name
      category
      producer {
        id
        name
        address {
          city
        }
      }
    }
  }
`);

const PENDING_LABELS = graphql(
  `
    query BrandLabelQueue($brandId: ID!, $after: String) {
      productLabels(brandId: $brandId, status: PENDING, first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...BrandLabelFields
          }
        }
      }
    }
  `,
  [BRAND_LABEL_FIELDS],
);

/** The latest decisions, newest first: two small queries' worth (the API caps a request's cost). */
const DECIDED_LABELS = graphql(
  `
    query BrandLabelDecisions($brandId: ID!) {
      approved: productLabels(brandId: $brandId, status: APPROVED, first: 10) {
        edges {
          node {
            ...BrandLabelFields
          }
        }
      }
      rejected: productLabels(brandId: $brandId, status: REJECTED, first: 10) {
        edges {
          node {
            ...BrandLabelFields
          }
        }
      }
    }
  `,
  [BRAND_LABEL_FIELDS],
);

const DECIDE = graphql(`
  mutation DecideProductLabel($id: ID!, $approve: Boolean!, $reason: String) {
    decideProductLabel(id: $id, approve: $approve, reason: $reason) {
      id
      status
      product {
        name
      }
    }
  }
`);

type Label = ResultOf<typeof PENDING_LABELS>['productLabels']['edges'][number]['node'];
type Failure = { labelId: string; error: FormError; reasonText: string };

export const meta: Route.MetaFunction = () => [
  { title: 'Demandes de label — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBrand(request, context);
  const { brand } = choice;
  if (!brand) return { kind: 'not-a-brand-manager' as const };
  const after = new URL(request.url).searchParams.get('apres') || null;
  const caller = callerOf(context);
  const [queue, decisions] = await Promise.all([
    apiQuery(caller, PENDING_LABELS, { brandId: brand.id, after }).then(
      (result) => ({ result: result.productLabels, error: null }),
      (failure: unknown) => ({ result: null, error: formErrorOf(failure) }),
    ),
    apiQuery(caller, DECIDED_LABELS, { brandId: brand.id }).then(
      (result) => ({ result, error: null }),
      (failure: unknown) => ({ result: null, error: formErrorOf(failure) }),
    ),
  ]);
  const nodes = (connection?: { edges: { node: Label }[] }) => connection?.edges.map((edge) => edge.node) ?? [];
  const decided = [...nodes(decisions.result?.approved), ...nodes(decisions.result?.rejected)].sort((a, b) =>
    (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''),
  );
  return {
    kind: 'labels' as const,
    ...choice,
    brand,
    after,
    error: queue.error ?? decisions.error,
    pending: nodes(queue.result ?? undefined),
    pendingCount: queue.result?.totalCount ?? 0,
    nextCursor: queue.result?.pageInfo.hasNextPage ? queue.result.pageInfo.endCursor : null,
    decided,
  };
}

/** A decision on one label request: "accorder", or "refuser" with its reason (the API asks for one). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const labelId = String(form.get('label') ?? '');
  const reasonText = String(form.get('motif') ?? '');
  const decision = form.get('decision');
  if (decision !== 'accorder' && decision !== 'refuser') throw data('Décision inconnue.', { status: 400 });
  try {
    const { decideProductLabel } = await apiMutation(callerOf(context), DECIDE, {
      id: labelId,
      approve: decision === 'accorder',
      reason: reasonText.trim() || null,
    });
    return {
      decided: { productName: decideProductLabel.product.name, status: decideProductLabel.status },
      failed: null,
    };
  } catch (error) {
    return data({ decided: null, failed: { labelId, error: formErrorOf(error), reasonText } }, { status: 400 });
  }
}

const DECIDED_WORDS: Record<string, string> = { APPROVED: 'accordé', REJECTED: 'refusé', REVOKED: 'retiré' };

export default function BrandLabels({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Demandes de label" />;
  const { brands, brand, unknownBrand, pending, pendingCount, nextCursor, decided, after, error } = loaderData;
  const failure = actionData?.failed ?? null;
  const here = (extra?: Record<string, string>) => {
    const params = new URLSearchParams({ ...(brands.length > 1 ? { marque: brand.slug } : {}), ...extra });
    return `/marque/labels${params.size ? `?${params}` : ''}`;
  };
  return (
    <div className="stack brand-applications-page">
      <p className="breadcrumb">
        <Link to={brandPageHref('/marque', { brands, brand })}>Tableau de bord de {brand.name}</Link>
      </p>
      <h1>Demandes de label</h1>
      <p className="muted">
        Les produits pour lesquels les producteurs membres de {brand.name} demandent le label. Un label accordé
        s’affiche sur la fiche publique du produit ; le producteur lit le motif de votre décision.
      </p>
      {unknownBrand ? <UnknownBrandNotice brand={brand} /> : null}
      <PendingVerificationNotice brand={brand} />
      <BrandSwitcher path="/marque/labels" brands={brands} brand={brand} />
      <FormAlert error={error} fields={[]} />
      <div role="status" className={actionData?.decided ? 'alert alert--info' : undefined}>
        {actionData?.decided
          ? `Le label de « ${actionData.decided.productName} » est ${DECIDED_WORDS[actionData.decided.status] ?? (LABEL_STATUS_LABELS[actionData.decided.status] ?? actionData.decided.status).toLowerCase()}.`
          : null}
      </div>
      {failure && !pending.some((label) => label.id === failure.labelId) ? (
        <FormAlert error={failure.error} fields={[]} />
      ) : null}
      <section className="stack" aria-labelledby="en-attente">
        <h2 id="en-attente">En attente ({countOf(pendingCount, 'demande')})</h2>
        {pending.length === 0 ? (
          <p className="empty-state">
            Aucune demande de label en attente. Les nouvelles vous sont aussi annoncées par e-mail.
          </p>
        ) : (
          <ul className="brand-applications">
            {pending.map((label) => (
              <li key={label.id}>
                <PendingLabel label={label} failure={failure?.labelId === label.id ? failure : null} />
              </li>
            ))}
          </ul>
        )}
        <nav className="row" aria-label="Pages des demandes en attente">
          {after ? <Link to={here()}>Premières demandes</Link> : null}
          {nextCursor ? <Link to={here({ apres: nextCursor })}>Demandes suivantes</Link> : null}
        </nav>
      </section>
      <DecidedLabels decided={decided} />
    </div>
  );
}

function PendingLabel({ label, failure }: { label: Label; failure: Failure | null }) {
  const headingId = useId();
  const { product } = label;
  return (
    <article className="card brand-application" aria-labelledby={headingId}>
      <h3 id={headingId}>{product.name}</h3>
      <p className="muted">
        {product.producer.name}
        {product.producer.address.city ? ` — ${product.producer.address.city}` : ''} ·{' '}
        {CATEGORY_LABELS[product.category] ?? product.category}
      </p>
      <p className="small muted">
        Demandé le {dateTime(label.requestedAt)} ·{' '}
        <Link to={`/produits/${product.slug}`}>voir la fiche du produit</Link>
      </p>
      <DecisionForm
        idField="label"
        id={label.id}
        failure={failure}
        approveValue="accorder"
        approveLabel="Accorder le label"
        reasonHint="Obligatoire pour un refus : le producteur le lira. Facultatif pour un label accordé."
      />
    </article>
  );
}

function DecidedLabels({ decided }: { decided: Label[] }) {
  return (
    <section className="stack" aria-labelledby="decidees">
      <h2 id="decidees">Dernières décisions</h2>
      {decided.length === 0 ? (
        <p>Aucune décision pour l’instant.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Dernières décisions : tableau">
          <table className="brand-decisions">
            <thead>
              <tr>
                <th scope="col">Produit</th>
                <th scope="col">Décision</th>
                <th scope="col">Le</th>
                <th scope="col">Par</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((label) => (
                <tr key={label.id}>
                  <th scope="row">
                    {label.product.name}
                    <span className="small muted"> — {label.product.producer.name}</span>
                  </th>
                  <td>
                    <span className={`tag tag--decision-${label.status.toLowerCase()}`}>
                      {LABEL_STATUS_LABELS[label.status] ?? label.status}
                    </span>
                    {label.suspended ? (
                      <span className="small muted"> (suspendu : le producteur n’est plus membre)</span>
                    ) : null}
                  </td>
                  <td>{label.decidedAt ? dateTime(label.decidedAt) : '—'}</td>
                  <td>{label.decidedBy?.displayName ?? '—'}</td>
                  <td>{label.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
