import { data, Link } from 'react-router';
import type { Route } from './+types/brands';
import { BrandApplyForm } from '../../components/producer/BrandApplyForm';
import { LabelStatus } from '../../components/producer/LabelStatus';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { producerSearch } from '../../components/producer/producer-search';
import { graphql, type ResultOf } from '../../graphql';
import { apiQuery } from '../../lib/api.server';
import { APPROVAL_STATUS_LABELS, dateTime, productCount } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { applyToBrand } from './brand-application.server';
import { chooseProducer } from './producers.server';

const PRODUCER_BRANDS = graphql(`
  query ProducerBrands($producerId: ID!, $after: String) {
    organization(id: $producerId) {
      id
      name
      address {
        departmentCode
      }
      brandApplications {
        id
        status
        message
        reason
        decidedAt
        brand {
          id
          name
          slug
        }
      }
    }
    brands {
      id
      name
      slug
      departmentCodes
    }
    products(filter: { producerId: $producerId }, first: 20, after: $after, sort: NEWEST) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
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
      }
    }
  }
`);

type Loaded = ResultOf<typeof PRODUCER_BRANDS>;
type Application = NonNullable<Loaded['organization']>['brandApplications'][number];

export const meta: Route.MetaFunction = () => [
  { title: 'Mes marques — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const after = new URL(request.url).searchParams.get('apres');
  const loaded = await apiQuery(callerOf(context), PRODUCER_BRANDS, { producerId: choice.producer.id, after });
  const organization = loaded.organization;
  if (!organization) throw data('Producteur introuvable.', { status: 404 });
  const department = organization.address.departmentCode;
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    applications: organization.brandApplications,
    departmentCode: department,
    // The brands of its département it may apply to (again): none yet, or refused, or withdrawn.
    brandsToApply: loaded.brands.filter(
      (brand) =>
        department != null &&
        brand.departmentCodes.includes(department) &&
        !organization.brandApplications.some(
          (application) =>
            application.brand.id === brand.id && application.status !== 'REJECTED' && application.status !== 'REVOKED',
        ),
    ),
    products: loaded.products,
    onLaterPage: after != null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  return applyToBrand(callerOf(context), await request.formData());
}

export default function ProducerBrands({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Mes marques" />;
  const { producers, producer, unknownProducer, applications, brandsToApply, departmentCode, products, onLaterPage } =
    loaderData;
  const several = producers.length > 1;
  const refusal = actionData?.kind === 'apply-failed' ? actionData : undefined;
  return (
    <div className="stack producer-brands">
      <ProducerNav producerId={producer.id} several={several} />
      <h1>Mes marques</h1>
      <p className="muted">
        Les marques de territoire de <strong>{producer.name}</strong>&nbsp;: vos candidatures et la réponse de chaque
        marque, puis les labels demandés pour vos produits.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <section className="card stack" aria-labelledby="candidatures-titre">
        <h2 id="candidatures-titre">Candidatures</h2>
        <div role="status">
          {actionData?.kind === 'applied' ? (
            <div className="alert alert--info">
              Candidature envoyée&nbsp;: elle est en attente de la décision de la marque.
            </div>
          ) : null}
        </div>
        {applications.length === 0 ? (
          <p>Vous n’avez candidaté à aucune marque de territoire pour l’instant.</p>
        ) : (
          <ul className="my-applications">
            {applications.map((application) => (
              <ApplicationItem key={application.id} application={application} />
            ))}
          </ul>
        )}
        {brandsToApply.length > 0 ? (
          <>
            <h3>Candidater</h3>
            <ul className="brand-choices">
              {brandsToApply.map((brand) => (
                <li key={brand.id} className="brand-choice" aria-label={`Candidater à ${brand.name}`}>
                  <h4 className="brand-choice__name">
                    <Link to={`/marques/${brand.slug}`}>{brand.name}</Link>
                  </h4>
                  <BrandApplyForm
                    producerId={producer.id}
                    brand={brand}
                    refusal={refusal}
                    again={applications.some((application) => application.brand.id === brand.id)}
                  />
                </li>
              ))}
            </ul>
          </>
        ) : applications.length === 0 ? (
          <p className="muted">
            Aucune marque de territoire ne couvre encore le département {departmentCode ?? 'de votre adresse'}&nbsp;:
            vous pouvez vendre sans marque.
          </p>
        ) : null}
      </section>
      <LabelRequests producerId={producer.id} several={several} products={products} onLaterPage={onLaterPage} />
    </div>
  );
}

/** One application: the brand, where it stands, the producer's message and the brand's answer with its reason. */
function ApplicationItem({ application }: { application: Application }) {
  const status = APPROVAL_STATUS_LABELS[application.status] ?? application.status;
  return (
    <li className="my-application" aria-label={application.brand.name}>
      <p className="my-application__head">
        <strong>
          <Link to={`/marques/${application.brand.slug}`}>{application.brand.name}</Link>
        </strong>{' '}
        <span className={`tag tag--decision-${application.status.toLowerCase()}`}>
          Candidature {status.toLowerCase()}
        </span>
        {application.decidedAt ? <span className="small muted"> le {dateTime(application.decidedAt)}</span> : null}
      </p>
      {application.message ? <p className="small">Votre message&nbsp;: «&nbsp;{application.message}&nbsp;»</p> : null}
      {application.reason ? (
        <p className="small">Réponse de la marque&nbsp;: «&nbsp;{application.reason}&nbsp;»</p>
      ) : application.status === 'PENDING' ? (
        <p className="small muted">La marque n’a pas encore répondu.</p>
      ) : null}
    </li>
  );
}

/** Every label request of the producer's products on sale, with where it stands and the brand's reason. */
function LabelRequests({
  producerId,
  several,
  products,
  onLaterPage,
}: {
  producerId: string;
  several: boolean;
  products: Loaded['products'];
  onLaterPage: boolean;
}) {
  const rows = products.edges.flatMap(({ node }) => node.labelRequests.map((request) => ({ product: node, request })));
  const without = products.edges.filter(({ node }) => node.labelRequests.length === 0).map(({ node }) => node);
  const productLink = (id: string) => `/producteur/produits/${id}${producerSearch(several, producerId)}`;
  return (
    <section className="card stack" aria-labelledby="labels-titre">
      <h2 id="labels-titre">Labels de vos produits</h2>
      <p className="small muted">
        {products.totalCount > 0
          ? `${productCount(products.totalCount, 'produit en vente', 'produits en vente')}. `
          : 'Aucun produit en vente pour l’instant. '}
        Demandez un label depuis la fiche du produit&nbsp;; chaque demande est suivie ici, avec le motif de la marque
        quand elle la refuse.
      </p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="lines-table">
            <caption className="visually-hidden">Demandes de label par produit</caption>
            <thead>
              <tr>
                <th scope="col">Produit</th>
                <th scope="col">Marque</th>
                <th scope="col">État et réponse</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ product, request }) => (
                <tr key={request.id}>
                  <th scope="row">
                    <Link to={productLink(product.id)}>{product.name}</Link>
                  </th>
                  <td>{request.brand.name}</td>
                  <td>
                    <LabelStatus request={request} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : products.totalCount > 0 ? (
        <p>Aucune demande de label parmi ces produits.</p>
      ) : null}
      {without.length > 0 ? (
        <p className="small">
          Sans demande de label&nbsp;:{' '}
          {without.map((product, index) => (
            <span key={product.id}>
              {index > 0 ? ', ' : ''}
              <Link to={productLink(product.id)}>{product.name}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      {products.pageInfo.hasNextPage || onLaterPage ? (
        <nav className="pagination" aria-label="Pages de produits">
          {onLaterPage ? <Link to={producerSearch(several, producerId) || '?'}>Premiers produits</Link> : <span />}
          {products.pageInfo.hasNextPage && products.pageInfo.endCursor ? (
            <Link to={producerSearch(several, producerId, { apres: products.pageInfo.endCursor })}>
              Produits suivants
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
