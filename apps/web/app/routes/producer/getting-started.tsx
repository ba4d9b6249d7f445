import { data, Link, redirect } from 'react-router';
import type { ReactNode } from 'react';
import type { Route } from './+types/getting-started';
import { OrganizationForm } from '../../components/OrganizationForm';
import { BrandApplyForm } from '../../components/producer/BrandApplyForm';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { graphql, type ResultOf } from '../../graphql';
import { apiQuery } from '../../lib/api.server';
import { placeOfAddress } from '../../lib/address-place';
import { countOf, siretText } from '../../lib/format';
import { createOrganizationFrom } from '../../lib/organization-create.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { applyToBrand } from './brand-application.server';
import { chooseProducer } from './producers.server';

const PRODUCER_START = graphql(`
  query ProducerStart($producerId: ID!) {
    organization(id: $producerId) {
      id
      name
      siret
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
      deliveryOptions {
        id
      }
    }
    brands {
      id
      name
      slug
      departmentCodes
      members(status: APPROVED) {
        producer {
          id
        }
      }
    }
    products(filter: { producerId: $producerId }, first: 1) {
      totalCount
    }
    cardPaymentsAvailable
  }
`);

type Start = ResultOf<typeof PRODUCER_START>;
type Brand = Start['brands'][number];

export const meta: Route.MetaFunction = () => [
  { title: 'Démarrer comme producteur — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'create' as const };
  const start = await apiQuery(callerOf(context), PRODUCER_START, { producerId: choice.producer.id });
  const organization = start.organization;
  if (!organization) throw data('Producteur introuvable.', { status: 404 });
  const department = organization.address.departmentCode;
  return {
    kind: 'checklist' as const,
    ...choice,
    producer: choice.producer,
    organization,
    brands: start.brands.filter((brand) => department != null && brand.departmentCodes.includes(department)),
    productCount: start.products.totalCount,
    cardPaymentsAvailable: start.cardPaymentsAvailable,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const caller = callerOf(context);

  if (form.get('intent') === 'candidater') return applyToBrand(caller, form);

  const created = await createOrganizationFrom(caller, 'PRODUCER', form);
  if (!created.ok)
    return data({ kind: 'create-failed' as const, error: created.error, values: created.values }, { status: 400 });
  // The viewer's memberships changed: a new request reads them again (the header, the producer switch).
  throw redirect(`/producteur/demarrer?producteur=${encodeURIComponent(created.id)}`);
}

type ActionData = Route.ComponentProps['actionData'];

export default function GettingStarted({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'create') return <CreateProducer actionData={actionData} />;
  const { producers, producer, unknownProducer, organization, brands, productCount, cardPaymentsAvailable } =
    loaderData;
  const search = producers.length > 1 ? `?producteur=${encodeURIComponent(producer.id)}` : '';
  const deliveryCount = organization.deliveryOptions.length;
  return (
    <div className="stack producer-start">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>Démarrer sur Ancrage</h1>
      <p className="muted">
        Les étapes pour que <strong>{organization.name}</strong> vende sur Ancrage, et où en est chacune.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <ol className="checklist">
        <Step state="done" title="Créer l’organisation">
          <p>
            {organization.name}
            {organization.siret ? <>, SIRET {siretText(organization.siret)}</> : null}.
          </p>
          <AddressPlace address={organization.address} />
        </Step>
        <BrandStep
          producerId={producer.id}
          search={search}
          departmentCode={organization.address.departmentCode}
          brands={brands}
          actionData={actionData}
        />
        <Step state={stateOf(deliveryCount > 0)} title="Déclarer un mode de livraison">
          <p>
            {deliveryCount > 0
              ? `${countOf(deliveryCount, 'mode de livraison déclaré', 'modes de livraison déclarés')}.`
              : 'Dites aux acheteurs comment ils reçoivent leurs commandes\u00a0: votre tournée, un retrait chez vous ou un transporteur.'}
          </p>
          <p>
            <Link to={`/producteur/livraisons${search}`}>
              {deliveryCount > 0 ? 'Voir mes modes de livraison' : 'Déclarer un mode de livraison'}
            </Link>
          </p>
        </Step>
        <Step state={stateOf(productCount > 0)} title="Mettre en vente un premier produit">
          <p>
            {productCount > 0
              ? `${countOf(productCount, 'produit')} en vente au catalogue.`
              : 'Aucun produit en vente pour l’instant\u00a0: ajoutez-en un, avec son prix, son stock et sa masse.'}
          </p>
          <p>
            <Link to={productCount > 0 ? `/producteur/produits${search}` : `/producteur/produits/nouveau${search}`}>
              {productCount > 0 ? 'Voir mes produits' : 'Ajouter un produit'}
            </Link>
          </p>
        </Step>
        {cardPaymentsAvailable ? (
          <Step state="waiting" title="Recevoir les paiements par carte">
            <p>
              Configurez votre compte Stripe pour recevoir l’argent des ventes payées par carte. Ancrage ne peut pas
              encore vous dire ici si Stripe a validé votre compte&nbsp;: la page des paiements vous guide.
            </p>
            <p>
              <Link to={`/producteur/paiements${search}`}>Configurer mes paiements</Link>
            </p>
          </Step>
        ) : (
          <Step state="done" title="Recevoir les paiements par carte" status="Rien à faire">
            <p>
              Le paiement par carte n’est pas activé sur cette plateforme&nbsp;: les entreprises vous paient sur
              facture. <Link to={`/producteur/paiements${search}`}>Comment vous êtes payé</Link>
            </p>
          </Step>
        )}
      </ol>
    </div>
  );
}

type StepState = 'done' | 'todo' | 'waiting';
const STEP_STATUS: Record<StepState, string> = { done: 'Fait', todo: 'À faire', waiting: 'À vérifier' };
const STEP_MARK: Record<StepState, string> = { done: '✓', todo: '○', waiting: '…' };

/** One step of the checklist: done, to do, or waiting on someone else, with what to do next. */
function Step({
  state,
  title,
  status,
  children,
}: {
  state: StepState;
  title: string;
  status?: string;
  children: ReactNode;
}) {
  return (
    <li className={`checklist__step checklist__step--${state} card`}>
      <h2 className="checklist__title">
        <span className={`checklist__mark checklist__mark--${state}`} aria-hidden="true">
          {STEP_MARK[state]}
        </span>
        <span>
          {title}{' '}
          <span className={`tag checklist__status checklist__status--${state}`}>{status ?? STEP_STATUS[state]}</span>
        </span>
      </h2>
      <div className="checklist__body">{children}</div>
    </li>
  );
}

const stateOf = (done: boolean): StepState => (done ? 'done' : 'todo');

type Address = NonNullable<Start['organization']>['address'];

/** Where Ancrage placed the organization: the place its distances are measured from, said with its precision. */
function AddressPlace({ address }: { address: Address }) {
  return (
    <div className="address-place">
      <p>
        {address.line1}, {address.postalCode} {address.city ?? ''}
        {address.inseeCode ? <span className="muted"> (commune INSEE {address.inseeCode})</span> : null}
      </p>
      <p>{placeOfAddress(address)}</p>
    </div>
  );
}

function BrandStep({
  producerId,
  search,
  departmentCode,
  brands,
  actionData,
}: {
  producerId: string;
  search: string;
  departmentCode: string | null;
  brands: Brand[];
  actionData: ActionData;
}) {
  const memberOf = brands.filter((brand) => brand.members.some((member) => member.producer.id === producerId));
  const applied = actionData?.kind === 'applied' ? brands.find((brand) => brand.id === actionData.brandId) : undefined;
  // The API refuses a second application while one is pending: that says one was sent.
  const sent = applied || (actionData?.kind === 'apply-failed' && actionData.error.code === 'CONFLICT');
  const done = memberOf.length > 0;
  return (
    <Step
      state={done ? 'done' : sent ? 'waiting' : 'todo'}
      title="Rejoindre une marque de territoire"
      status={!done && sent ? 'Candidature envoyée' : undefined}
    >
      {brands.length === 0 ? (
        <p>
          Aucune marque de territoire ne couvre encore le département {departmentCode ?? 'de votre adresse'}. Vous
          pouvez vendre sans marque&nbsp;; vous pourrez candidater quand une marque couvrira votre territoire.
        </p>
      ) : (
        <>
          <p>
            Une marque de territoire réunit les producteurs de son département et met en avant leurs produits. Celles
            qui couvrent le département {departmentCode}&nbsp;:
          </p>
          {applied ? (
            <div className="alert alert--info" role="status">
              Votre candidature à {applied.name} est envoyée&nbsp;: elle est «&nbsp;en attente&nbsp;» de la décision de
              la marque.
            </div>
          ) : null}
          <ul className="brand-choices">
            {brands.map((brand) => (
              <li key={brand.id} className="brand-choice">
                <h3 className="brand-choice__name">
                  <Link to={`/marques/${brand.slug}`}>{brand.name}</Link>
                </h3>
                {memberOf.includes(brand) ? (
                  <p>Vous êtes membre de {brand.name}.</p>
                ) : brand === applied ? (
                  <p>Candidature envoyée, en attente de la décision de la marque.</p>
                ) : (
                  <BrandApplyForm
                    producerId={producerId}
                    brand={brand}
                    refusal={actionData?.kind === 'apply-failed' ? actionData : undefined}
                  />
                )}
              </li>
            ))}
          </ul>
          <p className="small">
            <Link to={`/producteur/marques${search}`}>Mes marques</Link>&nbsp;: vos candidatures, leur état et la
            réponse de la marque, et les labels demandés pour vos produits.
          </p>
        </>
      )}
    </Step>
  );
}

function CreateProducer({ actionData }: { actionData: ActionData }) {
  const failed = actionData?.kind === 'create-failed' ? actionData : undefined;
  return (
    <div className="stack producer-start">
      <h1>Créer mon organisation de producteur</h1>
      <p className="muted">
        Votre ferme, votre atelier ou votre entreprise, tels qu’ils vendront sur Ancrage. Vous en deviendrez le
        responsable&nbsp;; vous pourrez ensuite rejoindre une marque de territoire, déclarer vos livraisons et vos
        produits.
      </p>
      <OrganizationForm
        error={failed?.error}
        values={failed?.values}
        nameLabel="Nom de l’organisation"
        addressLegend="Adresse de l’exploitation"
        addressHint={
          <>
            Elle situe vos produits&nbsp;: les distances de livraison et l’empreinte carbone sont calculées depuis ce
            point.
          </>
        }
        submitLabel="Créer mon organisation"
      />
    </div>
  );
}
