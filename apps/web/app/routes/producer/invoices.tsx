import { data, useNavigation } from 'react-router';
import type { Route } from './+types/invoices';
import { FormAlert } from '../../components/FieldError';
import {
  InvoiceCard,
  InvoiceFilterForm,
  InvoiceListPage,
  MarkPaidForm,
  MonthlyTotalsTable,
} from '../../components/invoices/InvoiceViews';
import { invoiceFiltersOf, parisToday } from '../../components/invoices/invoice-filters';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { INVOICE_LIST_PAGE } from '../../components/invoices/invoice-fragments';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { countOf, date } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const ISSUED_INVOICES = graphql(
  `
    query ProducerInvoices($organizationId: ID!, $status: InvoiceStatus, $from: Date, $to: Date, $after: String) {
      invoices(
        organizationId: $organizationId
        direction: ISSUED
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

const MARK_PAID = graphql(`
  mutation MarkInvoicePaid($id: ID!, $paidOn: Date) {
    markInvoicePaid(id: $id, paidOn: $paidOn) {
      id
      number
      status
      paidOn
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Factures émises — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const params = new URL(request.url).searchParams;
  const filters = invoiceFiltersOf(params);
  const list = filters.error
    ? { invoices: null, error: filters.error }
    : await apiQuery(callerOf(context), ISSUED_INVOICES, {
        organizationId: choice.producer.id,
        status: filters.status,
        from: filters.from || null,
        to: filters.to || null,
        after: filters.after,
      }).then(
        (result) => ({ invoices: result.invoices, error: null }),
        (failure: unknown) => ({ invoices: null, error: formErrorOf(failure) }),
      );
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    filters,
    search: params.toString(),
    today: parisToday(),
    ...list,
  };
}

/** Records the payment of one invoice, on the day given; the list shows it paid once the page reloads its data. */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const invoiceId = String(form.get('facture') ?? '');
  const paidOn = String(form.get('paidOn') ?? '').trim();
  const failed = (error: FormError) => data({ invoiceId, error, paid: null }, { status: 400 });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn))
    return failed({
      message: 'Indiquez le jour où le paiement est arrivé, par exemple 2026-12-01.',
      code: 'BAD_USER_INPUT',
      field: 'paidOn',
    });
  try {
    const { markInvoicePaid } = await apiMutation(callerOf(context), MARK_PAID, { id: invoiceId, paidOn });
    return { invoiceId, error: null, paid: markInvoicePaid };
  } catch (error) {
    return failed(formErrorOf(error));
  }
}

export default function ProducerInvoices({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Factures émises" />;
  const { producers, producer, unknownProducer, filters, invoices, error, today } = loaderData;
  const params = new URLSearchParams(loaderData.search);
  const several = producers.length > 1;
  const paying = navigation.state === 'submitting' ? navigation.formData?.get('facture') : null;
  const paid = actionData?.paid;
  return (
    <div className="stack invoices-page">
      <ProducerNav producerId={producer.id} several={several} />
      <h1>Factures émises</h1>
      <p className="muted">
        Les factures émises au nom de <strong>{producer.name}</strong> pour les commandes livrées, et leurs paiements.
        Quand un virement arrive, indiquez le jour où il a été reçu.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <div role="status" className={paid ? 'alert alert--info' : undefined}>
        {paid ? `La facture ${paid.number} est marquée payée le ${date(paid.paidOn ?? today)}.` : null}
      </div>
      <InvoiceFilterForm filters={filters} hidden={several ? { producteur: producer.id } : {}} />
      <FormAlert error={error} fields={['status', 'from', 'to']} />
      {invoices ? <MonthlyTotalsTable months={invoices.monthlyTotals} title="Totaux par mois" /> : null}
      {invoices ? (
        <section className="stack" aria-labelledby="liste-titre">
          <h2 id="liste-titre">{countOf(invoices.totalCount, 'facture')}</h2>
          <InvoiceListPage
            page={invoices}
            filters={filters}
            params={params}
            emptyText="Aucune facture pour l’instant&nbsp;: une facture est émise à la livraison de chaque commande payée sur facture, ou à la commande payée par carte."
          >
            {(invoice) => (
              <InvoiceCard key={invoice.id} invoice={invoice} counterparty="buyer">
                {invoice.status === 'ISSUED' || invoice.status === 'OVERDUE' ? (
                  <MarkPaidForm
                    invoice={invoice}
                    today={today}
                    error={actionData?.invoiceId === invoice.id ? actionData.error : null}
                    busy={paying === invoice.id}
                  />
                ) : null}
              </InvoiceCard>
            )}
          </InvoiceListPage>
        </section>
      ) : null}
    </div>
  );
}
