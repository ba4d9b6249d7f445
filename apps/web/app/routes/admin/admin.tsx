import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/admin';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { ExportJobs } from '../../components/admin/ExportJobs';
import { OrganizationVerifications } from '../../components/admin/OrganizationVerifications';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { countOf, dateTime, departments, euros, siretText } from '../../lib/format';
import { cursorParam, firstPageOnBadCursor, pageHref as listPageHref } from '../../lib/page-cursor';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { recentExportJobs } from './export-jobs.server';
import { decideVerification, organizationsAwaitingVerification } from './organization-verification.server';

const ADMIN_CHECK = graphql(`
  query AdminCheck {
    me {
      id
      isPlatformAdmin
    }
  }
`);

const ADMIN_PAGE = graphql(`
  query AdminPage($jobsAfter: String, $logAfter: String) {
    adminBrands(status: PENDING_VERIFICATION) {
      id
      name
      slug
      departmentCodes
      organization {
        id
        name
      }
    }
    commissionRate {
      rate
      setAt
      setBy {
        displayName
      }
    }
    failedJobs(first: 10, after: $jobsAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          topic
          attempts
          lastError
          createdAt
          failedAt
        }
      }
    }
    auditLog(first: 20, after: $logAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          targetType
          targetId
          reason
          details
          recordedAt
          actor {
            displayName
            email
          }
        }
      }
    }
  }
`);

const ADMIN_SEARCH = graphql(`
  query AdminSearch($search: String, $kind: OrganizationKind, $usersAfter: String, $organizationsAfter: String) {
    adminUsers(search: $search, first: 20, after: $usersAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          displayName
          isPlatformAdmin
          disabledAt
          mfaEnabledAt
          createdAt
        }
      }
    }
    adminOrganizations(search: $search, kind: $kind, first: 20, after: $organizationsAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          siret
          slug
          address {
            city
            postalCode
          }
        }
      }
    }
  }
`);

const VERIFY_BRAND = graphql(`
  mutation AdminVerifyBrand($id: ID!) {
    verifyBrand(id: $id) {
      id
      name
      status
    }
  }
`);

const RESET_SECOND_FACTOR = graphql(`
  mutation ResetSecondFactor($id: ID!, $reason: String!) {
    resetSecondFactor(id: $id, reason: $reason) {
      id
      email
      mfaEnabledAt
    }
  }
`);

const DISABLE_USER = graphql(`
  mutation AdminDisableUser($id: ID!, $reason: String!) {
    disableUser(id: $id, reason: $reason) {
      id
      email
      disabledAt
    }
  }
`);

const SET_COMMISSION = graphql(`
  mutation AdminSetCommission($rate: Float!) {
    setCommissionRate(rate: $rate) {
      rate
      setAt
    }
  }
`);

const RETRY_JOB = graphql(`
  mutation AdminRetryJob($id: ID!) {
    retryJob(id: $id) {
      id
      topic
    }
  }
`);

const REFUND_PAYMENT = graphql(`
  mutation AdminRefundPayment($orderId: ID!, $amountCents: Int!, $reason: String!) {
    refundPayment(orderId: $orderId, amountCents: $amountCents, reason: $reason) {
      id
      status
      amountCents
      refundedCents
    }
  }
`);

/** The order a customer quotes to support by its number (« 261206-P7RZCX », in every e-mail and on its page). */
const ORDER_BY_NUMBER = graphql(`
  query AdminOrderByNumber($number: String!) {
    orderByNumber(number: $number) {
      id
      number
    }
  }
`);

/** Each list's cursor parameter (`?comptes=<cursor>`: the found accounts from that one on). */
const CURSORS = {
  users: 'comptes',
  organizations: 'organisations',
  jobs: 'taches',
  log: 'journal',
  exports: 'exports',
} as const;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A refund's amount typed in euros ("12,50", "12.5 €") in cents; null when it is not a positive amount. */
function centsOf(text: string): number | null {
  const value = Number(text.replace(/[\s€]/g, '').replace(',', '.'));
  return text.trim() && Number.isFinite(value) && value > 0 ? Math.round(value * 100) : null;
}

/** The French message for a refused refund, by the field or the code the API answered. */
function refundError(error: FormError): FormError {
  if (error.code === 'NOT_FOUND')
    return { ...error, field: 'order', message: 'Aucun paiement par carte pour cette commande.' };
  if (error.code === 'INVALID_STATE_TRANSITION' && error.reason === 'PAYMENT_DISPUTED')
    return {
      ...error,
      field: 'order',
      message:
        'La banque du client conteste ce paiement\u00a0: il ne peut plus être remboursé. C’est l’issue de la contestation qui décide de ce qui lui est rendu.',
    };
  if (error.code === 'INVALID_STATE_TRANSITION')
    return {
      ...error,
      field: 'order',
      message: 'Seul un paiement par carte abouti se rembourse\u00a0: celui-ci n’est pas payé, ou l’est sur facture.',
    };
  if (error.code === 'BAD_USER_INPUT' && error.field === 'amountCents')
    return { ...error, field: 'amount', message: 'Indiquez un montant en euros, plus grand que zéro.' };
  const left = /^Only ([\d.]+) € of this payment can still be refunded/.exec(error.message);
  if (error.code === 'CONFLICT' && left)
    return {
      ...error,
      field: 'amount',
      message: `Il ne reste que ${euros(Math.round(Number(left[1]) * 100))} à rembourser sur ce paiement.`,
    };
  if (error.code === 'CONFLICT')
    return {
      ...error,
      message: 'Ce paiement est encore en cours de répartition entre les producteurs\u00a0: réessayez dans une minute.',
    };
  return error;
}

const PAYMENT_STATUS_WORDS: Record<string, string> = {
  PARTIALLY_REFUNDED: 'remboursé en partie',
  REFUNDED: 'remboursé en totalité',
};

type AuditEntry = ResultOf<typeof ADMIN_PAGE>['auditLog']['edges'][number]['node'];
type FoundUser = ResultOf<typeof ADMIN_SEARCH>['adminUsers']['edges'][number]['node'];

const KIND_LABELS: Record<string, string> = { PRODUCER: 'Producteur', BUSINESS: 'Entreprise', BRAND: 'Marque' };

const ACTION_LABELS: Record<string, string> = {
  'user.disabled': 'Compte désactivé',
  'user.second_factor_reset': 'Double authentification réinitialisée',
  'brand.verified': 'Marque vérifiée',
  'organization.verified': 'Organisation vérifiée',
  'organization.rejected': 'Organisation refusée',
  'commission.set': 'Commission modifiée',
  'job.retried': 'Tâche relancée',
  'payment.refunded': 'Paiement remboursé',
  'platform-admin.granted': 'Droits d’administration accordés',
  'membership.granted': 'Rôle attribué',
  'membership.removed': 'Membre retiré',
};

const ROLE_LABELS: Record<string, string> = { OWNER: 'propriétaire', MEMBER: 'membre' };

/** The reasons the platform writes itself (a person's reason is shown as they wrote it). */
const SYSTEM_REASONS: Record<string, string> = {
  'created the organization': 'a créé l’organisation',
  'invitation accepted': 'invitation acceptée',
  'npm run admin:grant': 'ligne de commande (npm run admin:grant)',
};

const percentFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percentOf = (rate: number) => `${percentFormat.format(rate * 100)} %`;

export const meta: Route.MetaFunction = () => [
  { title: 'Administration — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

/** Platform admins only: anyone else signed in gets the "page not found" page, as if it did not exist. */
async function requireAdmin(request: Request, context: Route.LoaderArgs['context']): Promise<string> {
  requireSignIn(request, context);
  const { me } = await apiQuery(callerOf(context), ADMIN_CHECK, {});
  if (!me.isPlatformAdmin) throw data('Page introuvable', { status: 404 });
  return me.id;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const viewerId = await requireAdmin(request, context);
  const url = new URL(request.url);
  const params = url.searchParams;
  const search = params.get('q')?.trim() ?? '';
  const kind = params.get('type');
  const organizationKind = kind === 'PRODUCER' || kind === 'BUSINESS' || kind === 'BRAND' ? kind : null;
  const jobsAfter = cursorParam(params, CURSORS.jobs);
  const logAfter = cursorParam(params, CURSORS.log);
  const exportsAfter = cursorParam(params, CURSORS.exports);
  const usersAfter = cursorParam(params, CURSORS.users);
  const organizationsAfter = cursorParam(params, CURSORS.organizations);
  const caller = callerOf(context);
  const exportJobsLoading = firstPageOnBadCursor(recentExportJobs(caller, exportsAfter), url, [CURSORS.exports]);
  exportJobsLoading.catch(() => undefined); // awaited below, after the other reads
  const [page, verifications, found] = await Promise.all([
    firstPageOnBadCursor(apiQuery(caller, ADMIN_PAGE, { jobsAfter, logAfter }), url, [CURSORS.jobs, CURSORS.log]),
    organizationsAwaitingVerification(caller),
    search || organizationKind
      ? firstPageOnBadCursor(
          apiQuery(caller, ADMIN_SEARCH, {
            search: search || null,
            kind: organizationKind,
            usersAfter,
            organizationsAfter,
          }),
          url,
          [CURSORS.users, CURSORS.organizations],
        ).then(
          (result) => ({ result, error: null }),
          // A redirect (a bad cursor) is not an ApiError: formErrorOf throws it on.
          (failure: unknown) => ({ result: null, error: formErrorOf(failure) }),
        )
      : Promise.resolve(null),
  ]);
  return {
    search,
    kind: organizationKind,
    jobsAfter,
    logAfter,
    usersAfter,
    organizationsAfter,
    page,
    verifications,
    found,
    viewerId,
    exportsAfter,
    exportJobs: await exportJobsLoading,
  };
}

type Outcome = {
  done: string | null;
  failed: { intent: string; target: string; error: FormError; text: string; amount?: string } | null;
};

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin(request, context);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const target = String(form.get('cible') ?? '');
  const text = String(form.get('texte') ?? '');
  const caller = callerOf(context);
  if (intent === 'verifier-organisation') return decideVerification(caller, form);
  try {
    if (intent === 'verifier-marque') {
      const { verifyBrand } = await apiMutation(caller, VERIFY_BRAND, { id: target });
      return {
        done: `${verifyBrand.name} est vérifiée\u00a0: elle apparaît publiquement et peut accepter producteurs et labels.`,
        failed: null,
      } satisfies Outcome;
    }
    if (intent === 'desactiver') {
      const { disableUser } = await apiMutation(caller, DISABLE_USER, { id: target, reason: text });
      return {
        done: `Le compte ${disableUser.email} est désactivé\u00a0; ses sessions sont terminées.`,
        failed: null,
      } satisfies Outcome;
    }
    if (intent === 'reinitialiser-2fa') {
      const { resetSecondFactor } = await apiMutation(caller, RESET_SECOND_FACTOR, { id: target, reason: text });
      return {
        done: `La double authentification de ${resetSecondFactor.email} est effacée\u00a0; ses sessions sont terminées et un e-mail lui dit comment en configurer une nouvelle.`,
        failed: null,
      } satisfies Outcome;
    }
    if (intent === 'commission') {
      const percent = Number(text.replace(/\s/g, '').replace('%', '').replace(',', '.'));
      if (!text.trim() || !Number.isFinite(percent)) {
        return data(
          {
            done: null,
            failed: {
              intent,
              target,
              text,
              error: {
                message: 'Indiquez la commission en pourcentage, par exemple 5 ou 5,25.',
                code: 'BAD_USER_INPUT',
                field: 'rate',
              },
            },
          } satisfies Outcome,
          { status: 400 },
        );
      }
      const { setCommissionRate } = await apiMutation(caller, SET_COMMISSION, {
        rate: Math.round(percent * 100) / 10_000,
      });
      return {
        done: `La commission est désormais de ${percentOf(setCommissionRate.rate)} pour les paiements par carte commencés à partir de maintenant.`,
        failed: null,
      } satisfies Outcome;
    }
    if (intent === 'rembourser') {
      // The order's id in a pasted address, or the number the customer quoted (named by its number in the outcome).
      const byId = target.match(UUID)?.[0] ?? null;
      const byNumber =
        byId || !target.trim()
          ? null
          : await apiQuery(caller, ORDER_BY_NUMBER, { number: target.trim() }).then(
              (answer) => answer.orderByNumber,
              () => null,
            );
      const orderId = byId ?? byNumber?.id ?? null;
      const amountCents = centsOf(String(form.get('montant') ?? ''));
      const invalid = (field: string, message: string) =>
        data(
          {
            done: null,
            failed: {
              intent,
              target,
              text,
              amount: String(form.get('montant') ?? ''),
              error: { message, code: 'BAD_USER_INPUT', field },
            },
          } satisfies Outcome,
          { status: 400 },
        );
      if (!orderId)
        return invalid(
          'order',
          target.trim()
            ? `Aucune commande ne porte le numéro «\u00a0${target.trim()}\u00a0»\u00a0: vérifiez-le avec le client, ou collez l’adresse de sa page (/commandes/…).`
            : 'Indiquez le numéro de la commande (ex.\u00a0: 261206-P7RZCX), ou collez l’adresse de sa page (/commandes/…).',
        );
      if (amountCents === null) return invalid('amount', 'Indiquez un montant en euros, plus grand que zéro.');
      if (!text.trim()) return invalid('reason', 'Dites pourquoi\u00a0: le motif est inscrit au journal.');
      try {
        const { refundPayment } = await apiMutation(caller, REFUND_PAYMENT, { orderId, amountCents, reason: text });
        return {
          done: `${euros(amountCents)} remboursés sur la commande ${byNumber?.number ?? orderId}\u00a0: paiement ${PAYMENT_STATUS_WORDS[refundPayment.status] ?? refundPayment.status} (${euros(refundPayment.refundedCents)} sur ${euros(refundPayment.amountCents)}). Les producteurs rendent leur part.`,
          failed: null,
        } satisfies Outcome;
      } catch (error) {
        return data(
          {
            done: null,
            failed: {
              intent,
              target,
              text,
              amount: String(form.get('montant') ?? ''),
              error: refundError(formErrorOf(error)),
            },
          } satisfies Outcome,
          { status: 400 },
        );
      }
    }
    if (intent === 'relancer') {
      const { retryJob } = await apiMutation(caller, RETRY_JOB, { id: target });
      return { done: `La tâche n° ${retryJob.id} (${retryJob.topic}) est relancée.`, failed: null } satisfies Outcome;
    }
  } catch (error) {
    return data({ done: null, failed: { intent, target, text, error: formErrorOf(error) } } satisfies Outcome, {
      status: 400,
    });
  }
  throw data('Action inconnue.', { status: 400 });
}

export default function AdminPage({ loaderData, actionData }: Route.ComponentProps) {
  const { search, kind, jobsAfter, logAfter, usersAfter, organizationsAfter, page, verifications, found, viewerId } =
    loaderData;
  const { exportsAfter, exportJobs } = loaderData;
  const failed = actionData?.failed ?? null;
  const failureFor = (intent: string, target = '') =>
    failed && failed.intent === intent && failed.target === target ? failed : null;
  /** This page with one list on another page, the search and the other lists' pages kept. */
  const pageHref = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams();
    if (search) params.set('q', search);
    if (kind) params.set('type', kind);
    const cursors = {
      [CURSORS.users]: usersAfter,
      [CURSORS.organizations]: organizationsAfter,
      [CURSORS.jobs]: jobsAfter,
      [CURSORS.log]: logAfter,
      [CURSORS.exports]: exportsAfter,
    };
    return listPageHref('/admin', params, { ...cursors, ...changes });
  };
  return (
    <div className="stack admin-page">
      <h1>Administration</h1>
      <p className="muted">
        Le support d’Ancrage&nbsp;: comptes, organisations, marques à vérifier, commission et tâches en échec. Chaque
        action est inscrite au journal.
      </p>
      <nav aria-label="Sections de l’administration" className="row small admin-nav">
        <a href="#comptes">Comptes et organisations</a>
        <a href="#organisations">Organisations à vérifier ({verifications.totalCount})</a>
        <a href="#marques">Marques à vérifier ({page.adminBrands.length})</a>
        <a href="#commission">Commission</a>
        <a href="#remboursements">Remboursements</a>
        <a href="#taches">Tâches en échec ({page.failedJobs.totalCount})</a>
        <a href="#exports">Exports RSE ({exportJobs.totalCount})</a>
        <a href="#journal">Journal</a>
      </nav>
      <div role="status" className={actionData?.done ? 'alert alert--info' : undefined}>
        {actionData?.done ?? null}
      </div>
      {failed &&
      !['desactiver', 'reinitialiser-2fa', 'commission', 'rembourser', 'verifier-organisation'].includes(
        failed.intent,
      ) ? (
        <FormAlert error={failed.error} fields={[]} />
      ) : null}

      <section className="stack" aria-labelledby="comptes">
        <h2 id="comptes">Comptes et organisations</h2>
        <Form method="get" className="admin-search">
          <div className="field">
            <label htmlFor="admin-q">Nom, e-mail, SIRET ou adresse de la page</label>
            <input id="admin-q" name="q" type="search" defaultValue={search} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="admin-type">Type d’organisation</label>
            <select id="admin-type" name="type" defaultValue={kind ?? ''}>
              <option value="">Tous les types</option>
              <option value="PRODUCER">Producteurs</option>
              <option value="BUSINESS">Entreprises</option>
              <option value="BRAND">Marques</option>
            </select>
          </div>
          <button type="submit">Rechercher</button>
        </Form>
        {found ? (
          <SearchResults
            found={found}
            viewerId={viewerId}
            failureFor={failureFor}
            usersAfter={usersAfter}
            organizationsAfter={organizationsAfter}
            pageHref={pageHref}
          />
        ) : (
          <p className="muted small">Cherchez un compte (nom, e-mail) ou une organisation (nom, SIRET).</p>
        )}
      </section>

      <OrganizationVerifications
        organizations={verifications.organizations}
        totalCount={verifications.totalCount}
        failure={failed?.intent === 'verifier-organisation' ? failed : null}
      />

      <section className="stack" aria-labelledby="marques">
        <h2 id="marques">Marques à vérifier</h2>
        <p className="muted small">
          Une nouvelle marque n’apparaît pas publiquement et ne décide de rien tant que vous n’avez pas vérifié qui la
          porte.
        </p>
        {page.adminBrands.length === 0 ? (
          <p className="empty-state">Aucune marque n’attend de vérification.</p>
        ) : (
          <ul className="admin-list">
            {page.adminBrands.map((brand) => (
              <li key={brand.id} className="card admin-card">
                <h3>{brand.name}</h3>
                <p className="muted small">
                  Portée par {brand.organization.name} · {departments(brand.departmentCodes)} · adresse prévue /marques/
                  {brand.slug}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="verifier-marque" />
                  <input type="hidden" name="cible" value={brand.id} />
                  <button type="submit">Vérifier {brand.name}</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="commission">
        <h2 id="commission">Commission de la plateforme</h2>
        <p>
          Commission actuelle&nbsp;: <strong>{percentOf(page.commissionRate.rate)}</strong> des paiements par carte
          {page.commissionRate.setAt
            ? `, fixée le ${dateTime(page.commissionRate.setAt)} par ${page.commissionRate.setBy?.displayName ?? 'un administrateur'}.`
            : ' (le réglage du serveur, jamais modifié ici).'}
        </p>
        <CommissionForm failure={failureFor('commission')} current={page.commissionRate.rate} />
      </section>

      <section className="stack" aria-labelledby="remboursements">
        <h2 id="remboursements">Remboursements</h2>
        <p className="muted small">
          Une réclamation, une livraison abîmée&nbsp;: rendez tout ou partie d’un paiement par carte. Chaque producteur
          rend sa part, un avoir suit chaque facture&nbsp;; le remboursement et son motif sont inscrits au journal.
        </p>
        {/* A new form after each action: a refund done leaves empty fields, never one to send twice by mistake. */}
        <RefundForm
          key={actionData?.done ?? 'refund'}
          failure={actionData?.failed?.intent === 'rembourser' ? actionData.failed : null}
        />
      </section>

      <section className="stack" aria-labelledby="taches">
        <h2 id="taches">Tâches en échec ({page.failedJobs.totalCount})</h2>
        {page.failedJobs.edges.length === 0 ? (
          <p className="empty-state">Aucune tâche en échec.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Tâches en échec&nbsp;: tableau">
            <table className="admin-table table-cards">
              <thead>
                <tr>
                  <th scope="col">Tâche</th>
                  <th scope="col">Échec le</th>
                  <th scope="col">Essais</th>
                  <th scope="col">Dernière erreur</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {page.failedJobs.edges.map(({ node: job }) => (
                  <tr key={job.id}>
                    <th scope="row" data-label="Tâche">
                      n° {job.id} <span className="admin-table__detail">{job.topic}</span>
                    </th>
                    <td data-label="Échec le">{dateTime(job.failedAt)}</td>
                    <td data-label="Essais">{job.attempts}</td>
                    <td data-label="Dernière erreur" className="admin-table__error">
                      {job.lastError ?? '—'}
                    </td>
                    <td data-label="Action">
                      <Form method="post">
                        <input type="hidden" name="intent" value="relancer" />
                        <input type="hidden" name="cible" value={job.id} />
                        <button
                          type="submit"
                          className="button--secondary"
                          aria-label={`Relancer la tâche n° ${job.id}`}
                        >
                          Relancer
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="row" aria-label="Pages des tâches en échec">
          {jobsAfter ? <Link to={pageHref({ [CURSORS.jobs]: null })}>Premières tâches</Link> : null}
          {page.failedJobs.pageInfo.hasNextPage ? (
            <Link to={pageHref({ [CURSORS.jobs]: page.failedJobs.pageInfo.endCursor })}>Tâches suivantes</Link>
          ) : null}
        </nav>
      </section>

      <ExportJobs
        jobs={exportJobs.edges.map((edge) => edge.node)}
        totalCount={exportJobs.totalCount}
        onLaterPage={exportsAfter !== null}
        firstHref={pageHref({ [CURSORS.exports]: null })}
        nextHref={
          exportJobs.pageInfo.hasNextPage ? pageHref({ [CURSORS.exports]: exportJobs.pageInfo.endCursor }) : null
        }
      />

      <section className="stack" aria-labelledby="journal">
        <h2 id="journal">Journal des actions ({countOf(page.auditLog.totalCount, 'entrée')})</h2>
        <p className="muted small">
          Chaque action d’administration et chaque changement de rôle, qui, quand, quoi et pourquoi. Rien ne s’y efface.
        </p>
        {page.auditLog.edges.length === 0 ? (
          <p className="empty-state">Aucune action pour l’instant.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Journal des actions&nbsp;: tableau">
            <table className="admin-table table-cards">
              <thead>
                <tr>
                  <th scope="col">Quand</th>
                  <th scope="col">Qui</th>
                  <th scope="col">Quoi</th>
                  <th scope="col">Pourquoi</th>
                </tr>
              </thead>
              <tbody>
                {page.auditLog.edges.map(({ node: entry }) => (
                  <tr key={entry.id}>
                    <td data-label="Quand">{dateTime(entry.recordedAt)}</td>
                    <td data-label="Qui">{entry.actor ? entry.actor.displayName : 'Ligne de commande'}</td>
                    <th scope="row" data-label="Quoi">
                      {ACTION_LABELS[entry.action] ?? entry.action}
                      <span className="admin-table__detail"> {whatOf(entry)}</span>
                    </th>
                    <td data-label="Pourquoi">{entry.reason ? (SYSTEM_REASONS[entry.reason] ?? entry.reason) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="row" aria-label="Pages du journal">
          {logAfter ? <Link to={pageHref({ [CURSORS.log]: null })}>Dernières actions</Link> : null}
          {page.auditLog.pageInfo.hasNextPage ? (
            <Link to={pageHref({ [CURSORS.log]: page.auditLog.pageInfo.endCursor })}>Actions plus anciennes</Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}

/** What an entry changed, in a few words, from its details. */
function whatOf(entry: AuditEntry): string {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(entry.details) as Record<string, unknown>;
  } catch {
    details = {};
  }
  if (
    entry.action === 'commission.set' &&
    typeof details.fromBasisPoints === 'number' &&
    typeof details.toBasisPoints === 'number'
  ) {
    return `de ${percentOf(details.fromBasisPoints / 10_000)} à ${percentOf(details.toBasisPoints / 10_000)}`;
  }
  if (entry.action.startsWith('membership.') && typeof details.role === 'string') {
    const who = typeof details.email === 'string' ? details.email : 'un compte';
    const where = typeof details.organizationName === 'string' ? ` de ${details.organizationName}` : '';
    return `${who}\u00a0: ${ROLE_LABELS[details.role] ?? details.role}${where}`;
  }
  if (typeof details.email === 'string') return details.email;
  if (typeof details.name === 'string') return details.name;
  if (typeof details.topic === 'string') return `n° ${entry.targetId} (${details.topic})`;
  if (typeof details.amountCents === 'number') return `${percentFormat.format(details.amountCents / 100)} €`;
  return entry.targetId ? `${entry.targetType} ${entry.targetId}` : entry.targetType;
}

function CommissionForm({ failure, current }: { failure: NonNullable<Outcome['failed']> | null; current: number }) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'commission';
  const error = failure?.error ?? null;
  return (
    <Form method="post" className="admin-inline-form">
      <input type="hidden" name="intent" value="commission" />
      <div className="field">
        <label htmlFor="commission-rate">Nouvelle commission (en %)</label>
        <input
          id="commission-rate"
          name="texte"
          inputMode="decimal"
          defaultValue={failure ? failure.text : percentFormat.format(current * 100)}
          aria-describedby="commission-rate-hint"
          {...invalidProps(error, 'rate', 'commission-rate-error')}
        />
        <p className="field__hint" id="commission-rate-hint">
          Entre 0 et 50&nbsp;%, au centième près. Elle s’applique aux paiements commencés après ce changement&nbsp;; les
          autres gardent la leur.
        </p>
        <FieldError error={error} field="rate" id="commission-rate-error" />
      </div>
      <FormAlert error={error} fields={['rate']} />
      <button type="submit" disabled={busy}>
        Enregistrer la commission
      </button>
    </Form>
  );
}

function RefundForm({ failure }: { failure: NonNullable<Outcome['failed']> | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'rembourser';
  const error = failure?.error ?? null;
  return (
    <Form method="post" className="stack form-wide admin-refund" noValidate>
      <input type="hidden" name="intent" value="rembourser" />
      <div className="field">
        <label htmlFor="refund-order">Commande</label>
        <input
          id="refund-order"
          name="cible"
          required
          defaultValue={failure?.target ?? ''}
          aria-describedby="refund-order-hint"
          {...invalidProps(error, 'order', 'refund-order-error')}
        />
        <p className="field__hint" id="refund-order-hint">
          Son numéro, que le client lit dans ses e-mails (ex.&nbsp;: 261206-P7RZCX), ou l’adresse de sa page
          (/commandes/…).
        </p>
        <FieldError error={error} field="order" id="refund-order-error" />
      </div>
      <div className="field">
        <label htmlFor="refund-amount">Montant à rembourser (en €, TTC)</label>
        <input
          id="refund-amount"
          name="montant"
          inputMode="decimal"
          required
          defaultValue={failure?.amount ?? ''}
          {...invalidProps(error, 'amount', 'refund-amount-error')}
        />
        <FieldError error={error} field="amount" id="refund-amount-error" />
      </div>
      <div className="field">
        <label htmlFor="refund-reason">Motif</label>
        <textarea
          id="refund-reason"
          name="texte"
          rows={2}
          maxLength={500}
          required
          defaultValue={failure?.text ?? ''}
          {...invalidProps(error, 'reason', 'refund-reason-error')}
        />
        <FieldError error={error} field="reason" id="refund-reason-error" />
      </div>
      <FormAlert error={error} fields={['order', 'amount', 'reason']} />
      <p>
        <button type="submit" disabled={busy}>
          Rembourser
        </button>
      </p>
    </Form>
  );
}

function SearchResults({
  found,
  viewerId,
  failureFor,
  usersAfter,
  organizationsAfter,
  pageHref,
}: {
  found: { result: ResultOf<typeof ADMIN_SEARCH> | null; error: FormError | null };
  viewerId: string;
  failureFor: (intent: string, target?: string) => NonNullable<Outcome['failed']> | null;
  usersAfter: string | null;
  organizationsAfter: string | null;
  pageHref: (changes: Record<string, string | null>) => string;
}) {
  if (!found.result) return <FormAlert error={found.error} fields={[]} />;
  const { adminUsers, adminOrganizations } = found.result;
  return (
    <div className="stack">
      <h3 id="comptes-trouves">Comptes ({adminUsers.totalCount})</h3>
      {adminUsers.edges.length === 0 ? (
        <p className="empty-state">Aucun compte ne correspond.</p>
      ) : (
        <ul className="admin-list">
          {adminUsers.edges.map(({ node: user }) => (
            <li key={user.id} className="card admin-card">
              <UserCard
                user={user}
                self={user.id === viewerId}
                failures={{
                  disable: failureFor('desactiver', user.id),
                  reset: failureFor('reinitialiser-2fa', user.id),
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <ResultPages
        label="Pages des comptes trouvés"
        anchor="comptes-trouves"
        onLaterPage={usersAfter !== null}
        firstHref={pageHref({ [CURSORS.users]: null })}
        nextHref={adminUsers.pageInfo.hasNextPage ? pageHref({ [CURSORS.users]: adminUsers.pageInfo.endCursor }) : null}
      />
      <h3 id="organisations-trouvees">Organisations ({adminOrganizations.totalCount})</h3>
      {adminOrganizations.edges.length === 0 ? (
        <p className="empty-state">Aucune organisation ne correspond.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Organisations trouvées&nbsp;: tableau">
          <table className="admin-table table-cards">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Type</th>
                <th scope="col">SIRET</th>
                <th scope="col">Commune</th>
              </tr>
            </thead>
            <tbody>
              {adminOrganizations.edges.map(({ node: organization }) => (
                <tr key={organization.id}>
                  <th scope="row" data-label="Organisation">
                    {organization.kind === 'PRODUCER' ? (
                      <Link to={`/producteurs/${organization.slug}`}>{organization.name}</Link>
                    ) : (
                      organization.name
                    )}
                  </th>
                  <td data-label="Type">{KIND_LABELS[organization.kind] ?? organization.kind}</td>
                  <td data-label="SIRET">{organization.siret ? siretText(organization.siret) : '—'}</td>
                  <td data-label="Commune">
                    {[organization.address.postalCode, organization.address.city].filter(Boolean).join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ResultPages
        label="Pages des organisations trouvées"
        anchor="organisations-trouvees"
        onLaterPage={organizationsAfter !== null}
        firstHref={pageHref({ [CURSORS.organizations]: null })}
        nextHref={
          adminOrganizations.pageInfo.hasNextPage
            ? pageHref({ [CURSORS.organizations]: adminOrganizations.pageInfo.endCursor })
            : null
        }
      />
    </div>
  );
}

/** A found list's pages (20 a page): back to its first one, on to the next; nothing when it holds on one page. */
function ResultPages({
  label,
  anchor,
  onLaterPage,
  firstHref,
  nextHref,
}: {
  label: string;
  anchor: string;
  onLaterPage: boolean;
  firstHref: string;
  nextHref: string | null;
}) {
  if (!onLaterPage && !nextHref) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {onLaterPage ? <Link to={`${firstHref}#${anchor}`}>Première page</Link> : <span />}
      {nextHref ? (
        <Link to={`${nextHref}#${anchor}`} rel="next">
          Page suivante
        </Link>
      ) : null}
    </nav>
  );
}

function UserCard({
  user,
  self,
  failures,
}: {
  user: FoundUser;
  self: boolean;
  failures: Record<'disable' | 'reset', NonNullable<Outcome['failed']> | null>;
}) {
  return (
    <>
      <h4>{user.displayName}</h4>
      <p className="small">
        {user.email}
        {user.isPlatformAdmin ? <span className="tag"> administrateur</span> : null}
      </p>
      <p className="small muted">Inscrit le {dateTime(user.createdAt)}</p>
      {user.mfaEnabledAt ? (
        <p className="small muted">Double authentification depuis le {dateTime(user.mfaEnabledAt)}</p>
      ) : null}
      {user.disabledAt ? (
        <p className="tag tag--decision-revoked">Désactivé le {dateTime(user.disabledAt)}</p>
      ) : self ? (
        <p className="small muted">Votre propre compte.</p>
      ) : (
        <>
          {user.mfaEnabledAt ? (
            <ReasonedUserAction
              user={user}
              intent="reinitialiser-2fa"
              label="Motif de la réinitialisation"
              hint="Seulement après avoir vérifié l’identité de la personne (appel, pièce). Inscrit au journal&nbsp;; ses sessions se terminent et elle configure une nouvelle application à sa prochaine connexion."
              button="Réinitialiser la double authentification"
              failure={failures.reset}
            />
          ) : null}
          <ReasonedUserAction
            user={user}
            intent="desactiver"
            label="Motif de la désactivation"
            hint="Obligatoire&nbsp;; inscrit au journal. Le compte ne peut plus se connecter et ses sessions se terminent aussitôt."
            button="Désactiver ce compte"
            failure={failures.disable}
          />
        </>
      )}
    </>
  );
}

/** An action of support on an account that needs a reason (kept in the journal), shown beside its field when refused. */
function ReasonedUserAction({
  user,
  intent,
  label,
  hint,
  button,
  failure,
}: {
  user: FoundUser;
  intent: string;
  label: string;
  hint: string;
  button: string;
  failure: NonNullable<Outcome['failed']> | null;
}) {
  const navigation = useNavigation();
  const busy =
    navigation.state === 'submitting' &&
    navigation.formData?.get('cible') === user.id &&
    navigation.formData?.get('intent') === intent;
  const reasonId = `${intent}-${user.id}`;
  const error = failure?.error ?? null;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="cible" value={user.id} />
      <div className="field">
        <label htmlFor={reasonId}>{label}</label>
        <textarea
          id={reasonId}
          name="texte"
          rows={2}
          defaultValue={failure?.text}
          aria-describedby={`${reasonId}-hint`}
          {...invalidProps(error, 'reason', `${reasonId}-error`)}
        />
        <p className="field__hint" id={`${reasonId}-hint`}>
          {hint}
        </p>
        <FieldError error={error} field="reason" id={`${reasonId}-error`} />
      </div>
      <FormAlert error={error} fields={['reason']} />
      <button type="submit" className="button--danger" disabled={busy}>
        {button}
      </button>
    </Form>
  );
}
