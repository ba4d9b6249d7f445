import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/profile';
import { CONTACT_FIELDS, ContactFields, type ContactValues, contactValuesOf } from '../../components/ContactFields';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { LogoField } from '../../components/LogoField';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, apiUpload, formErrorOf, type FormError } from '../../lib/api.server';
import { phoneText } from '../../lib/format';
import { placeOfAddress } from '../../lib/address-place';
import { addressFieldOf, changedAddress } from '../../lib/organization-form';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';
import { LOGO_FILES } from '../../components/picture-fragments';

const PROFILE = graphql(
  `
    query ProducerProfileForm($id: ID!) {
      organization(id: $id) {
        id
        name
        slug
        description
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
        logo {
          ...LogoFiles
        }
      }
    }
  `,
  [LOGO_FILES],
);

const UPDATE_ORGANIZATION = graphql(`
  mutation UpdateProducerProfile($id: ID!, $input: UpdateOrganizationInput!) {
    updateOrganization(id: $id, input: $input) {
      id
    }
  }
`);

type Field = 'name' | 'description' | 'line1' | 'postalCode' | 'city' | 'logo';
const FIELDS: string[] = ['name', 'description', 'line1', 'postalCode', 'city', 'logo', ...CONTACT_FIELDS];

/** The form's field an API error names. */
function formFieldOf(apiField: string | undefined): Field | undefined {
  switch (apiField) {
    case 'file':
    case 'logoMediaId':
    case 'organizationId':
      return 'logo';
    case 'name':
    case 'description':
      return apiField;
    default:
      return addressFieldOf(apiField);
  }
}

export const meta: Route.MetaFunction = () => [
  { title: 'Mon profil public — Espace producteur — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { producers, producer } = await chooseProducer(request, context);
  if (!producer) return { kind: 'not-a-producer' as const };
  const { organization } = await apiQuery(callerOf(context), PROFILE, { id: producer.id });
  if (!organization) throw data(null, { status: 404 });
  return { kind: 'producer' as const, producers, producer, organization };
}

type Values = Record<Exclude<Field, 'logo'>, string> & ContactValues;
type ActionResult = { error: FormError | null; values: Values | null; saved: boolean };

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const { producer } = await chooseProducer(request, context);
  if (!producer) throw data(null, { status: 404 });
  const caller = callerOf(context);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values: Values = {
    name: text('name'),
    description: text('description'),
    line1: text('line1'),
    postalCode: text('postalCode'),
    city: text('city'),
    ...contactValuesOf(form),
  };
  const refused = (error: FormError) =>
    data(
      {
        error: { ...error, field: formFieldOf(error.field) ?? error.field },
        values,
        saved: false,
      } satisfies ActionResult,
      { status: 400 },
    );
  try {
    const { organization } = await apiQuery(caller, PROFILE, { id: producer.id });
    if (!organization) throw data(null, { status: 404 });
    const logo = form.get('logo');
    let logoMediaId: string | undefined;
    if (logo instanceof File && logo.size > 0) logoMediaId = (await apiUpload(caller, producer.id, logo)).id;
    await apiMutation(caller, UPDATE_ORGANIZATION, {
      id: producer.id,
      input: {
        name: values.name,
        description: values.description,
        phone: values.phone,
        contactEmail: values.contactEmail,
        ...changedAddress(values, organization.address),
        ...(logoMediaId ? { logoMediaId } : form.get('removeLogo') === 'on' ? { removeLogo: true } : {}),
      },
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    return refused(formErrorOf(error));
  }
  return { error: null, values: null, saved: true } satisfies ActionResult;
}

export default function ProducerProfileForm({ loaderData, actionData }: Route.ComponentProps) {
  // Hooks first, before any early return: React calls them in the same order at every render.
  const busy = useNavigation().state === 'submitting';
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, organization } = loaderData;
  const result = actionData as ActionResult | undefined;
  const error = result?.error ?? null;
  const values: Values = result?.values ?? {
    name: organization.name,
    description: organization.description ?? '',
    line1: organization.address.line1,
    postalCode: organization.address.postalCode,
    city: organization.address.city ?? '',
    phone: organization.phone ? phoneText(organization.phone) : '',
    contactEmail: organization.contactEmail ?? '',
  };
  const several = producers.length > 1;
  // A saved profile comes back from the loader: the fields start again from it (uncontrolled fields keep what they
  // showed otherwise, and the form reset after a submission would bring back the values read before).
  const formKey = [
    organization.name,
    organization.description ?? '',
    organization.logo?.medium ?? '',
    organization.address.line1,
    organization.phone ?? '',
    organization.contactEmail ?? '',
  ].join('|');
  const field = (
    name: Exclude<Field, 'logo' | 'description'>,
    label: string,
    attributes: Record<string, string> = {},
  ) => (
    <div className="field">
      <label htmlFor={`profile-${name}`}>{label}</label>
      <input
        id={`profile-${name}`}
        name={name}
        type="text"
        defaultValue={values[name]}
        required={name !== 'city'}
        {...attributes}
        {...invalidProps(error, name, `profile-${name}-erreur`)}
      />
      <FieldError error={error} field={name} id={`profile-${name}-erreur`} />
    </div>
  );
  return (
    <div className="stack producer-profile-form">
      <ProducerNav producerId={producer.id} several={several} />
      <h1>Mon profil public</h1>
      <p className="row">
        <Link to={`/producteurs/${organization.slug}`}>Voir ma page publique</Link>
      </p>
      <div role="status">{result?.saved ? <div className="alert alert--info">Profil enregistré.</div> : null}</div>
      <FormAlert error={error} fields={FIELDS} />
      <Form method="post" encType="multipart/form-data" noValidate className="card stack form-wide" key={formKey}>
        {field('name', 'Nom affiché', { autoComplete: 'organization', maxLength: '200' })}
        <div className="field">
          <label htmlFor="profile-description">Présentation</label>
          <textarea
            id="profile-description"
            name="description"
            rows={6}
            maxLength={3000}
            defaultValue={values.description}
            aria-describedby="profile-description-hint"
            {...invalidProps(error, 'description', 'profile-description-erreur')}
          />
          <p className="field__hint" id="profile-description-hint">
            Ce que vous produisez, comment, où l’on vous trouve&nbsp;: visible de tous sur votre page publique (3 000
            caractères au plus).
          </p>
          <FieldError error={error} field="description" id="profile-description-erreur" />
        </div>
        <ContactFields
          idPrefix="profile"
          values={values}
          error={error}
          hint="Visible par les acheteurs, sur votre page publique et sur leurs commandes, pour vous joindre au sujet d’une livraison. Laissez vide pour ne pas l’indiquer."
        />
        <LogoField idPrefix="profile" ownerName={organization.name} logo={organization.logo} error={error} />
        <fieldset className="stack">
          <legend>Adresse de l’exploitation</legend>
          <p className="field__hint">
            {placeOfAddress(organization.address)} La rue n’est montrée au public que si vous proposez le retrait sur
            place&nbsp;; sinon, seule la commune l’est.
          </p>
          {field('line1', 'Numéro et rue', { autoComplete: 'address-line1' })}
          <div className="address-row">
            {field('postalCode', 'Code postal', { autoComplete: 'postal-code', inputMode: 'numeric', maxLength: '5' })}
            {field('city', 'Commune', { autoComplete: 'address-level2' })}
          </div>
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Enregistrer le profil'}
          </button>
        </div>
      </Form>
    </div>
  );
}
