import { Link } from 'react-router';
import type { ProductCardData } from '../lib/catalogue.server';
import { productHref } from '../lib/catalogue';
import { CATEGORY_LABELS, km, shelfPrice } from '../lib/format';
import { usePriceBasis } from '../lib/price-basis';
import { CertificationTags, LabelTags } from './Tags';

/**
 * One product in a list (catalogue, brand page, home): its name linking to its page, the producer and where, the
 * price per unit on the viewer's basis (including VAT, excluding it for a business: lib/price-basis.ts), the distance
 * from the visitor's commune when known, its labels and certifications. `commune` is carried to the product's page so
 * that it shows the distance too.
 */
export function ProductCard({
  product,
  commune,
  headingLevel = 3,
}: {
  product: ProductCardData;
  commune?: string | null;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const priceBasis = usePriceBasis();
  const { producer } = product;
  const place = producer.address.city
    ? `${producer.address.city} (${producer.address.postalCode})`
    : producer.address.postalCode;
  return (
    <article className="card product-card">
      {product.coverSmall && product.coverMedium ? (
        <img
          className="product-card__photo"
          src={product.coverMedium}
          srcSet={
            product.coverSmall === product.coverMedium
              ? undefined
              : `${product.coverSmall} 320w, ${product.coverMedium} 800w`
          }
          sizes="(min-width: 60rem) 18rem, (min-width: 40rem) 45vw, 100vw"
          alt={product.coverAlt ?? ''}
          loading="lazy"
          decoding="async"
        />
      ) : (
        // No photo yet: a plain block of the photo's size, so that the card lines up with its neighbours.
        <div className="product-card__photo product-card__photo--none" aria-hidden="true" />
      )}
      <p className="product-card__category small muted">{CATEGORY_LABELS[product.category] ?? product.category}</p>
      <Heading>
        <Link to={productHref(product.slug, commune)}>{product.name}</Link>
      </Heading>
      <p className="small">
        {producer.name}
        <span className="muted"> · {place}</span>
      </p>
      {product.labels.length + product.certifications.length > 0 ? (
        <div className="product-card__tags">
          <LabelTags labels={product.labels} />
          <CertificationTags certifications={product.certifications} />
        </div>
      ) : null}
      <div className="product-card__footer">
        <span className="price">{shelfPrice(product, priceBasis)}</span>
        {product.distanceKm !== null ? (
          <span className="product-card__distance small">
            à <strong>{km(product.distanceKm)}</strong>
          </span>
        ) : null}
      </div>
      {product.available ? null : <p className="small product-card__stock">Épuisé pour le moment</p>}
    </article>
  );
}

/** A list of product cards as a grid, each card a list item. */
export function ProductGrid({
  products,
  commune,
  label,
}: {
  products: readonly ProductCardData[];
  commune?: string | null;
  label: string;
}) {
  return (
    <ul className="grid product-grid" aria-label={label}>
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} commune={commune} />
        </li>
      ))}
    </ul>
  );
}
