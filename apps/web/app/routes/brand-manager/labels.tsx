import { useId } from 'react';
import { Link } from 'react-router';
import type { Route } from './+types/labels';
import { FormAlert } from '../../components/FieldError';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf } from '../../lib/api.server';
import { CATEGORY_LABELS, countOf, dateTime, LABEL_STATUS_LABELS } from '../../lib/format';
import { callerOf } from '../../lib/session.server';
import {
  BrandManagersOnly,
  brandPageHref,
  PendingVerificationNotice,
  UnknownBrandNotice,
  BrandSwitcher,
} from './brand-pages';
import { chooseBrand } from './brands.server';
import { DecisionForm, WithdrawForm, type DecisionFailure } from './DecisionForm';
import { DecisionOutcome, DecisionsTable, PendingQueue } from './DecisionQueue';
import { decisionAction } from './decisions.server';

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

/** The label requests of one status, 20 a page from the cursor `after`: the queue (oldest first), or decisions. */
const LABEL_PAGE = graphql(
  `
    query BrandLabelPage($brandId: ID!, $status: ApprovalStatus!, $after: String) {
      productLabels(brandId: $brandId, status: $status, first: 20, after: $after) {
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
      revoked: productLabels(brandId: $brandId, status: REVOKED, first: 10) {
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

/** `?decisions=`: one kind of decision, newest first, paged by `?apres-decisions=`, instead of the latest of each. */
const DECISION_VIEWS = {
  accordes: { status: 'APPROVED', tab: 'Accordés', heading: 'Labels accordés' },
  refuses: { status: 'REJECTED', tab: 'Refusés', heading: 'Labels refusés' },
  retires: { status: 'REVOKED', tab: 'Retirés', heading: 'Labels retirés' },
} as const;
type DecisionView = keyof typeof DECISION_VIEWS;
const isDecisionView = (value: string | null): value is DecisionView => value != null && value in DECISION_VIEWS;

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

type Label = ResultOf<typeof LABEL_PAGE>['productLabels']['edges'][number]['node'];

export const meta: Route.MetaFunction = () => [
  { title: 'Demandes de label — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBrand(request, context);
  const { brand } = choice;
  if (!brand) return { kind: 'not-a-brand-manager' as const };
  const params = new URL(request.url).searchParams;
  const after = params.get('apres') || null;
  const view = params.get('decisions');
  const decisionView = isDecisionView(view) ? view : null;
  const decisionsAfter = (decisionView && params.get('apres-decisions')) || null;
  const caller = callerOf(context);
  const outcome = <T,>(answer: Promise<T>) =>
    answer.then(
      (result) => ({ result, error: null }),
      (failure: unknown) => ({ result: null, error: formErrorOf(failure) }),
    );
  const [queue, decisions, decisionPage] = await Promise.all([
    outcome(
      apiQuery(caller, LABEL_PAGE, { brandId: brand.id, status: 'PENDING', after }).then(
        (result) => result.productLabels,
      ),
    ),
    decisionView ? null : outcome(apiQuery(caller, DECIDED_LABELS, { brandId: brand.id })),
    decisionView
      ? outcome(
          apiQuery(caller, LABEL_PAGE, {
            brandId: brand.id,
            status: DECISION_VIEWS[decisionView].status,
            after: decisionsAfter,
          }).then((result) => result.productLabels),
        )
      : null,
  ]);
  const nodes = (connection?: { edges: { node: Label }[] } | null) => connection?.edges.map((edge) => edge.node) ?? [];
  const decided = decisionPage
    ? nodes(decisionPage.result)
    : [
        ...nodes(decisions?.result?.approved),
        ...nodes(decisions?.result?.rejected),
        ...nodes(decisions?.result?.revoked),
      ].sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''));
  return {
    kind: 'labels' as const,
    ...choice,
    brand,
    after,
    error: queue.error ?? decisions?.error ?? decisionPage?.error ?? null,
    pending: nodes(queue.result),
    pendingCount: queue.result?.totalCount ?? 0,
    nextCursor: queue.result?.pageInfo.hasNextPage ? queue.result.pageInfo.endCursor : null,
    decided,
    decisionView,
    decisionsAfter,
    decidedCount: decisionPage?.result?.totalCount ?? null,
    nextDecisionsCursor: decisionPage?.result?.pageInfo.hasNextPage ? decisionPage.result.pageInfo.endCursor : null,
  };
}

/**
 * A decision on one label request: "accorder", or "refuser" with its reason (the API asks for one); or "retirer" an
 * approved label, with its reason too.
 */
export async function action({ request, context }: Route.ActionArgs) {
  return decisionAction(request, context, 'label', 'accorder', async (id, approve, reason) => {
    const { decideProductLabel } = await apiMutation(callerOf(context), DECIDE, { id, approve, reason });
    return { productName: decideProductLabel.product.name, status: decideProductLabel.status };
  });
}

const DECIDED_WORDS: Record<string, string> = { APPROVED: 'accordé', REJECTED: 'refusé', REVOKED: 'retiré' };

export default function BrandLabels({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Demandes de label" />;
  const {
    brands,
    brand,
    unknownBrand,
    pending,
    pendingCount,
    nextCursor,
    decided,
    after,
    error,
    decisionView,
    decisionsAfter,
    decidedCount,
    nextDecisionsCursor,
  } = loaderData;
  const failure = actionData?.failed ?? null;
  /** This page with both lists where they are, but for `changes` (a cursor, a kind of decision, or none). */
  const here = (changes: { apres?: string | null; decisions?: string | null; 'apres-decisions'?: string | null }) => {
    const where = { apres: after, decisions: decisionView, 'apres-decisions': decisionsAfter, ...changes };
    const params = new URLSearchParams(brands.length > 1 ? { marque: brand.slug } : {});
    for (const [name, value] of Object.entries(where)) if (value) params.set(name, value);
    return `/marque/labels${params.size ? `?${params}` : ''}`;
  };
  const decisionsHeading = decisionView
    ? `${DECISION_VIEWS[decisionView].heading} (${decidedCount ?? 0})`
    : 'Dernières décisions';
  return (
    <div className="stack brand-applications-page">
      <p className="breadcrumb">
        <Link to={brandPageHref('/marque', { brands, brand })}>Tableau de bord de {brand.name}</Link>
      </p>
      <h1>Demandes de label</h1>
      <p className="muted">
        Les produits pour lesquels les producteurs membres de {brand.name} demandent le label. Un label accordé
        s’affiche sur la fiche publique du produit&nbsp;; le producteur lit le motif de votre décision.
      </p>
      {unknownBrand ? <UnknownBrandNotice brand={brand} /> : null}
      <PendingVerificationNotice brand={brand} />
      <BrandSwitcher path="/marque/labels" brands={brands} brand={brand} />
      <FormAlert error={error} fields={[]} />
      <DecisionOutcome
        decided={
          actionData?.decided
            ? `Le label de «\u00a0${actionData.decided.productName}\u00a0» est ${DECIDED_WORDS[actionData.decided.status] ?? (LABEL_STATUS_LABELS[actionData.decided.status] ?? actionData.decided.status).toLowerCase()}.`
            : null
        }
        failure={failure}
        formIds={[...pending, ...decided.filter((label) => label.status === 'APPROVED')].map((label) => label.id)}
      />
      <PendingQueue
        heading={`En attente (${countOf(pendingCount, 'demande')})`}
        emptyText="Aucune demande de label en attente. Les nouvelles vous sont aussi annoncées par e-mail."
        items={pending}
        footer={
          <nav className="row" aria-label="Pages des demandes en attente">
            {after ? <Link to={here({ apres: null })}>Premières demandes</Link> : null}
            {nextCursor ? <Link to={here({ apres: nextCursor })}>Demandes suivantes</Link> : null}
          </nav>
        }
      >
        {(label) => <PendingLabel label={label} failure={failure?.id === label.id ? failure : null} />}
      </PendingQueue>
      <DecisionsTable
        heading={decisionsHeading}
        subjectHeading="Produit"
        nav={
          <nav className="producer-tabs" aria-label="Décisions par sorte">
            <Link
              to={here({ decisions: null, 'apres-decisions': null })}
              aria-current={decisionView ? undefined : 'page'}
            >
              Dernières
            </Link>
            {Object.entries(DECISION_VIEWS).map(([view, { tab }]) => (
              <Link
                key={view}
                to={here({ decisions: view, 'apres-decisions': null })}
                aria-current={decisionView === view ? 'page' : undefined}
              >
                {tab}
              </Link>
            ))}
          </nav>
        }
        footer={
          decisionView ? (
            decisionsAfter || nextDecisionsCursor ? (
              <nav className="pagination" aria-label="Pages des décisions">
                {decisionsAfter ? <Link to={here({ 'apres-decisions': null })}>Premières décisions</Link> : <span />}
                {nextDecisionsCursor ? (
                  <Link to={here({ 'apres-decisions': nextDecisionsCursor })} rel="next">
                    Décisions suivantes
                  </Link>
                ) : null}
              </nav>
            ) : null
          ) : (
            <p className="small muted">
              Les dix dernières de chaque sorte&nbsp;; toutes, page par page, sous «&nbsp;Accordés&nbsp;»,
              «&nbsp;Refusés&nbsp;» et «&nbsp;Retirés&nbsp;».
            </p>
          )
        }
        rows={decided.map((label) => ({
          ...label,
          subject: (
            <>
              {label.product.name}
              <span className="small muted"> — {label.product.producer.name}</span>
            </>
          ),
          statusLabel: LABEL_STATUS_LABELS[label.status] ?? label.status,
          note: label.suspended ? (
            <span className="small muted"> (suspendu&nbsp;: le producteur n’est plus membre)</span>
          ) : null,
          action:
            label.status === 'APPROVED' ? (
              <WithdrawForm
                idField="label"
                id={label.id}
                failure={failure?.id === label.id ? failure : null}
                subject={`le label de ${label.product.name}`}
                consequence={`«\u00a0${label.product.name}\u00a0» perdra le label ${brand.name}\u00a0: il ne l’affichera plus sur sa fiche ni dans le catalogue, et ses ventes ne compteront plus dans vos chiffres. ${label.product.producer.name} lira votre motif et pourra demander le label à nouveau.`}
                submitLabel="Retirer le label"
              />
            ) : null,
        }))}
      />
    </div>
  );
}

function PendingLabel({ label, failure }: { label: Label; failure: DecisionFailure | null }) {
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
        reasonHint="Obligatoire pour un refus&nbsp;: le producteur le lira. Facultatif pour un label accordé."
      />
    </article>
  );
}
