import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { type CarbonFootprint, greatCircleKm, supplierOrderFootprint } from '@app/carbon';
import { DeliveryOptionService, ProductLabelService, ProductService, StockService, toThousandths, type DeliveryOption, type Product } from '@app/catalog';
import {
  ADDRESS_RESOLVER,
  AccessPolicy,
  type Address,
  type AddressInputValues,
  type AddressResolver,
  type AuthUser,
  type Organization,
  OrganizationKind,
  OrganizationService,
} from '@app/identity';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, OutboxService, isUuid } from '@app/platform';
import { Order, PaymentMethod, SalesChannel } from '../entities/order.entity';
import { OrderLine } from '../entities/order-line.entity';
import { type DeliveryTerms, SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderTransition } from '../entities/supplier-order-transition.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { eurosText, lineTotalCents, sumTotals, supplierOrderTotals, unitPriceFor } from '../money';
import { ORDER_PLACED, type OrderPlaced } from '../ordering-events';
import { newOrderNumber } from './order-number';

export interface PlaceOrderValues {
  buyerOrganizationId?: string | null;
  lines: { productId: string; quantity: number }[];
  deliveries: { producerId: string; deliveryOptionId: string }[];
  deliveryAddress?: AddressInputValues | null;
  paymentMethod: PaymentMethod;
  idempotencyKey: string;
}

const MAX_LINES = 100;

interface PricedLine {
  position: number;
  product: Product;
  quantityThousandths: number;
  unitPriceCents: number;
  vatRateBasisPoints: number;
  totalCents: number;
  massKg: number;
}

/** One producer's part of the cart, priced and scored, ready to be written. */
interface SupplierPart {
  producer: Organization;
  option: DeliveryOption;
  lines: PricedLine[];
  totals: ReturnType<typeof supplierOrderTotals>;
  carbon: CarbonFootprint;
}

/**
 * `placeOrder`: one checkout across producers. Everything that can be checked is checked before the transaction,
 * so that bad input changes nothing; inside it, stock is taken line by line in single conditional statements and
 * the order is written whole, or nothing is.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policy: AccessPolicy,
    private readonly organizations: OrganizationService,
    private readonly products: ProductService,
    private readonly deliveryOptions: DeliveryOptionService,
    private readonly labels: ProductLabelService,
    private readonly stock: StockService,
    private readonly outbox: OutboxService,
    @Inject(ADDRESS_RESOLVER) private readonly addresses: AddressResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async placeOrder(user: AuthUser, input: PlaceOrderValues): Promise<Order> {
    const idempotencyKey = input.idempotencyKey.trim();
    if (!idempotencyKey || idempotencyKey.length > 100) throw AppError.badInput('idempotencyKey', 'The idempotency key must have between 1 and 100 characters.');
    const requestDigest = digestOf(input);
    const earlier = await this.replayed(user, idempotencyKey, requestDigest);
    if (earlier) return earlier;

    const buyer = await this.buyerOrganization(user, input.buyerOrganizationId);
    this.checkPaymentMethod(input.paymentMethod, Boolean(buyer));
    const deliveryAddress = await this.deliveryAddressOf(input.deliveryAddress, buyer);
    const parts = await this.priceCart(input, Boolean(buyer), deliveryAddress);
    const brandsByProduct = await this.brandsShownOn(parts.flatMap((part) => part.lines.map((line) => line.product.id)));

    try {
      // The order answered is the one just written, whole (its supplier orders and lines): nothing to read back.
      return await (this.orm.em.fork() as EntityManager).transactional(async (em) => {
        const order = this.writeOrder(em, user, buyer, input, idempotencyKey, requestDigest, deliveryAddress, parts, brandsByProduct);
        await em.flush();
        await this.outbox.enqueue(em, ORDER_PLACED, { orderId: order.id } satisfies OrderPlaced);
        // Stock last: its row locks are then held only until the commit that follows, not through the inserts.
        await this.stock.take(em, parts.flatMap((part) => part.lines.map((line) => ({ productId: line.product.id, quantityThousandths: line.quantityThousandths }))));
        return order;
      });
    } catch (error) {
      // The same key sent twice at once: the loser of the race answers with the winner's order.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await this.replayed(user, idempotencyKey, requestDigest);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async replayed(user: AuthUser, idempotencyKey: string, requestDigest: string): Promise<Order | null> {
    const order = await this.orm.em.fork().findOne(Order, { buyerUserId: user.id, idempotencyKey }, { populate: ['supplierOrders.lines'] });
    if (order && order.requestDigest !== requestDigest) {
      throw new AppError(ErrorCode.CONFLICT, 'This idempotency key was already used for a different order; use a new key for a new order.', { field: 'idempotencyKey' });
    }
    return order;
  }

  private async buyerOrganization(user: AuthUser, organizationId: string | null | undefined): Promise<Organization | null> {
    if (organizationId == null) return null;
    const organization = await this.policy.assertMember(user, organizationId);
    if (organization.kind !== OrganizationKind.BUSINESS) {
      throw AppError.badInput('buyerOrganizationId', 'Only a business organization buys at B2B prices; leave it out to buy as a consumer.');
    }
    return organization;
  }

  private checkPaymentMethod(method: PaymentMethod, business: boolean): void {
    if (method === PaymentMethod.INVOICE && !business) throw AppError.badInput('paymentMethod', 'Payment by invoice is for business buyers; pay by card.');
    if (method === PaymentMethod.CARD && !this.config.payments.stripe) {
      throw new AppError(ErrorCode.PAYMENTS_NOT_CONFIGURED, 'Card payments are not set up on this server; business buyers can pay by invoice.');
    }
  }

  private async deliveryAddressOf(input: AddressInputValues | null | undefined, buyer: Organization | null): Promise<Address> {
    const address = input ? await this.addresses.resolve(input, 'deliveryAddress') : buyer?.address;
    if (!address) throw AppError.badInput('deliveryAddress', 'Give the address to deliver to.');
    if (address.latitude == null || address.longitude == null) throw AppError.badInput('deliveryAddress', 'This address could not be placed on the map.');
    return address;
  }

  private async priceCart(input: PlaceOrderValues, b2b: boolean, deliveryAddress: Address): Promise<SupplierPart[]> {
    if (input.lines.length === 0) throw AppError.badInput('lines', 'The cart is empty.');
    if (input.lines.length > MAX_LINES) throw AppError.badInput('lines', `A cart holds at most ${MAX_LINES} lines.`);
    const products = new Map((await this.products.findByIds(input.lines.map((line) => line.productId))).map((product) => [product.id, product]));
    const lines = input.lines.map((line, position) => this.pricedLine(line, position, products, b2b));
    const seen = new Set<string>();
    for (const line of lines) {
      if (seen.has(line.product.id)) throw AppError.badInput(`lines[${line.position}].productId`, `${line.product.name} is in the cart twice; put the whole quantity on one line.`);
      seen.add(line.product.id);
    }

    const producerIds = [...new Set(lines.map((line) => line.product.producerId))];
    const options = await this.chosenDeliveryOptions(input.deliveries, producerIds);
    const producers = new Map((await this.organizations.findByIds(producerIds)).map((producer) => [producer.id, producer]));
    const destination = { latitude: deliveryAddress.latitude!, longitude: deliveryAddress.longitude! };
    return producerIds.map((producerId) => {
      const producer = producers.get(producerId)!;
      const option = options.get(producerId)!;
      const own = lines.filter((line) => line.product.producerId === producerId);
      const origin = { latitude: producer.address.latitude!, longitude: producer.address.longitude! };
      checkDeliveryArea(producer, option, greatCircleKm(origin, destination));
      const totals = supplierOrderTotals(own, option.feeCents);
      if (totals.goodsCents < option.minOrderCents) {
        throw new AppError(ErrorCode.MINIMUM_NOT_MET, `${producer.name} delivers orders of at least ${eurosText(option.minOrderCents)} excluding VAT with "${option.label}".`, {
          producerId,
          minimumCents: option.minOrderCents,
          goodsCents: totals.goodsCents,
        });
      }
      const carbon = supplierOrderFootprint({
        lines: own.map((line) => ({ massKg: line.massKg, category: line.product.category, intermediaries: 0 })),
        producerLocation: origin,
        deliveryLocation: destination,
        deliveryOption: { mode: option.mode, vehicleId: option.vehicleId ?? null },
      });
      return { producer, option, lines: own, totals, carbon };
    });
  }

  private pricedLine(line: PlaceOrderValues['lines'][number], position: number, products: Map<string, Product>, b2b: boolean): PricedLine {
    const product = products.get(line.productId);
    if (!product || !product.active) {
      throw new AppError(ErrorCode.NOT_FOUND, 'A product in the cart is not on sale (any more).', { field: `lines[${position}].productId`, productId: line.productId });
    }
    const quantityThousandths = toThousandths(line.quantity, `lines[${position}].quantity`, { allowZero: false, wholeUnits: product.unit === 'PIECE' });
    if (quantityThousandths < product.minOrderThousandths) {
      throw new AppError(ErrorCode.MINIMUM_NOT_MET, `${product.name} is sold from ${product.minOrderThousandths / 1000} ${product.unit.toLowerCase()} on.`, {
        field: `lines[${position}].quantity`,
        productId: product.id,
        minimumQuantity: product.minOrderThousandths / 1000,
      });
    }
    const unitPriceCents = unitPriceFor(b2b, product.priceCents, product.b2bPriceTiers, quantityThousandths);
    return {
      position,
      product,
      quantityThousandths,
      unitPriceCents,
      vatRateBasisPoints: product.vatRateBasisPoints,
      totalCents: lineTotalCents(quantityThousandths, unitPriceCents),
      massKg: (quantityThousandths / 1000) * product.unitMassKg,
    };
  }

  /** Exactly one active delivery option per producer of the cart, each its producer's own. */
  private async chosenDeliveryOptions(deliveries: PlaceOrderValues['deliveries'], producerIds: string[]): Promise<Map<string, DeliveryOption>> {
    const options = new Map((await this.deliveryOptions.findByIds(deliveries.map((delivery) => delivery.deliveryOptionId).filter(isUuid))).map((option) => [option.id, option]));
    const chosen = new Map<string, DeliveryOption>();
    deliveries.forEach((delivery, index) => {
      if (!producerIds.includes(delivery.producerId)) throw AppError.badInput(`deliveries[${index}].producerId`, 'This producer has nothing in the cart.');
      if (chosen.has(delivery.producerId)) throw AppError.badInput(`deliveries[${index}].producerId`, 'Choose one delivery option per producer.');
      const option = options.get(delivery.deliveryOptionId);
      if (!option || !option.active || option.producerId !== delivery.producerId) {
        throw AppError.badInput(`deliveries[${index}].deliveryOptionId`, 'This is not one of the delivery options this producer offers.');
      }
      chosen.set(delivery.producerId, option);
    });
    const missing = producerIds.find((producerId) => !chosen.has(producerId));
    if (missing) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose how each producer of the cart delivers.', { field: 'deliveries', producerId: missing });
    return chosen;
  }

  private async brandsShownOn(productIds: string[]): Promise<Map<string, string[]>> {
    const brands = new Map<string, string[]>();
    for (const label of await this.labels.shownOn(productIds)) {
      const productId = label.product.id;
      brands.set(productId, [...(brands.get(productId) ?? []), label.brandId]);
    }
    return brands;
  }

  private writeOrder(
    em: EntityManager,
    user: AuthUser,
    buyer: Organization | null,
    input: PlaceOrderValues,
    idempotencyKey: string,
    requestDigest: string,
    deliveryAddress: Address,
    parts: SupplierPart[],
    brandsByProduct: Map<string, string[]>,
  ): Order {
    const now = new Date();
    const order = em.create(Order, {
      number: newOrderNumber(now),
      buyerUserId: user.id,
      buyerOrganizationId: buyer?.id,
      channel: buyer ? SalesChannel.B2B : SalesChannel.B2C,
      paymentMethod: input.paymentMethod,
      idempotencyKey,
      requestDigest,
      deliveryAddress,
      ...sumTotals(parts.map((part) => part.totals)),
      createdAt: now,
    });
    for (const part of parts) {
      const supplierOrder = em.create(SupplierOrder, {
        order,
        producerId: part.producer.id,
        buyerOrganizationId: order.buyerOrganizationId ?? null,
        delivery: deliveryTermsOf(part.option),
        producerLocation: { latitude: part.producer.address.latitude!, longitude: part.producer.address.longitude! },
        deliveryLocation: { latitude: deliveryAddress.latitude!, longitude: deliveryAddress.longitude! },
        goodsCents: part.totals.goodsCents,
        feeCents: part.option.feeCents,
        feeByRate: part.totals.feeByRate,
        vatByRate: part.totals.vatByRate,
        subtotalCents: part.totals.subtotalCents,
        vatCents: part.totals.vatCents,
        totalCents: part.totals.totalCents,
        carbon: part.carbon,
        emissionsKgCo2e: part.carbon.emissionsKgCo2e,
        baselineKgCo2e: part.carbon.baselineKgCo2e,
        massKg: part.carbon.massKg,
        createdAt: now,
        statusChangedAt: now,
      });
      for (const line of part.lines) {
        em.create(OrderLine, {
          supplierOrder,
          position: line.position,
          productId: line.product.id,
          name: line.product.name,
          unit: line.product.unit,
          category: line.product.category,
          ciqualCode: line.product.ciqualCode ?? null,
          quantityThousandths: line.quantityThousandths,
          unitPriceCents: line.unitPriceCents,
          vatRateBasisPoints: line.vatRateBasisPoints,
          totalCents: line.totalCents,
          massKg: line.massKg,
          intermediaries: 0,
          brandIds: brandsByProduct.get(line.product.id) ?? [],
        });
      }
      em.create(SupplierOrderTransition, { supplierOrderId: supplierOrder.id, toStatus: SupplierOrderStatus.PLACED, actorUserId: user.id, at: now });
    }
    return order;
  }
}

function checkDeliveryArea(producer: Organization, option: DeliveryOption, distanceKm: number): void {
  if (option.mode === 'PICKUP' || option.maxDistanceKm == null || distanceKm <= option.maxDistanceKm) return;
  throw new AppError(
    ErrorCode.OUT_OF_DELIVERY_AREA,
    `${producer.name} delivers within ${option.maxDistanceKm} km with "${option.label}"; this address is ${Math.round(distanceKm)} km away.`,
    { producerId: producer.id, deliveryOptionId: option.id, distanceKm: Math.round(distanceKm * 10) / 10, maxDistanceKm: option.maxDistanceKm },
  );
}

function deliveryTermsOf(option: DeliveryOption): DeliveryTerms {
  return {
    deliveryOptionId: option.id,
    mode: option.mode,
    label: option.label,
    vehicleId: option.vehicleId ?? null,
    maxDistanceKm: option.maxDistanceKm ?? null,
    feeCents: option.feeCents,
    minOrderCents: option.minOrderCents,
  };
}

/** What identifies a request apart from its key, in a stable order. */
function digestOf(input: PlaceOrderValues): string {
  const canonical = JSON.stringify({
    buyerOrganizationId: input.buyerOrganizationId ?? null,
    lines: input.lines.map(({ productId, quantity }) => [productId, quantity]),
    deliveries: input.deliveries.map(({ producerId, deliveryOptionId }) => [producerId, deliveryOptionId]),
    deliveryAddress: input.deliveryAddress ?? null,
    paymentMethod: input.paymentMethod,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

