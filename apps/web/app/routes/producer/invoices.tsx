import { randomUUID } from 'node:crypto';
import { data, useNavigation } from 'react-router';
import type { Route } from './+types/invoices';
import { FormAlert } from '../../components/FieldError';
import {
  CreditNoteForm,
  type CreditNoteFormValues,
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
import { countOf, date, euros } from '../../lib/format';
import { centsOfEuros } from '../../lib/product-input';
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

const CREDIT_INVOICE = graphql(`
  mutation CreditInvoice($invoiceId: ID!, $amountCents: Cents!, $reason: String!, $idempotencyKey: String) {
    creditInvoice(invoiceId: $invoiceId, amountCents: $amountCents, reason: $reason, idempotencyKey: $idempotencyKey) {
      id
      number
      totalCents
      invoice {
        id
        number
        buyerName
        status
      }
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
    // One key per page shown: a credit note's form posted twice (a double click) issues one credit note. A new page
    // (after a credit note, the list is read again) gives a new key for the next one.
    creditKey: randomUUID(),
    ...list,
  };
}

/** What the page's action answers: a payment recorded or a credit note issued, or why not, next to its form. */
interface ActionAnswer {
  intent: 'paid' | 'credit';
  invoiceId: string;
  error: FormError | null;
  paid: { number: string; paidOn: string | null } | null;
  credited: {
    number: string;
    totalCents: number;
    invoice: { number: string; buyerName: string; status: string };
  } | null;
  /** What was typed in the credit note's form, given back with a refusal. */
  values: CreditNoteFormValues | null;
}

/**
 * Records the payment of one invoice on the day given, or issues a credit note on it (`intention=avoir`); the list
 * shows either once the page reloads its data.
 */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const invoiceId = String(form.get('facture') ?? '');
  if (form.get('intention') === 'avoir') return creditInvoice(context, invoiceId, form);
  const paidOn = String(form.get('paidOn') ?? '').trim();
  const answer = (values: Partial<ActionAnswer>): ActionAnswer => ({
    intent: 'paid',
    invoiceId,
    error: null,
    paid: null,
    credited: null,
    values: null,
    ...values,
  });
  const failed = (error: FormError) => data(answer({ error }), { status: 400 });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn))
    return failed({
      message: 'Indiquez le jour où le paiement est arrivé, par exemple 2026-12-01.',
      code: 'BAD_USER_INPUT',
      field: 'paidOn',
    });
  try {
    const { markInvoicePaid } = await apiMutation(callerOf(context), MARK_PAID, { id: invoiceId, paidOn });
    return answer({ paid: markInvoicePaid });
  } catch (error) {
    return failed(formErrorOf(error));
  }
}

/** « Faire un avoir »: the amount typed in euros (« 6,50 »), the reason, and the page's idempotency key. */
async function creditInvoice(context: Route.ActionArgs['context'], invoiceId: string, form: FormData) {
  const values: CreditNoteFormValues = {
    amount: String(form.get('montant') ?? ''),
    reason: String(form.get('motif') ?? ''),
  };
  const answer = (more: Partial<ActionAnswer>): ActionAnswer => ({
    intent: 'credit',
    invoiceId,
    error: null,
    paid: null,
    credited: null,
    values: null,
    ...more,
  });
  const failed = (error: FormError) => data(answer({ error, values }), { status: 400 });
  const amountCents = centsOfEuros(values.amount);
  if (amountCents === null)
    return failed({
      message: 'Indiquez le montant de l’avoir en euros, par exemple 6,50.',
      code: 'BAD_USER_INPUT',
      field: 'amountCents',
    });
  try {
    const { creditInvoice: credited } = await apiMutation(callerOf(context), CREDIT_INVOICE, {
      invoiceId,
      amountCents,
      reason: values.reason,
      idempotencyKey: String(form.get('cle') ?? '') || null,
    });
    return answer({ credited });
  } catch (error) {
    return failed(formErrorOf(error));
  }
}

export default function ProducerInvoices({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Factures émises" />;
  const { producers, producer, unknownProducer, filters, invoices, error, today, creditKey } = loaderData;
  const params = new URLSearchParams(loaderData.search);
  const several = producers.length > 1;
  const submitting = navigation.state === 'submitting' ? navigation.formData : null;
  const paying = submitting?.get('intention') === 'avoir' ? null : submitting?.get('facture');
  const crediting = submitting?.get('intention') === 'avoir' ? submitting.get('facture') : null;
  const paid = actionData?.paid;
  const credited = actionData?.credited;
  const errorOf = (intent: ActionAnswer['intent'], invoiceId: string) =>
    actionData?.intent === intent && actionData.invoiceId === invoiceId ? actionData.error : null;
  return (
    <div className="stack invoices-page">
      <ProducerNav producerId={producer.id} several={several} />
      <h1>Factures émises</h1>
      <p className="muted">
        Les factures émises au nom de <strong>{producer.name}</strong> pour les commandes livrées, et leurs paiements.
        Quand un virement arrive, indiquez le jour où il a été reçu.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <div role="status" className={paid || credited ? 'alert alert--info' : undefined}>
        {paid ? `La facture ${paid.number} est marquée payée le ${date(paid.paidOn ?? today)}.` : null}
        {credited
          ? `L’avoir ${credited.number} de ${euros(credited.totalCents)} TTC est émis sur la facture ${credited.invoice.number}${
              credited.invoice.status === 'CANCELLED' ? ', désormais annulée' : ''
            }\u00a0; ${credited.invoice.buyerName} le reçoit par e-mail.`
          : null}
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
                    error={errorOf('paid', invoice.id)}
                    busy={paying === invoice.id}
                  />
                ) : null}
                {invoice.creditableCents > 0 ? (
                  <CreditNoteForm
                    key={creditKey}
                    invoice={invoice}
                    formKey={creditKey}
                    error={errorOf('credit', invoice.id)}
                    values={
                      actionData?.intent === 'credit' && actionData.invoiceId === invoice.id ? actionData.values : null
                    }
                    busy={crediting === invoice.id}
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
