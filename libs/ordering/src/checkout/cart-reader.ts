import { Injectable } from '@nestjs/common';
import type { GeoPoint } from '@app/carbon';
import {
  type CartCatalog,
  DeliveryOptionService,
  ProductLabelService,
  ProductSearchService,
  ProductService,
  type DeliveryOption,
  type Product,
} from '@app/catalog';
import { AccessPolicy, type AuthUser, type Organization, OrganizationKind, OrganizationService } from '@app/identity';
import { AppError } from '@app/platform';
import {
  type CartLineValues,
  type DeliveryChoiceValues,
  type PricedCart,
  checkLineCount,
  priceCart,
} from './cart-pricing';

export type CatalogPricedCart = PricedCart<Product, Organization, DeliveryOption>;

/**
 * What checkout and the cart quote read before pricing: the buyer organization (B2B prices for its members), and
 * the products, producers, delivery options and shown brands a cart names: one statement on PostgreSQL (the
 * catalog's read model, read-only objects), one per kind through the services on SQLite. Pricing itself is
 * `priceCart`.
 */
@Injectable()
export class CartReader {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationService,
    private readonly products: ProductService,
    private readonly deliveryOptions: DeliveryOptionService,
    private readonly labels: ProductLabelService,
    private readonly search: ProductSearchService,
  ) {}

  /** The business `user` buys for, or null for a consumer purchase; NOT_FOUND unless a member. */
  async buyerOrganization(user: AuthUser, organizationId: string | null | undefined): Promise<Organization | null> {
    if (organizationId == null) return null;
    const organization = await this.policy.assertMember(user, organizationId);
    if (organization.kind !== OrganizationKind.BUSINESS) {
      throw AppError.badInput(
        'buyerOrganizationId',
        'Only a business organization buys at B2B prices; leave it out to buy as a consumer.',
      );
    }
    return organization;
  }

  /** Reads what the cart names and prices it, at `now` (which delivery dates are still open). */
  async price(
    lines: readonly CartLineValues[],
    deliveries: readonly DeliveryChoiceValues[],
    b2b: boolean,
    destination: GeoPoint | null,
    now: Date = new Date(),
  ): Promise<CatalogPricedCart> {
    return (await this.priceWithBrands(lines, deliveries, b2b, destination, now)).cart;
  }

  /** As `price`, with the brands each of the cart's active products shows (checkout keeps them on its lines). */
  async priceWithBrands(
    lines: readonly CartLineValues[],
    deliveries: readonly DeliveryChoiceValues[],
    b2b: boolean,
    destination: GeoPoint | null,
    now: Date = new Date(),
  ): Promise<{ cart: CatalogPricedCart; shownBrands: Map<string, string[]> }> {
    checkLineCount(lines);
    const { products, producers, deliveryOptions, shownBrands } = await this.catalogOf(
      lines.map((line) => line.productId),
    );
    const cart = priceCart({ lines, deliveries, products, producers, deliveryOptions, b2b, destination, now });
    return { cart, shownBrands };
  }

  private async catalogOf(productIds: readonly string[]): Promise<CartCatalog> {
    const read = await this.search.cartCatalog(productIds);
    if (read) return read;
    const products = await this.products.findByIds(productIds);
    const active = products.filter((product) => product.active);
    const producerIds = [...new Set(active.map((product) => product.producerId))];
    const [producers, deliveryOptions, labels] = await Promise.all([
      this.organizations.findByIds(producerIds),
      this.deliveryOptions.ofProducers(producerIds),
      this.labels.shownOn(active.map((product) => product.id)),
    ]);
    const shownBrands = new Map<string, string[]>();
    for (const label of labels)
      shownBrands.set(label.product.id, [...(shownBrands.get(label.product.id) ?? []), label.brandId]);
    return { products, producers, deliveryOptions, shownBrands };
  }
}
