import { Form } from 'react-router';

export interface OrganizationRef {
  id: string;
  name: string;
}

/**
 * Which organization a page is about, for a person working for several: a form choosing it by `param` (nothing for
 * one). It also says when the address named an organization the viewer is not a member of (`unknownText`).
 * `rememberAt` sends the choice there instead of to the page itself, with the way back as `retour`.
 */
export function OrganizationSwitch({
  organizations,
  current,
  unknown,
  unknownText,
  param,
  label,
  submitLabel,
  rememberAt,
}: {
  organizations: OrganizationRef[];
  current: OrganizationRef;
  unknown: boolean;
  unknownText: string;
  param: string;
  label: string;
  submitLabel: string;
  rememberAt?: { action: string; back: string; formLabel: string };
}) {
  return (
    <>
      {unknown ? (
        <div className="alert alert--warning" role="alert">
          {unknownText}
        </div>
      ) : null}
      {organizations.length > 1 ? (
        <Form method="get" action={rememberAt?.action} className="producer-switch" aria-label={rememberAt?.formLabel}>
          {rememberAt ? <input type="hidden" name="retour" value={rememberAt.back} /> : null}
          <div className="field">
            <label htmlFor={param}>{label}</label>
            <select id={param} name={param} defaultValue={current.id}>
              {organizations.map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button--secondary">
            {submitLabel}
          </button>
        </Form>
      ) : null}
    </>
  );
}
