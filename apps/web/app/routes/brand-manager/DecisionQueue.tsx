import type { ReactNode } from 'react';
import { FormAlert } from '../../components/FieldError';
import { dateTime } from '../../lib/format';
import type { DecisionFailure } from './DecisionForm';

/**
 * A brand's decision queue (producers' applications, label requests) around its `DecisionForm`s: what the last
 * decision did, the requests waiting, and the decisions taken.
 */

/**
 * The outcome of the last decision: a sentence saying what was decided, or the API's refusal when the request is no
 * longer in the queue (otherwise its own form shows the error).
 */
export function DecisionOutcome({
  decided,
  failure,
  formIds,
}: {
  decided: string | null;
  failure: (DecisionFailure & { id: string }) | null;
  /** The requests shown with their own form (waiting, or approved and withdrawable): it shows their error. */
  formIds: string[];
}) {
  return (
    <>
      <div role="status" className={decided ? 'alert alert--info' : undefined}>
        {decided}
      </div>
      {failure && !formIds.includes(failure.id) ? <FormAlert error={failure.error} fields={[]} /> : null}
    </>
  );
}

/** The requests waiting for a decision, each as `children` draws it, or a sentence when there is none. */
export function PendingQueue<T extends { id: string }>({
  heading,
  emptyText,
  items,
  children,
  footer,
}: {
  heading: string;
  emptyText: string;
  items: T[];
  children: (item: T) => ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section className="stack" aria-labelledby="en-attente">
      <h2 id="en-attente">{heading}</h2>
      {items.length === 0 ? (
        <p className="empty-state">{emptyText}</p>
      ) : (
        <ul className="brand-applications">
          {items.map((item) => (
            <li key={item.id}>{children(item)}</li>
          ))}
        </ul>
      )}
      {footer}
    </section>
  );
}

/** One decision taken, as the table shows it. */
export interface DecisionRow {
  id: string;
  /** What was decided on (the producer, the product), the row's header. */
  subject: ReactNode;
  status: string;
  statusLabel: string;
  /** Said after the decision's tag (e.g. a label suspended since). */
  note?: ReactNode;
  decidedAt?: string | null;
  decidedBy?: { displayName: string } | null;
  reason?: string | null;
  /** What the brand may still do on it (withdraw an approved one). */
  action?: ReactNode;
}

/**
 * The decisions taken, newest first: on what, which, when, by whom and why, and what may be done on each; `nav`
 * under the heading (which decisions), `footer` under the table (their pages).
 */
export function DecisionsTable({
  heading,
  subjectHeading,
  rows,
  nav,
  footer,
}: {
  heading: string;
  subjectHeading: string;
  rows: DecisionRow[];
  nav?: ReactNode;
  footer?: ReactNode;
}) {
  const withActions = rows.some((row) => row.action);
  return (
    <section className="stack" aria-labelledby="decidees">
      <h2 id="decidees">{heading}</h2>
      {nav}
      {rows.length === 0 ? (
        <p>Aucune décision pour l’instant.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${heading}\u00a0: tableau`}>
          <table className="brand-decisions table-cards">
            <thead>
              <tr>
                <th scope="col">{subjectHeading}</th>
                <th scope="col">Décision</th>
                <th scope="col">Le</th>
                <th scope="col">Par</th>
                <th scope="col">Motif</th>
                {withActions ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.subject}</th>
                  <td data-label="Décision">
                    <span className={`tag tag--decision-${row.status.toLowerCase()}`}>{row.statusLabel}</span>
                    {row.note}
                  </td>
                  <td data-label="Le">{row.decidedAt ? dateTime(row.decidedAt) : '—'}</td>
                  <td data-label="Par">{row.decidedBy?.displayName ?? '—'}</td>
                  <td data-label="Motif">{row.reason ?? '—'}</td>
                  {withActions ? <td data-label="Action">{row.action ?? '—'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </section>
  );
}
