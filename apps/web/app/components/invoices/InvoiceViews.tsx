import type { ReactNode } from 'react';
import { Form, Link } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { date, euros, ibanText, invoicePaymentStanding, monthName } from '../../lib/format';
import { FieldError, invalidProps } from '../FieldError';
import { type InvoiceFilters, listSearch, STATUS_FILTERS } from './invoice-filters';

/** What the invoice pages show of an invoice (the `InvoiceListItem` fragment's fields). */
export interface InvoiceItem {
  id: string;
  number: string;
  sellerName: string;
  buyerName: string;
  issuedAt: string;
  dueDate: string;
  totalCents: number;
  /** What the buyer still owes: the total less the credit notes while unpaid, 0 once paid or cancelled. */
  amountDueCents: number;
  /** What its producer may still credit (« Faire un avoir »): 0 once paid by card or cancelled. */
  creditableCents: number;
  status: string;
  paidOn: string | null;
  /** The producer's account to transfer to, as the invoice carries it (paid by transfer); null otherwise. */
  payeeIban?: string | null;
  payeeBic?: string | null;
  /**
   * The dispute on the card payment that paid it, if its buyer's bank disputed that payment (asked by the full lists
   * only: an unpaid invoice was not paid by card).
   */
  dispute?: { outcome: string } | null;
  creditNotes: CreditNoteItem[];
}

export interface CreditNoteItem {
  id: string;
  number: string;
  issuedAt: string;
  totalCents: number;
  reason: string;
}

export interface MonthTotals {
  month: string;
  invoiceCount: number;
  totalCents: number;
  paidCents: number;
  /** Issued paid by a card payment the buyer's bank took back (a dispute lost): not paid. */
  refundedByBankCents: number;
  dueCents: number;
  overdueCents: number;
  cancelledCents: number;
  creditedCents: number;
}

/**
 * Where the browser downloads an invoice's or a credit note's PDF, or its Factur-X (the PDF/A-3 with its e-invoice):
 * the web server fetches it from the API with the visitor's token.
 */
export const documentHref = (kind: 'invoice' | 'credit-note', id: string, file: 'pdf' | 'factur-x'): string =>
  `/${kind === 'invoice' ? 'factures' : 'avoirs'}/${encodeURIComponent(id)}/${file}`;

/** The PDF and Factur-X links of a document, named after it for screen readers. */
function DocumentLinks({ kind, id, number }: { kind: 'invoice' | 'credit-note'; id: string; number: string }) {
  const what = kind === 'invoice' ? 'de la facture' : 'de l’avoir';
  return (
    <>
      <a href={documentHref(kind, id, 'pdf')} download={`${number}.pdf`}>
        Télécharger le PDF
        <span className="visually-hidden">
          {' '}
          {what} {number}
        </span>
      </a>
      <a href={documentHref(kind, id, 'factur-x')} download={`${number}-factur-x.pdf`}>
        Factur-X
        <span className="visually-hidden">
          {' '}
          {what} {number}
        </span>
      </a>
    </>
  );
}

/** The list's filters: status and period of issue, sent in the address (GET), errors next to their fields. */
export function InvoiceFilterForm({
  filters,
  hidden = {},
}: {
  filters: InvoiceFilters;
  hidden?: Record<string, string>;
}) {
  const { error } = filters;
  return (
    <Form method="get" className="invoice-filters card" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre" className="invoice-filters__title">
        Filtrer
      </h2>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="invoice-filters__fields">
        <div className="field">
          <label htmlFor="statut">Statut</label>
          <select
            id="statut"
            name="statut"
            defaultValue={filters.status ? filters.statusSlug : ''}
            {...invalidProps(error, 'status', 'statut-error')}
          >
            <option value="">Tous</option>
            {STATUS_FILTERS.map((filter) => (
              <option key={filter.slug} value={filter.slug}>
                {filter.label}
              </option>
            ))}
          </select>
          <FieldError error={error} field="status" id="statut-error" />
        </div>
        <div className="field">
          <label htmlFor="du">Émises à partir du</label>
          <input
            id="du"
            name="du"
            type="date"
            defaultValue={filters.from}
            {...invalidProps(error, 'from', 'du-error')}
          />
          <FieldError error={error} field="from" id="du-error" />
        </div>
        <div className="field">
          <label htmlFor="au">Jusqu’au</label>
          <input id="au" name="au" type="date" defaultValue={filters.to} {...invalidProps(error, 'to', 'au-error')} />
          <FieldError error={error} field="to" id="au-error" />
        </div>
        <div className="invoice-filters__submit">
          <button type="submit">Afficher</button>
        </div>
      </div>
    </Form>
  );
}

/** One invoice as a card: number, the other party, dates, amount, status, its files; `children` holds its actions. */
export function InvoiceCard({
  invoice,
  counterparty,
  children,
}: {
  invoice: InvoiceItem;
  counterparty: 'buyer' | 'seller';
  children?: ReactNode;
}) {
  const headingId = `facture-${invoice.id}`;
  const facts: [string, string][] = [
    [
      counterparty === 'buyer' ? 'Client' : 'Fournisseur',
      counterparty === 'buyer' ? invoice.buyerName : invoice.sellerName,
    ],
    ['Émise le', date(invoice.issuedAt)],
    ['Échéance', date(invoice.dueDate)],
    ['Montant TTC', euros(invoice.totalCents)],
  ];
  // A credit note on an unpaid invoice lowers what is owed: say what is left, next to the amount.
  if (invoice.amountDueCents > 0 && invoice.amountDueCents < invoice.totalCents)
    facts.push(['Reste à payer', euros(invoice.amountDueCents)]);
  // Still to pay, by transfer: the account the invoice names, in groups of 4 as on a RIB, on a line of its own.
  const transferTo = invoice.amountDueCents > 0 && invoice.payeeIban ? invoice.payeeIban : null;
  const standing = invoicePaymentStanding(invoice, invoice.dispute);
  if (standing.paidOn) facts.push(['Payée le', date(standing.paidOn)]);
  const statusClass = standing.tone;
  return (
    <li className={`card invoice-card invoice-card--${statusClass}`} aria-labelledby={headingId}>
      <div className="invoice-card__head">
        <h3 id={headingId}>Facture {invoice.number}</h3>
        <span className={`tag invoice-status invoice-status--${statusClass}`}>{standing.label}</span>
      </div>
      <dl className="invoice-card__facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {transferTo ? (
          <div className="invoice-card__transfer">
            <dt>À régler par virement</dt>
            <dd>
              IBAN&nbsp;: <span className="bank-id">{ibanText(transferTo)}</span>
              {invoice.payeeBic ? (
                <>
                  {' '}
                  — BIC&nbsp;: <span className="bank-id">{invoice.payeeBic}</span>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="invoice-card__files">
        <DocumentLinks kind="invoice" id={invoice.id} number={invoice.number} />
      </p>
      {invoice.creditNotes.length > 0 ? (
        <div className="invoice-card__credits">
          <h4>{invoice.creditNotes.length > 1 ? 'Avoirs' : 'Avoir'}</h4>
          <ul>
            {invoice.creditNotes.map((note) => (
              <li key={note.id}>
                <span>
                  <strong>Avoir {note.number}</strong> du {date(note.issuedAt)}&nbsp;: −{euros(note.totalCents)} TTC
                  {note.reason ? <span className="muted"> — {note.reason}</span> : null}
                </span>
                <span className="invoice-card__files">
                  <DocumentLinks kind="credit-note" id={note.id} number={note.number} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
    </li>
  );
}

/** The producer's "mark paid" form of one invoice: the day the transfer arrived, today unless changed. */
export function MarkPaidForm({
  invoice,
  today,
  error,
  busy,
}: {
  invoice: InvoiceItem;
  today: string;
  error: FormError | null;
  busy: boolean;
}) {
  const fieldId = `paye-le-${invoice.id}`;
  const errorId = `${fieldId}-erreur`;
  return (
    <Form
      method="post"
      noValidate
      className="invoice-card__pay"
      aria-label={`Enregistrer le paiement de la facture ${invoice.number}`}
    >
      <input type="hidden" name="facture" value={invoice.id} />
      <div className="field">
        <label htmlFor={fieldId}>Paiement reçu le</label>
        <input
          id={fieldId}
          name="paidOn"
          type="date"
          defaultValue={today}
          max={today}
          required
          {...invalidProps(error?.field === 'paidOn' ? error : null, 'paidOn', errorId)}
        />
        <FieldError error={error?.field === 'paidOn' ? error : null} field="paidOn" id={errorId} />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Enregistrement…' : 'Marquer payée'}
      </button>
      {error && error.field !== 'paidOn' ? (
        <p className="field__error invoice-card__pay-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Form>
  );
}

/** What the producer typed in a credit note's form, given back with the API's refusal. */
export interface CreditNoteFormValues {
  amount: string;
  reason: string;
}

/**
 * « Faire un avoir »: the producer credits part or all of an invoice not paid by card (goods damaged at delivery, a
 * line missing), up to what is not yet credited. `formKey` is the page's idempotency key: the same form posted twice
 * (a double click) issues one credit note. Open, with what was typed, when the API refused it.
 */
export function CreditNoteForm({
  invoice,
  formKey,
  error,
  values,
  busy,
}: {
  invoice: InvoiceItem;
  formKey: string;
  error: FormError | null;
  values: CreditNoteFormValues | null;
  busy: boolean;
}) {
  const amountId = `avoir-montant-${invoice.id}`;
  const reasonId = `avoir-motif-${invoice.id}`;
  const fieldError = (field: string) => (error?.field === field ? error : null);
  return (
    <details className="invoice-card__credit" open={Boolean(error)}>
      <summary>
        Faire un avoir<span className="visually-hidden"> sur la facture {invoice.number}</span>
      </summary>
      <Form method="post" noValidate aria-label={`Avoir sur la facture ${invoice.number}`}>
        <input type="hidden" name="intention" value="avoir" />
        <input type="hidden" name="facture" value={invoice.id} />
        <input type="hidden" name="cle" value={formKey} />
        <p className="small">
          Jusqu’à {euros(invoice.creditableCents)} TTC, ce qui n’a pas encore été crédité. L’avoir est émis à votre nom,
          et {invoice.buyerName} le reçoit par e-mail.
        </p>
        <div className="field">
          <label htmlFor={amountId}>Montant TTC, en euros</label>
          <input
            id={amountId}
            name="montant"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values?.amount ?? ''}
            {...invalidProps(fieldError('amountCents'), 'amountCents', `${amountId}-erreur`)}
          />
          <FieldError error={fieldError('amountCents')} field="amountCents" id={`${amountId}-erreur`} />
        </div>
        <div className="field">
          <label htmlFor={reasonId}>Motif, imprimé sur l’avoir</label>
          <textarea
            id={reasonId}
            name="motif"
            rows={2}
            maxLength={500}
            defaultValue={values?.reason ?? ''}
            {...invalidProps(fieldError('reason'), 'reason', `${reasonId}-erreur`)}
          />
          <FieldError error={fieldError('reason')} field="reason" id={`${reasonId}-erreur`} />
        </div>
        {error && error.field !== 'amountCents' && error.field !== 'reason' ? (
          <p className="field__error" role="alert">
            {error.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Émission…' : 'Émettre l’avoir'}
        </button>
      </Form>
    </details>
  );
}

/** The invoices of the period, totalled per month of issue and by status, with the period's sum. */
export function MonthlyTotalsTable({ months, title }: { months: MonthTotals[]; title: string }) {
  if (months.length === 0) return null;
  const sum = (key: keyof Omit<MonthTotals, 'month'>) => months.reduce((total, month) => total + month[key], 0);
  const allColumns: [keyof Omit<MonthTotals, 'month' | 'invoiceCount'>, string][] = [
    ['totalCents', 'Total TTC'],
    ['paidCents', 'Payé'],
    ['refundedByBankCents', 'Remboursé par la banque'],
    ['dueCents', 'À payer'],
    ['overdueCents', 'En retard'],
    ['cancelledCents', 'Annulé'],
    ['creditedCents', 'Avoirs'],
  ];
  // Card payments taken back by the buyer's bank are rare: their column shows only when the period has some.
  const columns = allColumns.filter(([key]) => key !== 'refundedByBankCents' || sum(key) > 0);
  return (
    <section className="stack" aria-labelledby="totaux-titre">
      <h2 id="totaux-titre">{title}</h2>
      <div
        className="table-scroll card invoice-totals"
        tabIndex={0}
        role="region"
        aria-label={`${title}\u00a0: tableau`}
      >
        <table>
          <thead>
            <tr>
              <th scope="col">Mois d’émission</th>
              <th scope="col" className="num">
                Factures
              </th>
              {columns.map(([key, label]) => (
                <th key={key} scope="col" className="num">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{monthName(month.month)}</th>
                <td className="num">{month.invoiceCount}</td>
                {columns.map(([key]) => (
                  <td key={key} className="num">
                    {euros(month[key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {months.length > 1 ? (
            <tfoot>
              <tr>
                <th scope="row">Période</th>
                <td className="num">{sum('invoiceCount')}</td>
                {columns.map(([key]) => (
                  <td key={key} className="num">
                    {euros(sum(key))}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {/* On a phone, each month as a card of figures instead of a table to scroll sideways. */}
      <ul className="invoice-totals__months">
        {[
          ...months,
          ...(months.length > 1
            ? [
                {
                  ...months[0],
                  month: '',
                  invoiceCount: sum('invoiceCount'),
                  ...Object.fromEntries(columns.map(([key]) => [key, sum(key)])),
                },
              ]
            : []),
        ].map((month) => (
          <li key={month.month || 'periode'} className="card">
            <h3>{month.month ? monthName(month.month) : 'Toute la période'}</h3>
            <dl>
              <div>
                <dt>Factures</dt>
                <dd>{month.invoiceCount}</dd>
              </div>
              {columns.map(([key, label]) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>{euros(month[key])}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Suivantes": the next page of the same list, and the way back to the first. */
export function InvoicePager({
  params,
  endCursor,
  hasNextPage,
}: {
  params: URLSearchParams;
  endCursor: string | null;
  hasNextPage: boolean;
}) {
  const onLaterPage = params.has('apres');
  if (!hasNextPage && !onLaterPage) return null;
  return (
    <nav className="pagination" aria-label="Pages de factures">
      {onLaterPage ? <Link to={listSearch(params, {})}>Premières factures</Link> : <span />}
      {hasNextPage && endCursor ? <Link to={listSearch(params, { apres: endCursor })}>Suivantes</Link> : null}
    </nav>
  );
}

/**
 * A page of an invoice list: its invoices, each drawn by `children` (an `InvoiceCard`), or why there is none — none
 * matches the filters, or `emptyText` — then the pager.
 */
export function InvoiceListPage({
  page,
  filters,
  params,
  emptyText,
  children,
}: {
  page: { edges: { node: InvoiceItem }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
  filters: InvoiceFilters;
  params: URLSearchParams;
  emptyText: string;
  children: (invoice: InvoiceItem) => ReactNode;
}) {
  return (
    <>
      {page.edges.length === 0 ? (
        <p className="empty-state">
          {filters.status || filters.from || filters.to ? 'Aucune facture ne correspond à ces filtres.' : emptyText}
        </p>
      ) : (
        <ul className="invoice-list">{page.edges.map(({ node }) => children(node))}</ul>
      )}
      <InvoicePager
        params={params}
        endCursor={page.pageInfo.endCursor ?? null}
        hasNextPage={page.pageInfo.hasNextPage}
      />
    </>
  );
}
