import { Injectable } from '@nestjs/common';
import type { GeoPoint } from '@app/carbon';
import { DeliveryOptionService, ProductService, type DeliveryOption, type Product } from '@app/catalog';
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
 * the products, producers and delivery options a cart names, each in one query. Pricing itself is `priceCart`.
 */
@Injectable()
export class CartReader {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationService,
    private readonly products: ProductService,
    private readonly deliveryOptions: DeliveryOptionService,
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
    checkLineCount(lines);
    const products = await this.products.findByIds(lines.map((line) => line.productId));
    const producerIds = [...new Set(products.filter((product) => product.active).map((product) => product.producerId))];
    const [producers, deliveryOptions] = await Promise.all([
      this.organizations.findByIds(producerIds),
      this.deliveryOptions.ofProducers(producerIds),
    ]);
    return priceCart({ lines, deliveries, products, producers, deliveryOptions, b2b, destination, now });
  }
}
