import type { Route } from './+types/invoices';
import { BusinessesOnly } from '../../components/business/BusinessesOnly';
import { BusinessSwitch } from '../../components/business/BusinessSwitch';
import { FormAlert } from '../../components/FieldError';
import {
  type InvoiceItem,
  InvoiceCard,
  InvoiceFilterForm,
  InvoiceListPage,
  MonthlyTotalsTable,
} from '../../components/invoices/InvoiceViews';
import { invoiceFiltersOf } from '../../components/invoices/invoice-filters';
import { INVOICE_LIST_ITEM, INVOICE_LIST_PAGE } from '../../components/invoices/invoice-fragments';
import { graphql } from '../../graphql';
import { apiQuery, formErrorOf } from '../../lib/api.server';
import { countOf, euros } from '../../lib/format';
import { callerOf } from '../../lib/session.server';
import { chooseBusiness } from './rse.server';
import { VerificationNotice } from '../../components/VerificationNotice';

/**
 * The unpaid invoices of one status (overdue, or issued and not yet due), the most recent 25 and their count: one
 * query per status, as each list of 25 invoices with their credit notes weighs half of what the API lets one query ask.
 */
const UNPAID_INVOICES = graphql(
  `
    query UnpaidReceivedInvoices($organizationId: ID!, $status: InvoiceStatus!) {
      unpaid: invoices(organizationId: $organizationId, direction: RECEIVED, status: $status, first: 25) {
        totalCount
        edges {
          node {
            ...InvoiceListItem
          }
        }
      }
    }
  `,
  [INVOICE_LIST_ITEM],
);

const RECEIVED_INVOICES = graphql(
  `
    query ReceivedInvoices($organizationId: ID!, $status: InvoiceStatus, $from: Date, $to: Date, $after: String) {
      all: invoices(
        organizationId: $organizationId
        direction: RECEIVED
        status: $status
        from: $from
        to: $to
        first: 20
        after: $after
      ) {
        ...InvoiceListPage
      }
    }
  `,
  [INVOICE_LIST_PAGE],
);

export const meta: Route.MetaFunction = () => [
  { title: 'Factures reçues — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBusiness(request, context);
  if (!choice.business) return { kind: 'not-a-business' as const };
  const params = new URL(request.url).searchParams;
  const filters = invoiceFiltersOf(params);
  const variables = {
    organizationId: choice.business.id,
    // Filters the API cannot be asked leave the full list unfiltered; the page says why next to the field.
    status: filters.error ? null : filters.status,
    from: filters.error ? null : filters.from || null,
    to: filters.error ? null : filters.to || null,
    after: filters.error ? null : filters.after,
  };
  const caller = callerOf(context);
  const organizationId = choice.business.id;
  const answer = await Promise.all([
    apiQuery(caller, UNPAID_INVOICES, { organizationId, status: 'OVERDUE' }),
    apiQuery(caller, UNPAID_INVOICES, { organizationId, status: 'ISSUED' }),
    apiQuery(caller, RECEIVED_INVOICES, variables),
  ]).then(
    ([overdue, due, received]) => ({
      lists: { overdue: overdue.unpaid, due: due.unpaid, ...received },
      error: filters.error,
    }),
    (failure: unknown) => ({ lists: null, error: formErrorOf(failure) }),
  );
  return {
    kind: 'business' as const,
    ...choice,
    business: choice.business,
    filters,
    search: params.toString(),
    ...answer,
  };
}

export default function ReceivedInvoices({ loaderData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-business')
    return (
      <BusinessesOnly
        title="Factures reçues"
        purpose="Elles y retrouvent les factures de leurs fournisseurs, à payer ou en retard."
      />
    );
  const { businesses, business, unknownBusiness, filters, lists, error } = loaderData;
  const params = new URLSearchParams(loaderData.search);
  const several = businesses.length > 1;
  return (
    <div className="stack invoices-page">
      <h1>Factures reçues</h1>
      <p className="muted">
        Les factures des producteurs auprès desquels <strong>{business.name}</strong> a commandé&nbsp;: celles en retard
        de paiement d’abord, puis celles à payer, puis toutes. Réglez-les par virement au producteur, qui enregistre le
        paiement.
      </p>
      <VerificationNotice kind="BUSINESS" name={business.name} status={business.verificationStatus} />
      <BusinessSwitch businesses={businesses} current={business} unknownBusiness={unknownBusiness} />
      {lists ? (
        <>
          <UnpaidSection
            id="en-retard"
            title="En retard de paiement"
            invoices={lists.overdue.edges.map((edge) => edge.node)}
            total={lists.overdue.totalCount}
            empty="Aucune facture en retard."
          />
          <UnpaidSection
            id="a-payer"
            title="À payer"
            invoices={lists.due.edges.map((edge) => edge.node)}
            total={lists.due.totalCount}
            empty="Aucune facture à payer."
          />
        </>
      ) : null}
      <section className="stack" aria-labelledby="toutes-titre">
        <h2 id="toutes-titre">Toutes les factures reçues</h2>
        <InvoiceFilterForm filters={filters} hidden={several ? { organisation: business.id } : {}} />
        <FormAlert error={error} fields={['status', 'from', 'to']} />
        {lists ? <MonthlyTotalsTable months={lists.all.monthlyTotals} title="Totaux par mois" /> : null}
        {lists ? (
          <>
            <p className="invoices-page__count">{countOf(lists.all.totalCount, 'facture')}</p>
            <InvoiceListPage
              page={lists.all}
              filters={filters}
              params={params}
              emptyText="Aucune facture reçue pour l’instant&nbsp;: chaque producteur facture à la livraison."
            >
              {(invoice) => <InvoiceCard key={invoice.id} invoice={invoice} counterparty="seller" />}
            </InvoiceListPage>
          </>
        ) : null}
      </section>
    </div>
  );
}

/** Overdue or due invoices, the most recent 25 with what is left to pay on them, before the full list. */
function UnpaidSection({
  id,
  title,
  invoices,
  total,
  empty,
}: {
  id: string;
  title: string;
  invoices: InvoiceItem[];
  total: number;
  empty: string;
}) {
  const sum = invoices.reduce((cents, invoice) => cents + invoice.amountDueCents, 0);
  return (
    <section className="stack" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>
        {title}
        {total > 0 ? (
          <span className="invoices-page__sum">
            {' '}
            — {countOf(total, 'facture')}
            {total === invoices.length ? `, ${euros(sum)} TTC` : ''}
          </span>
        ) : null}
      </h2>
      {invoices.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="invoice-list">
          {invoices.map((invoice) => (
            <InvoiceCard key={invoice.id} invoice={invoice} counterparty="seller" />
          ))}
        </ul>
      )}
      {total > invoices.length ? (
        <p className="muted">
          Les {invoices.length} plus récentes sont affichées&nbsp;; filtrez la liste complète ci-dessous pour les
          autres.
        </p>
      ) : null}
    </section>
  );
}
