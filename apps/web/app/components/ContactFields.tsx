import type { FormError } from '../lib/api-error';
import { FieldError, invalidProps } from './FieldError';

/** The form fields of how to reach an organization, as its owner types them (the API checks and normalises them). */
export type ContactField = 'phone' | 'contactEmail';
export const CONTACT_FIELDS: ContactField[] = ['phone', 'contactEmail'];
export type ContactValues = Record<ContactField, string>;

/** What a submitted form says of them: an empty field clears it. */
export function contactValuesOf(form: FormData): ContactValues {
  return {
    phone: String(form.get('phone') ?? '').trim(),
    contactEmail: String(form.get('contactEmail') ?? '').trim(),
  };
}

/**
 * « Téléphone » and « E-mail de contact » of an organization's own form, each refusal next to its field, what was typed
 * kept. `hint` says who reads them (a producer's buyers, a business's producers).
 */
export function ContactFields({
  idPrefix,
  values,
  error,
  hint,
  readOnly = false,
}: {
  idPrefix: string;
  values: ContactValues;
  error: FormError | null;
  hint: string;
  readOnly?: boolean;
}) {
  const field = (name: ContactField, label: string, attributes: Record<string, string>) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        name={name}
        defaultValue={values[name]}
        readOnly={readOnly}
        {...attributes}
        {...invalidProps(error, name, `${idPrefix}-${name}-erreur`)}
      />
      <FieldError error={error} field={name} id={`${idPrefix}-${name}-erreur`} />
    </div>
  );
  return (
    <fieldset className="stack">
      <legend>Pour vous joindre</legend>
      <p className="field__hint">{hint}</p>
      <div className="address-row contact-row">
        {field('phone', 'Téléphone', { type: 'tel', autoComplete: 'tel', inputMode: 'tel', maxLength: '30' })}
        {field('contactEmail', 'E-mail de contact', { type: 'email', autoComplete: 'email', maxLength: '254' })}
      </div>
    </fieldset>
  );
}
