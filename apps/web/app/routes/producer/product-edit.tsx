import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { VariablesOf } from 'gql.tada';
import type { Route } from './+types/product-edit';
import { FieldError, FormAlert } from '../../components/FieldError';
import { LabelStatus, type LabelRequest } from '../../components/producer/LabelStatus';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProductForm } from '../../components/producer/ProductForm';
import { ProductPhotos } from '../../components/producer/ProductPhotos';
import {
  productInputOf,
  valuesOfForm,
  valuesOfProduct,
  type ProductFormValues,
} from '../../components/producer/product-form';
import { producerSearch } from '../../components/producer/producer-search';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, apiUpload, formErrorOf, type FormError } from '../../lib/api.server';
import { APPROVAL_STATUS_LABELS } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';
import { PRODUCT_IMAGE_FILES } from '../../components/picture-fragments';

const PRODUCT = graphql(
  `
    query ProducerProduct($id: ID!) {
      product(id: $id) {
        id
        slug
        name
        description
        category
        unit
        unitMassKg
        priceCents
        vatRate
        stock
        minOrderQuantity
        certifications
        ciqualCode
        version
        b2bPriceTiers {
          minQuantity
          unitPriceCents
        }
        images {
          id
          alt
          ...ProductImageFiles
        }
        producer {
          id
        }
        labelRequests {
          id
          status
          reason
          requestedAt
          decidedAt
          suspended
          brand {
            id
            name
          }
        }
      }
      brands {
        id
        name
        members(status: APPROVED) {
          producer {
            id
          }
        }
      }
    }
  `,
  [PRODUCT_IMAGE_FILES],
);

const UPDATE_PRODUCT = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      id
      version
    }
  }
`);

const ADD_IMAGE = graphql(`
  mutation AddProductImage($productId: ID!, $mediaId: ID!, $alt: String!) {
    addProductImage(productId: $productId, mediaId: $mediaId, alt: $alt) {
      id
    }
  }
`);

const MOVE_IMAGE = graphql(`
  mutation MoveProductImage($id: ID!, $position: Int!) {
    moveProductImage(id: $id, position: $position) {
      id
    }
  }
`);

const REMOVE_IMAGE = graphql(`
  mutation RemoveProductImage($id: ID!) {
    removeProductImage(id: $id) {
      id
    }
  }
`);

const REQUEST_LABEL = graphql(`
  mutation RequestProductLabel($productId: ID!, $brandId: ID!) {
    requestProductLabel(productId: $productId, brandId: $brandId) {
      id
      status
      brand {
        id
        name
      }
    }
  }
`);

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.kind === 'producer' ? loaderData.product.name : 'Produit'} — Mes produits — Ancrage` },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { producers } = await chooseProducer(request, context);
  if (producers.length === 0) return { kind: 'not-a-producer' as const };
  const { product, brands } = await apiQuery(callerOf(context), PRODUCT, { id: params.id });
  // Withdrawn products are not read by the API (product(id) answers active ones only), nor other producers'.
  const producer = producers.find((candidate) => candidate.id === product?.producer.id);
  if (!product || !producer) throw data(null, { status: 404 });
  const memberOf = brands
    .filter((brand) => brand.members.some((member) => member.producer.id === producer.id))
    .map(({ id, name }) => ({ id, name }));
  return {
    kind: 'producer' as const,
    producers,
    producer,
    product,
    memberOf,
    created: new URL(request.url).searchParams.get('cree') === '1',
  };
}

type ActionResult =
  | { intent: 'save'; error: FormError; values: ProductFormValues }
  | { intent: 'save'; error: null; values: null }
  | { intent: 'label'; brandId: string; error: FormError | null; status: string | null }
  | { intent: 'withdraw'; error: FormError }
  | { intent: 'photo'; error: FormError | null; added: boolean };

export async function action({ request, params, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const caller = callerOf(context);
  const intent = form.get('intent');
  const id = params.id;
  if (intent === 'label') {
    const brandId = String(form.get('brandId') ?? '');
    try {
      const { requestProductLabel } = await apiMutation(caller, REQUEST_LABEL, { productId: id, brandId });
      return { intent, brandId, error: null, status: requestProductLabel.status } satisfies ActionResult;
    } catch (error) {
      return data({ intent, brandId, error: formErrorOf(error), status: null } satisfies ActionResult, { status: 400 });
    }
  }
  if (intent === 'photo-add' || intent === 'photo-move' || intent === 'photo-remove') {
    const refused = (error: FormError) =>
      data({ intent: 'photo', error, added: false } satisfies ActionResult, { status: 400 });
    try {
      if (intent === 'photo-add') {
        const file = form.get('file');
        const alt = String(form.get('alt') ?? '').trim();
        if (!(file instanceof File) || file.size === 0)
          return refused({ code: 'BAD_USER_INPUT', field: 'file', message: 'Choisissez une photo à envoyer.' });
        // Checked before the upload, so that a refused description leaves no picture behind.
        if (!alt || alt.length > 300)
          return refused({
            code: 'BAD_USER_INPUT',
            field: 'alt',
            message: 'Décrivez la photo en 1 à 300 caractères\u00a0: ce qu’elle montre, pour qui ne la voit pas.',
          });
        const { product } = await apiQuery(caller, PRODUCT, { id });
        if (!product) throw data(null, { status: 404 });
        const media = await apiUpload(caller, product.producer.id, file);
        await apiMutation(caller, ADD_IMAGE, { productId: id, mediaId: media.id, alt });
        return { intent: 'photo', error: null, added: true } satisfies ActionResult;
      }
      const imageId = String(form.get('imageId') ?? '');
      if (intent === 'photo-move')
        await apiMutation(caller, MOVE_IMAGE, { id: imageId, position: Number(form.get('position')) });
      else await apiMutation(caller, REMOVE_IMAGE, { id: imageId });
      return { intent: 'photo', error: null, added: false } satisfies ActionResult;
    } catch (error) {
      if (error instanceof Response) throw error;
      return refused(formErrorOf(error));
    }
  }
  if (intent === 'withdraw') {
    try {
      await apiMutation(caller, UPDATE_PRODUCT, { id, input: { active: false } });
    } catch (error) {
      return data({ intent, error: formErrorOf(error) } satisfies ActionResult, { status: 400 });
    }
    throw redirect(
      `/producteur/produits${producerSearch(form.get('plusieurs') === '1', String(form.get('producteur')), { retire: String(form.get('nom') ?? '') })}`,
    );
  }
  const values = valuesOfForm(form);
  const refused = (error: FormError) => data({ intent: 'save', error, values } satisfies ActionResult, { status: 400 });
  const parsed = productInputOf(values);
  if ('error' in parsed) return refused(parsed.error);
  try {
    const input = { ...parsed.input, expectedVersion: Number(form.get('version')) } as VariablesOf<
      typeof UPDATE_PRODUCT
    >['input'];
    await apiMutation(caller, UPDATE_PRODUCT, { id, input });
  } catch (error) {
    return refused(formErrorOf(error));
  }
  return { intent: 'save', error: null, values: null } satisfies ActionResult;
}

export default function EditProduct({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, product, memberOf, created } = loaderData;
  const result = actionData as ActionResult | undefined;
  const several = producers.length > 1;
  const hidden = { producteur: producer.id, plusieurs: several ? '1' : '0' };
  const saveResult = result?.intent === 'save' ? result : undefined;
  return (
    <div className="stack producer-product">
      <ProducerNav producerId={producer.id} several={several} />
      <p className="breadcrumb">
        <Link to={`/producteur/produits${producerSearch(several, producer.id)}`}>Mes produits</Link> › {product.name}
      </p>
      <h1>{product.name}</h1>
      <p className="row">
        <Link to={`/produits/${product.slug}`}>Voir la page publique du produit</Link>
      </p>
      <div role="status">
        {created && !result ? (
          <div className="alert alert--info">Produit créé&nbsp;: il est en vente dans le catalogue.</div>
        ) : null}
        {saveResult && !saveResult.error ? <div className="alert alert--info">Modifications enregistrées.</div> : null}
      </div>
      <ProductForm
        key={product.version}
        values={saveResult?.values ?? valuesOfProduct(product)}
        error={saveResult?.error}
        submitLabel="Enregistrer les modifications"
        unitLocked
        hidden={{ ...hidden, intent: 'save', version: String(product.version) }}
      />
      <ProductPhotos
        photos={product.images}
        error={result?.intent === 'photo' ? result.error : null}
        added={result?.intent === 'photo' && result.added}
      />
      <LabelRequests
        labels={product.labelRequests}
        memberOf={memberOf}
        result={result?.intent === 'label' ? result : undefined}
      />
      <Withdraw name={product.name} hidden={hidden} error={result?.intent === 'withdraw' ? result.error : null} />
    </div>
  );
}

type LabelResult = Extract<ActionResult, { intent: 'label' }>;

/**
 * The product's label requests, brand by brand: the brands the producer is an approved member of, and any other
 * brand it asked. Each says where the request stands and, when refused or withdrawn, the brand's reason; a refused
 * label may be asked again.
 */
function LabelRequests({
  labels,
  memberOf,
  result,
}: {
  labels: LabelRequest[];
  memberOf: { id: string; name: string }[];
  result?: LabelResult;
}) {
  const busy = useNavigation().formData?.get('intent') === 'label';
  const brands = [
    ...memberOf,
    ...labels.map((label) => label.brand).filter((brand) => !memberOf.some((member) => member.id === brand.id)),
  ];
  return (
    <section className="card stack product-labels" aria-labelledby="labels-titre">
      <h2 id="labels-titre">Labels de marque</h2>
      <p className="small muted">
        Une marque de territoire dont vous êtes membre peut apposer son label sur ce produit, après examen de sa
        conformité à sa charte. Chaque demande est suivie ici, avec le motif de la marque quand elle la refuse.
      </p>
      {brands.length === 0 ? (
        <p>Vous n’êtes membre accepté d’aucune marque&nbsp;: une marque doit d’abord accepter votre candidature.</p>
      ) : (
        <ul className="product-labels__list">
          {brands.map((brand) => {
            const request = labels.find((label) => label.brand.id === brand.id);
            const answer = result?.brandId === brand.id ? result : undefined;
            const member = memberOf.some((candidate) => candidate.id === brand.id);
            const errorId = `label-${brand.id}-erreur`;
            const mayAsk =
              member && !answer?.status && (!request || request.status === 'REJECTED' || request.status === 'REVOKED');
            return (
              <li key={brand.id} className="product-labels__brand">
                <strong>{brand.name}</strong>
                {answer?.status ? (
                  <span className="tag tag--status">
                    Demande envoyée&nbsp;: {APPROVAL_STATUS_LABELS[answer.status] ?? answer.status}
                  </span>
                ) : request ? (
                  <LabelStatus request={request} />
                ) : null}
                {mayAsk ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="label" />
                    <input type="hidden" name="brandId" value={brand.id} />
                    <button
                      type="submit"
                      className="button--secondary button--small"
                      disabled={busy}
                      aria-describedby={answer?.error ? errorId : undefined}
                    >
                      {request ? `Demander à nouveau le label ${brand.name}` : `Demander le label ${brand.name}`}
                    </button>
                  </Form>
                ) : null}
                <FieldError
                  error={answer?.error ? { ...answer.error, field: 'brandId' } : null}
                  field="brandId"
                  id={errorId}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** "Retirer de la vente", behind a confirmation that says what it does. */
function Withdraw({ name, hidden, error }: { name: string; hidden: Record<string, string>; error: FormError | null }) {
  return (
    <section className="card product-withdraw" aria-labelledby="retrait-titre">
      <h2 id="retrait-titre">Retirer de la vente</h2>
      <FormAlert error={error} fields={[]} />
      <details>
        <summary>Retirer {name} de la vente…</summary>
        <Form method="post">
          {Object.entries({ ...hidden, intent: 'withdraw', nom: name }).map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <p className="small">
            Le produit disparaît du catalogue et ne peut plus être commandé&nbsp;; les commandes déjà passées le
            gardent. Vous ne pourrez plus le modifier ni le remettre en vente depuis ces pages.
          </p>
          <button type="submit" className="button--danger">
            Oui, retirer {name} de la vente
          </button>
        </Form>
      </details>
    </section>
  );
}
