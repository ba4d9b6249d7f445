import { data, Link, redirect } from 'react-router';
import type { VariablesOf } from 'gql.tada';
import type { Route } from './+types/product-new';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { ProductForm } from '../../components/producer/ProductForm';
import { EMPTY_PRODUCT, productInputOf, valuesOfForm } from '../../components/producer/product-form';
import { producerSearch } from '../../components/producer/producer-search';
import { graphql } from '../../graphql';
import { apiMutation, formErrorOf, type FormError } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const CREATE_PRODUCT = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: 'Nouveau produit — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  return { kind: 'producer' as const, ...choice, producer: choice.producer };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const producerId = String(form.get('producteur') ?? '');
  const values = valuesOfForm(form);
  const refused = (error: FormError) => data({ error, values }, { status: 400 });
  const parsed = productInputOf(values);
  if ('error' in parsed) return refused(parsed.error);
  let id: string;
  try {
    const input = { ...parsed.input, producerId, unit: values.unit } as VariablesOf<typeof CREATE_PRODUCT>['input'];
    id = (await apiMutation(callerOf(context), CREATE_PRODUCT, { input })).createProduct.id;
  } catch (error) {
    return refused(formErrorOf(error));
  }
  throw redirect(
    `/producteur/produits/${id}${producerSearch(form.get('plusieurs') === '1', producerId, { cree: '1' })}`,
  );
}

export default function NewProduct({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, unknownProducer } = loaderData;
  return (
    <div className="stack producer-product">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <p className="breadcrumb">
        <Link to={`/producteur/produits${producerSearch(producers.length > 1, producer.id)}`}>Mes produits</Link> ›
        Nouveau produit
      </p>
      <h1>Nouveau produit</h1>
      <p className="muted">
        Un produit de <strong>{producer.name}</strong>&nbsp;: il apparaît dans le catalogue dès qu’il est enregistré.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <ProductForm
        values={actionData?.values ?? EMPTY_PRODUCT}
        error={actionData?.error}
        submitLabel="Créer le produit"
        unitLocked={false}
        hidden={{ producteur: producer.id, plusieurs: producers.length > 1 ? '1' : '0' }}
      />
    </div>
  );
}
