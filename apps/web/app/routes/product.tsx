import { data, Form, Link, redirect } from 'react-router';
import { Picture } from '../components/Picture';
import { shareableMeta } from '../lib/page-meta';
import type { Route } from './+types/product';
import { CertificationTags, LabelTags } from '../components/Tags';
import { graphql } from '../graphql';
import { apiQuery } from '../lib/api.server';
import { cutoffText, weekdaysText } from '../lib/delivery-terms';
import { greatCircleKm, quantityStep } from '../lib/catalogue';
import { absoluteUrl, communeProblem, placeOf, resolveCommune } from '../lib/catalogue.server';
import {
  CATEGORY_LABELS,
  DELIVERY_MODE_LABELS,
  deliveryDay,
  deliveryFee,
  euros,
  kg,
  km,
  percent,
  pricePerUnit,
  quantity,
  shelfPrice,
  unitLabel,
  withVat,
} from '../lib/format';
import { usePriceBasis } from '../lib/price-basis';
import { callerOf, isSignedIn } from '../lib/session.server';
import { PRODUCT_IMAGE_FILES } from '../components/picture-fragments';

const PRODUCT_PAGE = graphql(
  `
    query ProductPage($slug: String!) {
      productBySlug(slug: $slug) {
        id
        slug
        name
        description
        category
        certifications
        priceCents
        vatRate
        unit
        unitMassKg
        stock
        available
        minOrderQuantity
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
          slug
          name
          address {
            city
            postalCode
            departmentCode
            latitude
            longitude
          }
          deliveryOptions {
            id
            label
            mode
            feeCents
            minOrderCents
            maxDistanceKm
            weekdays
            cutoffHours
            nextDeliveryDates(first: 3)
          }
        }
        labels {
          id
          brand {
            id
            name
            slug
          }
        }
      }
    }
  `,
  [PRODUCT_IMAGE_FILES],
);

const PRODUCT_SLUG = graphql(`
  query ProductSlug($id: ID!) {
    product(id: $id) {
      slug
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCHEMA_UNIT_CODES: Record<string, string> = { KG: 'KGM', LITRE: 'LTR', PIECE: 'C62' };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const caller = callerOf(context);
  const url = new URL(request.url);
  // The product's first addresses were its id: they lead to its slug for good (links shared before slugs existed).
  if (UUID.test(params.id)) {
    const { product: moved } = await apiQuery(caller, PRODUCT_SLUG, { id: params.id });
    if (!moved) throw data(null, { status: 404 });
    throw redirect(`/produits/${encodeURIComponent(moved.slug)}${url.search}`, 301);
  }
  const communeInput = (url.searchParams.get('commune') ?? '').trim().slice(0, 100);
  const [{ productBySlug: product }, commune] = await Promise.all([
    apiQuery(caller, PRODUCT_PAGE, { slug: params.id }),
    communeInput ? resolveCommune(caller, communeInput) : Promise.resolve(null),
  ]);
  if (!product) throw data(null, { status: 404 });
  const place = placeOf(commune);
  const { latitude, longitude } = product.producer.address;
  const distanceKm =
    place && latitude !== null && longitude !== null ? greatCircleKm(place, { latitude, longitude }) : null;
  return {
    // B2B tiers are shown to business buyers only: an anonymous page does not carry them.
    product: isSignedIn(context) ? product : { ...product, b2bPriceTiers: [] },
    commune: commune ? { label: commune.label, input: communeInput } : null,
    communeError: communeProblem(communeInput, commune),
    distanceKm,
    added: url.searchParams.get('ajoute') === '1',
    canonical: absoluteUrl(request, `/produits/${encodeURIComponent(product.slug)}`),
    producerUrl: absoluteUrl(request, `/producteurs/${encodeURIComponent(product.producer.slug)}`),
    imageUrls: product.images.map((image) => absoluteUrl(request, image.large)),
  };
}

const summary = (text: string, max = 155): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: 'Produit introuvable — Ancrage' }];
  const { product, canonical, producerUrl, imageUrls } = loaderData;
  const title = `${product.name} — ${product.producer.name} — Ancrage`;
  const description = summary(
    `${product.description} ${shelfPrice(product, 'TTC')}, vendu par ${product.producer.name}.`.replace(
      /\u202f|\u00a0/g,
      ' ',
    ),
  );
  // What search engines show is what a consumer pays: the price including VAT.
  const price = (withVat(product.priceCents, product.vatRate) / 100).toFixed(2);
  return [
    ...shareableMeta({ title, description, canonical, ogTitle: product.name, ogType: 'product' }),
    { property: 'product:price:amount', content: price },
    { property: 'product:price:currency', content: 'EUR' },
    {
      'script:ld+json': {
        '@context': 'https://schema.org',
        '@type': 'Product',
        '@id': canonical,
        name: product.name,
        description: product.description,
        category: CATEGORY_LABELS[product.category] ?? product.category,
        url: canonical,
        ...(imageUrls.length ? { image: imageUrls } : {}),
        offers: {
          '@type': 'Offer',
          url: canonical,
          price,
          priceCurrency: 'EUR',
          availability: product.available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
          priceSpecification: {
            '@type': 'UnitPriceSpecification',
            price,
            priceCurrency: 'EUR',
            valueAddedTaxIncluded: true,
            unitCode: SCHEMA_UNIT_CODES[product.unit] ?? product.unit,
          },
          ...(product.minOrderQuantity > 0
            ? {
                eligibleQuantity: {
                  '@type': 'QuantitativeValue',
                  minValue: product.minOrderQuantity,
                  unitCode: SCHEMA_UNIT_CODES[product.unit] ?? product.unit,
                },
              }
            : {}),
          seller: { '@type': 'Organization', name: product.producer.name, url: producerUrl },
        },
      },
    },
  ];
};

const UNIT_SOLD: Record<string, string> = { KG: 'Vendu au kilo', LITRE: 'Vendu au litre', PIECE: 'Vendu à la pièce' };
const QUANTITY_PRECISION: Record<string, string> = {
  KG: 'Au gramme près',
  LITRE: 'Au millilitre près',
  PIECE: 'En pièces entières',
};
const QUANTITY_UNIT: Record<string, string> = { KG: 'en kg', LITRE: 'en litres', PIECE: 'en pièces' };

const amountOf = (value: number, unit: string) => `${quantity(value)} ${unitLabel(unit, value)}`;

export default function Product({ loaderData }: Route.ComponentProps) {
  const { product, commune, communeError, distanceKm, added } = loaderData;
  const priceBasis = usePriceBasis();
  const isBusiness = priceBasis === 'HT';
  const { producer } = product;
  const back = `/produits/${product.slug}?${new URLSearchParams({ ajoute: '1', ...(commune ? { commune: commune.input } : {}) })}`;
  const category = CATEGORY_LABELS[product.category] ?? product.category;
  const place = producer.address.city
    ? `${producer.address.city} (${producer.address.postalCode})`
    : producer.address.postalCode;
  const step = quantityStep(product.unit);
  const hasMinimum = product.minOrderQuantity > 0;
  const least = hasMinimum ? product.minOrderQuantity : Number(step);

  return (
    <div className="product-page">
      <nav className="breadcrumb" aria-label="Fil d’Ariane">
        <ol>
          <li>
            <Link to="/produits">Produits</Link>
          </li>
          <li>
            <Link to={`/produits?categorie=${product.category}`}>{category}</Link>
          </li>
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>

      {added ? (
        <div className="alert alert--info" role="status">
          <strong>Ajouté au panier.</strong> <Link to="/panier">Voir le panier</Link> ou continuer vos achats.
        </div>
      ) : null}

      <div className="product-page__layout">
        <div className="product-page__main stack">
          <div>
            <p className="small muted">{category}</p>
            <h1>{product.name}</h1>
            <p>
              Par <Link to={`/producteurs/${producer.slug}`}>{producer.name}</Link>
              <span className="muted"> · {place}</span>
              {distanceKm !== null && commune ? (
                <>
                  {' '}
                  · <strong>à {km(distanceKm)}</strong> de {commune.label}
                </>
              ) : null}
            </p>
            {communeError ? <p className="small muted">{communeError}</p> : null}
          </div>
          {product.images.length > 0 ? (
            <div className="product-photos">
              <Picture
                picture={product.images[0]}
                sizes="(min-width: 60rem) 44rem, 100vw"
                className="product-photos__main"
                eager
              />
              {product.images.length > 1 ? (
                <ul className="product-photos__more" aria-label="Autres photos">
                  {product.images.slice(1).map((image) => (
                    <li key={image.id}>
                      <a href={image.large}>
                        <Picture picture={image} sizes="8rem" />
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {product.labels.length + product.certifications.length > 0 ? (
            <div className="product-card__tags">
              <LabelTags labels={product.labels} linked />
              <CertificationTags certifications={product.certifications} />
            </div>
          ) : null}
          <p className="product-page__description">{product.description}</p>
          <dl className="facts">
            <div>
              <dt>Unité</dt>
              <dd>
                {UNIT_SOLD[product.unit] ?? product.unit}
                {product.unit === 'KG'
                  ? null
                  : ` (${kg(product.unitMassKg)} par ${unitLabel(product.unit)}, emballage compris)`}
              </dd>
            </div>
            <div>
              <dt>Disponibilité</dt>
              <dd>
                {product.available
                  ? `En stock\u00a0: ${amountOf(product.stock, product.unit)}`
                  : 'Épuisé pour le moment'}
              </dd>
            </div>
            <div>
              <dt>Commande minimale</dt>
              <dd>{hasMinimum ? amountOf(product.minOrderQuantity, product.unit) : 'Aucune'}</dd>
            </div>
            <div>
              <dt>TVA</dt>
              <dd>{percent(product.vatRate)}</dd>
            </div>
          </dl>
        </div>

        <aside className="card product-buy stack" aria-label="Prix et commande">
          <div>
            <p className="price product-buy__price">{shelfPrice(product, priceBasis)}</p>
            <p className="small muted">
              {isBusiness
                ? `TVA ${percent(product.vatRate)} · soit ${shelfPrice(product, 'TTC')}`
                : `TVA ${percent(product.vatRate)} incluse · soit ${pricePerUnit(product.priceCents, product.unit)}`}
            </p>
          </div>
          {isBusiness && product.b2bPriceTiers.length > 0 ? (
            <table className="price-tiers">
              <caption>Prix professionnels (HT)</caption>
              <thead>
                <tr>
                  <th scope="col">À partir de</th>
                  <th scope="col" className="num">
                    Prix HT
                  </th>
                </tr>
              </thead>
              <tbody>
                {product.b2bPriceTiers.map((tier) => (
                  <tr key={tier.minQuantity}>
                    <td>{amountOf(tier.minQuantity, product.unit)}</td>
                    <td className="num">{pricePerUnit(tier.unitPriceCents, product.unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className={product.available ? 'availability availability--in' : 'availability availability--out'}>
            {product.available ? 'En stock' : 'Épuisé pour le moment'}
          </p>
          <Form method="post" action="/panier" className="stack">
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="productId" value={product.id} />
            <input type="hidden" name="retour" value={back} />
            <div className="field">
              <label htmlFor="product-quantity">Quantité ({QUANTITY_UNIT[product.unit] ?? product.unit})</label>
              <input
                id="product-quantity"
                name="quantity"
                type="number"
                inputMode="decimal"
                required
                step={step}
                min={least}
                max={product.available ? product.stock : undefined}
                defaultValue={hasMinimum ? product.minOrderQuantity : 1}
                aria-describedby="product-quantity-hint"
                disabled={!product.available}
              />
              <p className="field__hint" id="product-quantity-hint">
                {QUANTITY_PRECISION[product.unit] ?? ''}
                {hasMinimum ? `, au moins ${amountOf(product.minOrderQuantity, product.unit)}` : ''}.
              </p>
            </div>
            <button type="submit" disabled={!product.available}>
              Ajouter au panier
            </button>
          </Form>
        </aside>
      </div>

      <section id="producteur" className="card stack product-producer" aria-labelledby="producer-title">
        <div>
          <h2 id="producer-title">
            Le producteur&nbsp;: <Link to={`/producteurs/${producer.slug}`}>{producer.name}</Link>
          </h2>
          <p>
            {place}
            {producer.address.departmentCode ? `, département ${producer.address.departmentCode}` : ''}
            {distanceKm !== null && commune ? ` — à ${km(distanceKm)} de ${commune.label}, à vol d’oiseau` : ''}
          </p>
        </div>
        <div>
          <h3>Livraison et retrait</h3>
          {producer.deliveryOptions.length === 0 ? (
            <p className="muted">Ce producteur n’a pas encore indiqué de mode de livraison.</p>
          ) : (
            <ul className="delivery-options">
              {producer.deliveryOptions.map((option) => (
                <li key={option.id}>
                  <strong>{DELIVERY_MODE_LABELS[option.mode] ?? option.mode}</strong>
                  {option.label && option.label !== DELIVERY_MODE_LABELS[option.mode] ? (
                    <span className="muted"> ({option.label})</span>
                  ) : null}
                  <span className="delivery-options__terms small">
                    {option.feeCents === 0
                      ? 'Sans frais'
                      : `Frais\u00a0: ${deliveryFee(option.feeCents, priceBasis, product.vatRate)}`}
                    {option.minOrderCents > 0 ? ` · commande minimale ${euros(option.minOrderCents)} HT` : ''}
                    {option.maxDistanceKm !== null ? ` · jusqu’à ${km(option.maxDistanceKm)}` : ''}
                    {option.maxDistanceKm !== null && distanceKm !== null && distanceKm > option.maxDistanceKm
                      ? ' · hors de portée de votre commune'
                      : ''}
                  </span>
                  <DeliveryDates option={option} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}

/**
 * When an option delivers: its days, the next dates a buyer may still choose (« jeudi 10 décembre ») and when orders
 * close; an option without set days (a carrier) says the buyer picks no date.
 */
function DeliveryDates({
  option,
}: {
  option: { weekdays: number[]; cutoffHours: number; nextDeliveryDates: string[] };
}) {
  if (option.weekdays.length === 0)
    return <span className="delivery-options__dates small">Sans jour fixe&nbsp;: pas de date à choisir.</span>;
  return (
    <span className="delivery-options__dates small">
      Le {weekdaysText(option.weekdays)}
      {option.nextDeliveryDates.length > 0 ? (
        <>
          {' '}
          · prochaines dates&nbsp;:{' '}
          {option.nextDeliveryDates.map((day, index) => (
            <span key={day}>
              {index > 0 ? ', ' : ''}
              <time dateTime={day}>{deliveryDay(day)}</time>
            </span>
          ))}
        </>
      ) : null}{' '}
      · commandes closes {cutoffText(option.cutoffHours)}
    </span>
  );
}
