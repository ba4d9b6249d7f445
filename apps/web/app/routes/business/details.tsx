import { data, Form, useNavigation } from 'react-router';
import type { Route } from './+types/details';
import { BusinessesOnly } from '../../components/business/BusinessesOnly';
import { BusinessSwitch } from '../../components/business/BusinessSwitch';
import { CONTACT_FIELDS, ContactFields, type ContactValues, contactValuesOf } from '../../components/ContactFields';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { VerificationNotice } from '../../components/VerificationNotice';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { placeOfAddress } from '../../lib/address-place';
import { phoneText } from '../../lib/format';
import { addressFieldOf, type AddressValues, changedAddress } from '../../lib/organization-form';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseBusiness } from './rse.server';

const BUSINESS_DETAILS = graphql(`
  query BusinessDetails($id: ID!) {
    organization(id: $id) {
      id
      name
      siret
      vatNumber
      phone
      contactEmail
      address {
        line1
        postalCode
        city
        inseeCode
        departmentCode
        latitude
        longitude
        precision
      }
    }
    me {
      memberships {
        role
        organization {
          id
        }
      }
    }
  }
`);

const UPDATE_BUSINESS = graphql(`
  mutation UpdateBusinessDetails($id: ID!, $input: UpdateOrganizationInput!) {
    updateOrganization(id: $id, input: $input) {
      id
    }
  }
`);

type Field = 'name' | 'line1' | 'postalCode' | 'city';
const FIELDS: string[] = ['name', 'line1', 'postalCode', 'city', ...CONTACT_FIELDS];
type Values = Record<Field, string> & AddressValues & ContactValues;
type ActionResult = { error: FormError | null; values: Values | null; saved: boolean };

export const meta: Route.MetaFunction = () => [
  { title: 'Nom et coordonnées de l’entreprise — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBusiness(request, context);
  if (!choice.business) return { kind: 'not-a-business' as const };
  const answer = await apiQuery(callerOf(context), BUSINESS_DETAILS, { id: choice.business.id });
  if (!answer.organization) throw data(null, { status: 404 });
  const role = answer.me.memberships.find((membership) => membership.organization.id === choice.business!.id)?.role;
  return {
    kind: 'business' as const,
    ...choice,
    business: choice.business,
    organization: answer.organization,
    isOwner: role === 'OWNER',
  };
}

/** Its owners rename the business or move it (the API refuses anyone else: PRODUCT.md §7); the SIRET never changes. */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const caller = callerOf(context);
  const form = await request.formData();
  const text = (name: Field) => String(form.get(name) ?? '').trim();
  const values: Values = {
    name: text('name'),
    line1: text('line1'),
    postalCode: text('postalCode'),
    city: text('city'),
    ...contactValuesOf(form),
  };
  const id = String(form.get('organisation') ?? '');
  try {
    const { organization } = await apiQuery(caller, BUSINESS_DETAILS, { id });
    if (!organization) throw data(null, { status: 404 });
    await apiMutation(caller, UPDATE_BUSINESS, {
      id,
      input: {
        name: values.name,
        phone: values.phone,
        contactEmail: values.contactEmail,
        ...changedAddress(values, organization.address),
      },
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    const refusal = formErrorOf(error);
    const field = refusal.field === 'name' ? 'name' : (addressFieldOf(refusal.field) ?? refusal.field);
    return data({ error: { ...refusal, field }, values, saved: false } satisfies ActionResult, { status: 400 });
  }
  return { error: null, values: null, saved: true } satisfies ActionResult;
}

export default function BusinessDetails({ loaderData, actionData }: Route.ComponentProps) {
  // Hooks first, before any early return: React calls them in the same order at every render.
  const busy = useNavigation().state === 'submitting';
  if (loaderData.kind === 'not-a-business') {
    return (
      <BusinessesOnly
        title="Nom et coordonnées de l’entreprise"
        purpose="Elles y tiennent à jour leur nom, leur adresse, leur téléphone et leur e-mail de contact."
      />
    );
  }
  const { businesses, business, unknownBusiness, organization, isOwner } = loaderData;
  const result = actionData as ActionResult | undefined;
  const error = result?.error ?? null;
  const values: Values = result?.values ?? {
    name: organization.name,
    line1: organization.address.line1,
    postalCode: organization.address.postalCode,
    city: organization.address.city ?? '',
    phone: organization.phone ? phoneText(organization.phone) : '',
    contactEmail: organization.contactEmail ?? '',
  };
  // A saved change comes back from the loader: the fields start again from it.
  const formKey = [
    organization.name,
    organization.address.line1,
    organization.address.postalCode,
    organization.phone ?? '',
    organization.contactEmail ?? '',
  ].join('|');
  const field = (name: Field, label: string, attributes: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`entreprise-${name}`}>{label}</label>
      <input
        id={`entreprise-${name}`}
        name={name}
        type="text"
        defaultValue={values[name]}
        required={name !== 'city'}
        readOnly={!isOwner}
        {...attributes}
        {...invalidProps(error, name, `entreprise-${name}-erreur`)}
      />
      <FieldError error={error} field={name} id={`entreprise-${name}-erreur`} />
    </div>
  );
  return (
    <div className="stack business-details">
      <h1>Nom et coordonnées de l’entreprise</h1>
      <p className="muted">
        Le nom, l’adresse, le téléphone et l’e-mail de contact de <strong>{business.name}</strong>&nbsp;: l’adresse est
        celle où vous êtes livrés si vous n’en indiquez pas d’autre à la commande, et celle que portent les factures
        émises à partir de maintenant (les factures déjà émises ne changent pas).
      </p>
      <VerificationNotice kind="BUSINESS" name={business.name} status={business.verificationStatus} />
      <BusinessSwitch businesses={businesses} current={business} unknownBusiness={unknownBusiness} />
      <div role="status">
        {result?.saved ? <div className="alert alert--info">Nom et coordonnées enregistrés.</div> : null}
      </div>
      <FormAlert error={error} fields={FIELDS} />
      <Form method="post" noValidate className="card stack form-wide" key={formKey}>
        <input type="hidden" name="organisation" value={business.id} />
        {field('name', 'Nom de l’entreprise', { autoComplete: 'organization', maxLength: '200' })}
        <dl className="facts">
          <div>
            <dt>SIRET</dt>
            <dd>{organization.siret}</dd>
          </div>
          {organization.vatNumber ? (
            <div>
              <dt>Numéro de TVA</dt>
              <dd>{organization.vatNumber}</dd>
            </div>
          ) : null}
        </dl>
        <p className="field__hint">Le SIRET ne change jamais&nbsp;: une autre entreprise s’inscrit à part.</p>
        <fieldset className="stack">
          <legend>Adresse</legend>
          <p className="field__hint">{placeOfAddress(organization.address)}</p>
          {field('line1', 'Numéro et rue', { autoComplete: 'address-line1' })}
          <div className="address-row">
            {field('postalCode', 'Code postal', { autoComplete: 'postal-code', inputMode: 'numeric', maxLength: '5' })}
            {field('city', 'Commune', { autoComplete: 'address-level2' })}
          </div>
        </fieldset>
        <ContactFields
          idPrefix="entreprise"
          values={values}
          error={error}
          readOnly={!isOwner}
          hint="Lus par vos membres et par les producteurs à qui vous commandez, pour vous joindre au sujet d’une livraison (jamais publiés). Laissez vide pour ne pas l’indiquer."
        />
        {isOwner ? (
          <div>
            <button type="submit" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer'}
            </button>
          </div>
        ) : (
          <p className="small muted">
            Seuls les propriétaires de l’entreprise modifient son nom, son adresse et ses contacts.
          </p>
        )}
      </Form>
    </div>
  );
}
