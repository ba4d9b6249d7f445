import type { ReactNode } from 'react';
import { Form, useNavigation } from 'react-router';
import { FieldError, FormAlert, invalidProps } from './FieldError';
import type { FormError } from '../lib/api-error';
import { ORGANIZATION_FIELDS, type OrganizationField, type OrganizationValues } from '../lib/organization-form';

/**
 * The form that creates an organization, a producer's or a buying business's: its name, its SIRET and its address,
 * the API's refusal next to the field it names and everything typed kept (lib/organization-form.ts).
 */
export function OrganizationForm({
  error,
  values,
  nameLabel,
  addressLegend,
  addressHint,
  submitLabel,
  children,
}: {
  error?: FormError;
  values?: OrganizationValues;
  nameLabel: string;
  addressLegend: string;
  addressHint: ReactNode;
  submitLabel: string;
  /** Hidden fields the page's action reads, and what to say before the button. */
  children?: ReactNode;
}) {
  const busy = useNavigation().state === 'submitting';
  const field = (name: OrganizationField, label: string, props: Record<string, string> = {}, hint?: string) => {
    const hintId = hint ? `${name}-hint` : undefined;
    const invalid = invalidProps(error, name, `${name}-error`);
    const describedBy = [hintId, invalid['aria-describedby']].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field field--${name}`}>
        <label htmlFor={name}>{label}</label>
        <input
          id={name}
          name={name}
          defaultValue={values?.[name]}
          {...props}
          {...invalid}
          aria-describedby={describedBy}
        />
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        <FieldError error={error} field={name} id={`${name}-error`} />
      </div>
    );
  };
  return (
    <>
      <FormAlert error={error} fields={ORGANIZATION_FIELDS} />
      <Form method="post" noValidate className="card stack form-wide">
        {field('name', nameLabel, { autoComplete: 'organization' })}
        {field(
          'siret',
          'Numéro SIRET',
          { inputMode: 'numeric', autoComplete: 'off' },
          '14 chiffres, sur votre avis de situation INSEE (les espaces sont acceptés). Ancrage vérifie sa clé de contrôle et en déduit votre numéro de TVA intracommunautaire.',
        )}
        <fieldset className="stack">
          <legend>{addressLegend}</legend>
          <p className="field__hint">{addressHint}</p>
          {field('line1', 'Numéro et rue', { autoComplete: 'address-line1' })}
          <div className="address-row">
            {field('postalCode', 'Code postal', { autoComplete: 'postal-code', inputMode: 'numeric', maxLength: '5' })}
            {field('city', 'Commune', { autoComplete: 'address-level2' })}
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
