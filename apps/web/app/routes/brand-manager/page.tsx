import { data, Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/page';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { LogoField } from '../../components/LogoField';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, apiUpload, formErrorOf, type FormError } from '../../lib/api.server';
import { callerOf } from '../../lib/session.server';
import {
  BrandManagersOnly,
  brandPageHref,
  PendingVerificationNotice,
  territoryOf,
  UnknownBrandNotice,
  BrandSwitcher,
} from './brand-pages';
import { chooseBrand } from './brands.server';
import { LOGO_FILES } from '../../components/picture-fragments';

const BRAND_PAGE_FORM = graphql(
  `
    query BrandPageForm($slug: String!) {
      brand(slug: $slug) {
        id
        charter
        territoryText
        logo {
          ...LogoFiles
        }
      }
    }
  `,
  [LOGO_FILES],
);

const UPDATE_BRAND_PAGE = graphql(`
  mutation UpdateBrandPage($id: ID!, $input: UpdateBrandPageInput!) {
    updateBrandPage(id: $id, input: $input) {
      id
    }
  }
`);

type Field = 'charter' | 'territoryText' | 'logo';
const FIELDS: Field[] = ['charter', 'territoryText', 'logo'];
const CHARTER_MAX = 20_000;
const TERRITORY_TEXT_MAX = 5_000;

/** The form's field an API error names, with its message in French. */
function frenchFieldError(error: FormError): FormError {
  switch (error.field) {
    case 'charter':
      return {
        ...error,
        message: `La charte dit ce que promet le label\u00a0: elle ne peut pas être vide et compte ${CHARTER_MAX.toLocaleString('fr-FR')} caractères au plus.`,
      };
    case 'territoryText':
      return {
        ...error,
        message: `Le texte sur le territoire compte ${TERRITORY_TEXT_MAX.toLocaleString('fr-FR')} caractères au plus.`,
      };
    case 'file':
    case 'logoMediaId':
    case 'organizationId':
      return {
        ...error,
        field: 'logo',
        message:
          error.code === 'BAD_USER_INPUT' && error.field === 'file'
            ? 'Le logo doit être une image JPEG, PNG ou WebP de 8 Mo au plus.'
            : error.message,
      };
    default:
      return error;
  }
}

export const meta: Route.MetaFunction = () => [
  { title: 'Page publique de la marque — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBrand(request, context);
  const { brand } = choice;
  if (!brand) return { kind: 'not-a-brand-manager' as const };
  const { brand: content } = await apiQuery(callerOf(context), BRAND_PAGE_FORM, { slug: brand.slug });
  if (!content) throw data(null, { status: 404 });
  return { kind: 'brand' as const, ...choice, brand, content };
}

type Values = { charter: string; territoryText: string };
type ActionResult = { error: FormError | null; values: Values | null; saved: boolean };

export async function action({ request, context }: Route.ActionArgs) {
  const { brand } = await chooseBrand(request, context);
  if (!brand) throw data(null, { status: 404 });
  const caller = callerOf(context);
  const form = await request.formData();
  const values: Values = {
    charter: String(form.get('charter') ?? ''),
    territoryText: String(form.get('territoryText') ?? ''),
  };
  try {
    const logo = form.get('logo');
    let logoMediaId: string | undefined;
    if (logo instanceof File && logo.size > 0) logoMediaId = (await apiUpload(caller, brand.organizationId, logo)).id;
    await apiMutation(caller, UPDATE_BRAND_PAGE, {
      id: brand.id,
      input: {
        charter: values.charter,
        territoryText: values.territoryText,
        ...(logoMediaId ? { logoMediaId } : form.get('removeLogo') === 'on' ? { removeLogo: true } : {}),
      },
    });
  } catch (error) {
    return data({ error: frenchFieldError(formErrorOf(error)), values, saved: false } satisfies ActionResult, {
      status: 400,
    });
  }
  return { error: null, values: null, saved: true } satisfies ActionResult;
}

export default function BrandPageForm({ loaderData, actionData }: Route.ComponentProps) {
  // Hooks first, before any early return: React calls them in the same order at every render.
  const busy = useNavigation().state === 'submitting';
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Page publique de la marque" />;
  const { brands, brand, unknownBrand, content } = loaderData;
  const result = actionData as ActionResult | undefined;
  const error = result?.error ?? null;
  const values: Values = result?.values ?? { charter: content.charter, territoryText: content.territoryText ?? '' };
  // A saved page comes back from the loader: the fields start again from it.
  const formKey = [content.charter, content.territoryText ?? '', content.logo?.medium ?? ''].join('|');
  return (
    <div className="stack brand-page-form">
      <p className="breadcrumb">
        <Link to={brandPageHref('/marque', { brands, brand })}>Tableau de bord de {brand.name}</Link>
      </p>
      <h1>Page publique de {brand.name}</h1>
      <p className="muted">
        Ce que lisent les acheteurs sur la page de la marque ({territoryOf(brand)})&nbsp;: sa charte, son logo et ce
        qu’elle dit de son territoire. <Link to={`/marques/${brand.slug}`}>Voir la page publique</Link>
      </p>
      {unknownBrand ? <UnknownBrandNotice brand={brand} /> : null}
      <PendingVerificationNotice brand={brand} />
      <BrandSwitcher path="/marque/page" brands={brands} brand={brand} />
      <div role="status">
        {result?.saved ? <div className="alert alert--info">Page de la marque enregistrée.</div> : null}
      </div>
      <FormAlert error={error} fields={FIELDS} />
      <Form method="post" encType="multipart/form-data" noValidate className="card stack form-wide" key={formKey}>
        <div className="field">
          <label htmlFor="brand-charter">Charte du label</label>
          <textarea
            id="brand-charter"
            name="charter"
            rows={8}
            maxLength={CHARTER_MAX}
            required
            defaultValue={values.charter}
            aria-describedby="brand-charter-hint"
            {...invalidProps(error, 'charter', 'brand-charter-erreur')}
          />
          <p className="field__hint" id="brand-charter-hint">
            Ce que promet le label&nbsp;: où les produits sont cultivés, élevés et transformés, par qui.
          </p>
          <FieldError error={error} field="charter" id="brand-charter-erreur" />
        </div>
        <div className="field">
          <label htmlFor="brand-territory">Le territoire</label>
          <textarea
            id="brand-territory"
            name="territoryText"
            rows={6}
            maxLength={TERRITORY_TEXT_MAX}
            defaultValue={values.territoryText}
            aria-describedby="brand-territory-hint"
            {...invalidProps(error, 'territoryText', 'brand-territory-erreur')}
          />
          <p className="field__hint" id="brand-territory-hint">
            Ses paysages, ses savoir-faire, ce qui fait sa cuisine (5 000 caractères au plus)&nbsp;; laissez vide pour
            ne rien afficher.
          </p>
          <FieldError error={error} field="territoryText" id="brand-territory-erreur" />
        </div>
        <LogoField idPrefix="brand" ownerName={brand.name} logo={content.logo} error={error} />
        <p>
          <button type="submit" disabled={busy}>
            Enregistrer la page
          </button>
        </p>
      </Form>
    </div>
  );
}
