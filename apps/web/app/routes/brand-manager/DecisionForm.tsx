import { Form, useNavigation } from 'react-router';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import type { FormError } from '../../lib/api-error';

/** A decision the API refused: its error (by field) and the reason typed, given back to the form. */
export interface DecisionFailure {
  error: FormError;
  reasonText: string;
}

/**
 * A brand's decision on one request of its queue (a producer's application, a label request): a reason ("motif"),
 * required by the API for a refusal, then "decision" = `approveValue` or "refuser". The request's id travels as
 * `idField`, so that only this form says it is busy while it is sent.
 */
export function DecisionForm({
  idField,
  id,
  failure,
  approveValue,
  approveLabel,
  reasonHint,
}: {
  idField: string;
  id: string;
  failure: DecisionFailure | null;
  approveValue: string;
  approveLabel: string;
  reasonHint: string;
}) {
  const busy = useBusy(idField, id);
  const error = failure?.error ?? null;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name={idField} value={id} />
      <ReasonField id={id} label="Motif de la décision" hint={reasonHint} failure={failure} />
      <FormAlert error={error} fields={['reason']} />
      <div className="brand-application__actions">
        <button type="submit" name="decision" value={approveValue} disabled={busy}>
          {approveLabel}
        </button>
        <button type="submit" name="decision" value="refuser" className="button--secondary" disabled={busy}>
          Refuser
        </button>
      </div>
    </Form>
  );
}

/** Whether this form (its request's id as `idField`) is being sent. */
function useBusy(idField: string, id: string): boolean {
  const navigation = useNavigation();
  return navigation.state === 'submitting' && navigation.formData?.get(idField) === id;
}

/** The reason ("motif") of a decision, with the API's refusal under it and what was typed given back. */
function ReasonField({
  id,
  label,
  hint,
  failure,
}: {
  id: string;
  label: string;
  hint: string;
  failure: DecisionFailure | null;
}) {
  const reasonId = `motif-${id}`;
  const error = failure?.error ?? null;
  return (
    <div className="field">
      <label htmlFor={reasonId}>{label}</label>
      <textarea
        id={reasonId}
        name="motif"
        rows={3}
        defaultValue={failure?.reasonText}
        aria-describedby={`${reasonId}-hint`}
        {...invalidProps(error, 'reason', `${reasonId}-error`)}
      />
      <p className="field__hint" id={`${reasonId}-hint`}>
        {hint}
      </p>
      <FieldError error={error} field="reason" id={`${reasonId}-error`} />
    </div>
  );
}

/**
 * Withdrawing what the brand granted (an approved membership or label): folded behind « Retirer » so that it takes
 * two steps, it says what the withdrawal does (`consequence`) and asks for the reason the producer will read, then
 * sends "decision" = "retirer" (the API's approve: false on an approved one). Open again when the API refused it.
 */
export function WithdrawForm({
  idField,
  id,
  failure,
  subject,
  consequence,
  submitLabel,
}: {
  idField: string;
  id: string;
  failure: DecisionFailure | null;
  /** What is withdrawn, for the summary's accessible name: "le label de Comté 18 mois". */
  subject: string;
  consequence: string;
  submitLabel: string;
}) {
  const busy = useBusy(idField, id);
  const consequenceId = `retrait-${id}`;
  return (
    <details className="withdraw" open={failure ? true : undefined}>
      <summary aria-label={`Retirer ${subject}`}>Retirer</summary>
      <Form method="post" className="stack withdraw__form" aria-describedby={consequenceId}>
        <input type="hidden" name={idField} value={id} />
        <p id={consequenceId} className="small">
          {consequence}
        </p>
        <ReasonField
          id={id}
          label="Motif du retrait"
          hint="Obligatoire&nbsp;: le producteur le lira."
          failure={failure}
        />
        <FormAlert error={failure?.error} fields={['reason']} />
        <div>
          <button type="submit" name="decision" value="retirer" className="button--danger" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </Form>
    </details>
  );
}
