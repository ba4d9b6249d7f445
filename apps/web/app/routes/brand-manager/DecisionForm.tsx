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
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get(idField) === id;
  const reasonId = `motif-${id}`;
  const error = failure?.error ?? null;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name={idField} value={id} />
      <div className="field">
        <label htmlFor={reasonId}>Motif de la décision</label>
        <textarea
          id={reasonId}
          name="motif"
          rows={3}
          defaultValue={failure?.reasonText}
          aria-describedby={`${reasonId}-hint`}
          {...invalidProps(error, 'reason', `${reasonId}-error`)}
        />
        <p className="field__hint" id={`${reasonId}-hint`}>
          {reasonHint}
        </p>
        <FieldError error={error} field="reason" id={`${reasonId}-error`} />
      </div>
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
