import { useFetcher } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { FieldError, invalidProps } from '../FieldError';

/** What the catalogue's page answers one cell's form: saved (no error), or the API's error and what was typed. */
export interface InPlaceResult {
  productId: string;
  intent: InPlaceIntent;
  error: FormError | null;
  typed: string;
}

export type InPlaceIntent = 'stock' | 'price';
export const isInPlaceIntent = (value: unknown): value is InPlaceIntent => value === 'stock' || value === 'price';

/**
 * One figure of a product edited in its cell of the table: a small form that posts to the page (a full page without
 * JS, a fetcher with it), then shows the saved value read again and "Enregistré", or the API's message on the cell.
 */
export function InPlaceEdit({
  productId,
  intent,
  label,
  current,
  suffix,
  pageResult,
}: {
  productId: string;
  intent: InPlaceIntent;
  label: string;
  current: string;
  suffix: string;
  pageResult?: InPlaceResult | null;
}) {
  const fetcher = useFetcher<InPlaceResult>();
  const ownPageResult = pageResult?.productId === productId && pageResult.intent === intent ? pageResult : undefined;
  const result = fetcher.data ?? ownPageResult;
  const busy = fetcher.state !== 'idle';
  const id = `${intent}-${productId}`;
  const errorId = `${id}-erreur`;
  const error = result?.error ? { ...result.error, field: intent } : null;
  return (
    <fetcher.Form method="post" noValidate className="inplace-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="productId" value={productId} />
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <span className="inplace-form__field">
        <input
          key={error ? 'refused' : current}
          id={id}
          name="value"
          inputMode="decimal"
          defaultValue={error ? result?.typed : current}
          className="inplace-form__input"
          {...invalidProps(error, intent, errorId)}
        />
        <span className="small">{suffix}</span>
      </span>
      <span className="inplace-form__actions">
        <button type="submit" className="button--secondary button--small" disabled={busy}>
          {busy ? 'Enregistrement…' : 'Enregistrer'}
          <span className="visually-hidden"> {label}</span>
        </button>
        <span role="status" className="inplace-form__status small">
          {result && !result.error && !busy ? 'Enregistré' : ''}
        </span>
      </span>
      <FieldError error={error} field={intent} id={errorId} />
    </fetcher.Form>
  );
}
