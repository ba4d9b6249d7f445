import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type CarbonFootprint, sumFootprints } from '@app/carbon';
import {
  AddressType,
  type AuthUser,
  CurrentUser,
  organizationLoader,
  OrganizationService,
  OrganizationType,
} from '@app/identity';
import { type Product, ProductService, ProductType } from '@app/catalog';
import { AppError, byKeys, CentsScalar, DateScalar, type GraphqlContext, requestLoader } from '@app/platform';
import { CheckoutService } from './checkout/checkout.service';
import {
  CarbonFootprintType,
  FootprintEstimateType,
  OrderConnectionType,
  OrderDeliveryOptionType,
  OrderLineType,
  OrderType,
  PlaceOrderInput,
  SupplierOrderConnectionType,
  SupplierOrderTransitionType,
  SupplierOrderType,
  VatRateTotalType,
} from './dto/ordering.types';
import type { Order } from './entities/order.entity';
import type { OrderLine } from './entities/order-line.entity';
import type { SupplierOrder } from './entities/supplier-order.entity';
import { DeliveryDateChangeService } from './lifecycle/delivery-date-change.service';
import { DeliveryRoundService } from './lifecycle/delivery-round.service';
import { OrderLifecycleService } from './lifecycle/order-lifecycle.service';
import { OrderStatus, SupplierOrderStatus, countedParts, orderStatusOf } from './lifecycle/supplier-order-state';
import { partInclVat } from './money';
import { OrderAccess } from './queries/order-access';
import { type Page, OrderQueryService } from './queries/order-query.service';

const toConnection = <T>(page: Page<T>) => ({
  edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
  totalCount: page.totalCount,
});

const rate = (basisPoints: number) => basisPoints / 10_000;

@Resolver(() => OrderType)
export class OrderResolver {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly queries: OrderQueryService,
    private readonly access: OrderAccess,
    private readonly organizations: OrganizationService,
  ) {}

  @Mutation(() => OrderType, {
    description: 'One checkout across producers: accepted whole (stock taken) or rejected whole.',
  })
  placeOrder(@CurrentUser() user: AuthUser, @Args('input') input: PlaceOrderInput, @Context() context: GraphqlContext) {
    // The producers checkout read answer `supplierOrders { producer }`: no second read of them for the answer.
    return this.checkout.placeOrder(user, input, (producers) => {
      const loader = organizationLoader(context, this.organizations);
      for (const producer of producers) loader.prime(producer.id, producer);
    });
  }

  @Mutation(() => OrderType, {
    description: 'The buyer cancels the whole order, before any producer confirmed it; stock goes back.',
  })
  cancelOrder(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.lifecycle.cancelOrder(user, id, reason);
  }

  @Query(() => OrderType, {
    nullable: true,
    description: "An order, for its buyer and the buyer organization's members (NOT_FOUND for anyone else).",
  })
  async order(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return (await this.access.readableOrder(user, id)) ?? Promise.reject(AppError.notFound('Order'));
  }

  @Query(() => OrderType, {
    nullable: true,
    description:
      'An order by its number (« 261206-P7RZCX », as its buyer reads it in e-mails and on the order page; any case), for the same people as `order` (NOT_FOUND for anyone else): what support is told.',
  })
  async orderByNumber(@CurrentUser() user: AuthUser, @Args('number') number: string) {
    return (await this.access.readableOrderByNumber(user, number)) ?? Promise.reject(AppError.notFound('Order'));
  }

  @Query(() => OrderConnectionType, {
    description: 'Orders placed by me or by the organizations I am a member of, newest first.',
  })
  async myOrders(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return toConnection(await this.queries.myOrders(user, first, after));
  }

  @ResolveField(() => OrderStatus)
  status(@Parent() order: Order) {
    return orderStatusOf(order.supplierOrders.getItems().map((part) => part.status));
  }

  @ResolveField(() => [SupplierOrderType])
  supplierOrders(@Parent() order: Order) {
    return order.supplierOrders.getItems();
  }

  @ResolveField(() => CarbonFootprintType, {
    description:
      'The sum of the footprints of the supplier orders not cancelled (of all of them once every one is cancelled).',
  })
  carbon(@Parent() order: Order) {
    return sumFootprints(countedParts(order.supplierOrders.getItems()).map((part) => part.carbon));
  }

  @ResolveField(() => AddressType)
  deliveryAddress(@Parent() order: Order) {
    return order.deliveryAddress;
  }

  @ResolveField(() => OrganizationType, {
    nullable: true,
    description: 'The business that bought; null for a consumer.',
  })
  buyerOrganization(@Parent() order: Order, @Context() context: GraphqlContext) {
    return order.buyerOrganizationId
      ? organizationLoader(context, this.organizations).load(order.buyerOrganizationId)
      : null;
  }
}

@Resolver(() => SupplierOrderType)
export class SupplierOrderResolver {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly rounds: DeliveryRoundService,
    private readonly dates: DeliveryDateChangeService,
    private readonly queries: OrderQueryService,
    private readonly organizations: OrganizationService,
  ) {}

  @Mutation(() => SupplierOrderType, {
    description:
      'The producer moves its supplier order one step (or cancels it before SHIPPED); odometerKm, one way, with DELIVERED.',
  })
  updateSupplierOrderStatus(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => SupplierOrderStatus }) status: SupplierOrderStatus,
    @Args('odometerKm', { type: () => Float, nullable: true }) odometerKm?: number | null,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.lifecycle.updateSupplierOrderStatus(user, id, status, odometerKm, reason);
  }

  @Mutation(() => SupplierOrderType, {
    description:
      "The buyer cancels one producer's part while it is PLACED: its stock comes back, the order's totals and footprint become those of its other parts, a paid card part is refunded. A part already cancelled is answered unchanged.",
  })
  cancelSupplierOrder(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.lifecycle.cancelSupplierOrder(user, id, reason);
  }

  @Mutation(() => SupplierOrderType, {
    description:
      "Moves one producer's part to another open delivery date of its option, before that date's cut-off: by the buyer while it is PLACED (and its current day still open), by the producer while PLACED or CONFIRMED. The planned rounds it leaves and joins are re-estimated, earlier estimates kept in footprintHistory (CARBON-METHOD §7.3). The same date again answers the part unchanged.",
  })
  changeDeliveryDate(
    @CurrentUser() user: AuthUser,
    @Args('supplierOrderId', { type: () => ID }) supplierOrderId: string,
    @Args('deliveryDate', { type: () => DateScalar }) deliveryDate: string,
  ) {
    return this.dates.changeDeliveryDate(user, supplierOrderId, deliveryDate);
  }

  @Mutation(() => [SupplierOrderType], {
    description:
      "The producer reports a delivery round: supplier orders delivered the same day with the same vehicle, and the round's fuel litres and/or whole odometer distance. Their footprints are recomputed, the round's emissions shared by mass × distance; an implausible reading is kept but flagged (dataQuality FLAGGED) and the modelled round used.",
  })
  reportDeliveryRound(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('supplierOrderIds', { type: () => [ID] }) supplierOrderIds: string[],
    @Args('odometerKm', {
      type: () => Float,
      nullable: true,
      description: "The round's odometer km, departure to return.",
    })
    odometerKm?: number | null,
    @Args('fuelLitres', {
      type: () => Float,
      nullable: true,
      description: 'The fuel the round burnt, in litres (Tier A, preferred).',
    })
    fuelLitres?: number | null,
  ) {
    return this.rounds.reportDeliveryRound(user, producerId, supplierOrderIds, odometerKm, fuelLitres);
  }

  @Query(() => SupplierOrderConnectionType, {
    description:
      "A producer's parts of orders, newest first, for its members; deliveryDate keeps those to deliver that day, deliveredSince those delivered at or after that instant (the rounds still to report, paged whole).",
  })
  async supplierOrders(
    @CurrentUser() user: AuthUser,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('status', { type: () => SupplierOrderStatus, nullable: true }) status?: SupplierOrderStatus | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('deliveryDate', { type: () => DateScalar, nullable: true }) deliveryDate?: string | null,
    @Args('deliveredSince', { type: () => Date, nullable: true }) deliveredSince?: Date | null,
  ) {
    return toConnection(
      await this.queries.supplierOrders(user, producerId, status, first, after, deliveryDate, deliveredSince),
    );
  }

  @ResolveField(() => OrganizationType)
  producer(@Parent() supplierOrder: SupplierOrder, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(supplierOrder.producerId);
  }

  @ResolveField(() => [OrderLineType])
  lines(@Parent() supplierOrder: SupplierOrder) {
    const lines = supplierOrder.lines.getItems();
    const inclVat = partInclVat(lines, supplierOrder.feeCents);
    return lines.map((line: OrderLine, index) => ({
      ...line,
      quantity: line.quantityThousandths / 1000,
      vatRate: rate(line.vatRateBasisPoints),
      totalInclVatCents: inclVat.lineCents[index],
    }));
  }

  @ResolveField(() => CentsScalar)
  feeInclVatCents(@Parent() supplierOrder: SupplierOrder) {
    return partInclVat(supplierOrder.lines.getItems(), supplierOrder.feeCents).feeCents;
  }

  @ResolveField(() => OrderDeliveryOptionType)
  deliveryOption(@Parent() supplierOrder: SupplierOrder) {
    return { id: supplierOrder.delivery.deliveryOptionId, ...supplierOrder.delivery };
  }

  @ResolveField(() => [VatRateTotalType], { description: 'Base and VAT per rate (goods and their share of the fee).' })
  vatByRate(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.vatByRate.map((total) => ({ ...total, vatRate: rate(total.vatRateBasisPoints) }));
  }

  @ResolveField(() => CarbonFootprintType)
  carbon(@Parent() supplierOrder: SupplierOrder) {
    return footprintView(supplierOrder.carbon);
  }

  @ResolveField(() => Float, { nullable: true, description: "The round's fuel litres the producer reported (Tier A)." })
  fuelLitres(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.roundReport?.fuelLitres ?? null;
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: "The round's odometer km the producer reported, departure to return.",
  })
  roundOdometerKm(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.roundReport?.odometerKm ?? null;
  }

  @ResolveField(() => [FootprintEstimateType], {
    description:
      'Every earlier estimate of its footprint (its planned round changed, or a delivery report replaced it), oldest first (CARBON-METHOD §7.3).',
  })
  footprintHistory(@Parent() supplierOrder: SupplierOrder, @Context() context: GraphqlContext) {
    return requestLoader(context, 'supplier-order-footprints', (ids: readonly string[]) =>
      this.queries.footprintHistoryOf(ids),
    )
      .load(supplierOrder.id)
      .then((rows) => rows.map((row) => ({ ...row, carbon: footprintView(row.carbon) })));
  }

  @ResolveField(() => CarbonFootprintType, {
    nullable: true,
    description: 'The estimate made at placement, when a delivery report replaced it.',
  })
  placementCarbon(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.placementCarbon ? footprintView(supplierOrder.placementCarbon) : null;
  }

  @ResolveField(() => String, { description: 'The number of the order this part belongs to.' })
  orderNumber(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.order.number;
  }

  @ResolveField(() => OrganizationType, {
    nullable: true,
    description: 'The business that ordered; null for a consumer.',
  })
  buyerOrganization(@Parent() supplierOrder: SupplierOrder, @Context() context: GraphqlContext) {
    const buyerId = supplierOrder.order.buyerOrganizationId;
    return buyerId ? organizationLoader(context, this.organizations).load(buyerId) : null;
  }

  @ResolveField(() => AddressType, { description: 'Where to deliver.' })
  deliveryAddress(@Parent() supplierOrder: SupplierOrder) {
    return supplierOrder.order.deliveryAddress;
  }

  @ResolveField(() => [SupplierOrderTransitionType], { description: 'Every status change, oldest first.' })
  history(@Parent() supplierOrder: SupplierOrder, @Context() context: GraphqlContext) {
    return requestLoader(context, 'supplier-order-history', (ids: readonly string[]) =>
      this.queries.historyOf(ids),
    ).load(supplierOrder.id);
  }
}

@Resolver(() => OrderLineType)
export class OrderLineResolver {
  constructor(private readonly products: ProductService) {}

  @ResolveField(() => ProductType, {
    nullable: true,
    description: 'The product as the catalog shows it now (the line keeps what was sold).',
  })
  product(@Parent() line: { productId: string }, @Context() context: GraphqlContext) {
    return requestLoader<string, Product | null>(context, 'order-line-product', async (ids) =>
      byKeys(ids, await this.products.findByIds(ids), (product) => product.id),
    ).load(line.productId);
  }
}

/** The stored footprint with its round figures flattened, and the §7.3 tier of footprints stored before it existed. */
function footprintView(carbon: CarbonFootprint) {
  return {
    ...carbon,
    dataSource: carbon.dataSource ?? (carbon.distanceType === 'ODOMETER' ? 'PRIMARY_DISTANCE' : 'DEFAULT'),
    dataQuality: carbon.dataQuality ?? 'OK',
    roundVkm: carbon.round?.vkm ?? null,
    roundEmissionsKgCo2e: carbon.round?.emissionsKgCo2e ?? null,
    roundOrders: carbon.round?.orders ?? null,
  };
}
