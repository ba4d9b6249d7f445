import type { ReactNode } from 'react';
import { Form, useNavigation } from 'react-router';
import { FieldError, FormAlert, invalidProps } from './FieldError';
import type { FormError } from '../lib/api-error';
import { ORGANIZATION_FIELDS, type OrganizationValues } from '../lib/organization-form';

/**
 * One labelled field of a creation form: what was typed given back, its hint, and the API's refusal under it when the
 * error names it (`multiline`: a text area).
 */
export function FormField({
  name,
  label,
  error,
  values,
  hint,
  multiline,
  ...props
}: {
  name: string;
  label: string;
  error?: FormError;
  values?: Partial<Record<string, string>>;
  hint?: ReactNode;
  multiline?: boolean;
} & Record<string, unknown>) {
  const hintId = hint ? `${name}-hint` : undefined;
  const invalid = invalidProps(error, name, `${name}-error`);
  const describedBy = [hintId, invalid['aria-describedby']].filter(Boolean).join(' ') || undefined;
  const control = {
    id: name,
    name,
    defaultValue: values?.[name],
    ...props,
    ...invalid,
    'aria-describedby': describedBy,
  };
  return (
    <div className={`field field--${name}`}>
      <label htmlFor={name}>{label}</label>
      {multiline ? <textarea rows={6} {...control} /> : <input {...control} />}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError error={error} field={name} id={`${name}-error`} />
    </div>
  );
}

/**
 * The form that creates an organization, a producer's, a buying business's or a brand's: its name, its SIRET and its
 * address, the API's refusal next to the field it names and everything typed kept (lib/organization-form.ts).
 */
export function OrganizationForm({
  error,
  values,
  nameLabel,
  addressLegend,
  addressHint,
  submitLabel,
  leading,
  extraFields = [],
  siretLabel = 'Numéro SIRET',
  siretHint = '14 chiffres, sur votre avis de situation INSEE (les espaces sont acceptés). Ancrage vérifie sa clé de contrôle et en déduit votre numéro de TVA intracommunautaire.',
  children,
}: {
  error?: FormError;
  values?: OrganizationValues | Partial<Record<string, string>>;
  nameLabel: string;
  addressLegend: string;
  addressHint: ReactNode;
  submitLabel: string;
  /** Fields of the page's own, after the name (their names in `extraFields`, so that their errors show there). */
  leading?: ReactNode;
  extraFields?: string[];
  siretLabel?: string;
  siretHint?: string;
  /** Hidden fields the page's action reads, and what to say before the button. */
  children?: ReactNode;
}) {
  const busy = useNavigation().state === 'submitting';
  const shared = { error, values: values as Partial<Record<string, string>> | undefined };
  return (
    <>
      <FormAlert error={error} fields={[...ORGANIZATION_FIELDS, ...extraFields]} />
      <Form method="post" noValidate className="card stack form-wide">
        <FormField name="name" label={nameLabel} autoComplete="organization" {...shared} />
        {leading}
        <FormField
          name="siret"
          label={siretLabel}
          inputMode="numeric"
          autoComplete="off"
          hint={siretHint}
          {...shared}
        />
        <fieldset className="stack">
          <legend>{addressLegend}</legend>
          <p className="field__hint">{addressHint}</p>
          <FormField name="line1" label="Numéro et rue" autoComplete="address-line1" {...shared} />
          <div className="address-row">
            <FormField
              name="postalCode"
              label="Code postal"
              autoComplete="postal-code"
              inputMode="numeric"
              maxLength={5}
              {...shared}
            />
            <FormField name="city" label="Commune" autoComplete="address-level2" {...shared} />
          </div>
        </fieldset>
        {children}
        <div>
          <button type="submit" disabled={busy}>
            {busy ? 'Création…' : submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
