import type { FormError } from '../lib/api-error';

/** The API's message under the field it names (`extensions.field`), or nothing. */
export function FieldError({ error, field, id }: { error?: FormError | null; field: string; id: string }) {
  if (!error || error.field !== field) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {error.message}
    </p>
  );
}

/** An error no field of the form names, shown above the form. */
export function FormAlert({ error, fields }: { error?: FormError | null; fields: string[] }) {
  if (!error || (error.field && fields.includes(error.field))) return null;
  return (
    <div className="alert alert--error" role="alert">
      {error.message}
    </div>
  );
}

/** Props that tie an input to its error message for assistive technologies. */
export const invalidProps = (error: FormError | null | undefined, field: string, errorId: string) =>
  error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
