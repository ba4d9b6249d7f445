import { Inject, Injectable } from '@nestjs/common';
import { type GeoPoint, type SupplierOrderCarbonInput, dateMarginalFootprint } from '@app/carbon';
import { DeliveryOptionService } from '@app/catalog';
import {
  ADDRESS_RESOLVER,
  type AddressInputValues,
  type AddressResolver,
  type AuthUser,
  OrganizationService,
} from '@app/identity';
import { AppError, ErrorCode, UnitOfWork } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { carbonInputOf } from '../lifecycle/supplier-order-carbon';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { CartReader } from './cart-reader';

export interface DeliveryDateFootprintsValues {
  deliveryOptionId: string;
  address?: AddressInputValues | null;
  buyerOrganizationId?: string | null;
  massKg: number;
}

export interface DeliveryDateFootprintValue {
  deliveryDate: string;
  /** The cart's allocated share of the round planned that day, the cart included. */
  estimatedKgCo2e: number;
  /** E_round(with the cart) − E_round(without). */
  marginalKgCo2e: number;
  /** Other orders already travel in that day's round. */
  pooled: boolean;
  /** The date with the lowest marginal footprint (the first of them on a tie): the pooling day. */
  lowest: boolean;
}

/** The heaviest cart the estimate takes (kg): a van carries far less, beyond it surely a typo. */
const MAX_MASS_KG = 20_000;

/**
 * `deliveryDateFootprints` (CARBON-METHOD §7.3, "marginal footprint of a date"): for each next open date of a
 * producer's own delivery option, what a cart of `massKg` would add to the round planned that day, and its share of
 * it. Only figures leave this service, never the other orders or their addresses.
 */
@Injectable()
export class DeliveryDateFootprintService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly options: DeliveryOptionService,
    private readonly organizations: OrganizationService,
    private readonly reader: CartReader,
    @Inject(ADDRESS_RESOLVER) private readonly addresses: AddressResolver,
  ) {}

  async footprints(
    user: AuthUser | null,
    input: DeliveryDateFootprintsValues,
    first = 4,
  ): Promise<DeliveryDateFootprintValue[]> {
    // Whose address first: another business's is NOT_FOUND whatever else the input says.
    const destination = await this.destinationOf(user, input);
    if (!(Number.isFinite(input.massKg) && input.massKg > 0 && input.massKg <= MAX_MASS_KG)) {
      throw AppError.badInput('massKg', `The cart's mass is more than 0 and at most ${MAX_MASS_KG} kg.`);
    }
    const [option] = await this.options.findByIds([input.deliveryOptionId]);
    if (!option || !option.active) throw AppError.notFound('Delivery option');
    if (option.mode !== 'PRODUCER_DELIVERY' || !option.vehicleId)
      throw AppError.badInput(
        'deliveryOptionId',
        "Only a producer's own delivery makes rounds; this option is not one.",
      );
    const dates = this.options.datesOf(option, first);
    const [producer] = await this.organizations.findByIds([option.producerId]);
    if (producer?.address?.latitude == null || producer.address.longitude == null) return [];
    const producerLocation = { latitude: producer.address.latitude, longitude: producer.address.longitude };
    if (dates.length === 0) return [];

    const parts = await this.unitOfWork.em.find(
      SupplierOrder,
      { producerId: option.producerId, deliveryDate: dates, status: { $ne: SupplierOrderStatus.CANCELLED } },
      { populate: ['lines'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const cart: SupplierOrderCarbonInput = {
      // The emissions of a round do not depend on what is carried, only on its mass for the share.
      lines: [{ massKg: input.massKg, category: 'DRY_GROCERIES' }],
      producerLocation,
      deliveryLocation: destination,
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: option.vehicleId },
    };
    const values = dates.map((deliveryDate) => {
      const round = parts
        .filter(
          (part) =>
            part.deliveryDate === deliveryDate &&
            part.delivery.mode === 'PRODUCER_DELIVERY' &&
            part.delivery.deliveryOptionId === option.id,
        )
        .map((part) => ({ ...carbonInputOf(part), producerLocation }));
      const marginal = dateMarginalFootprint(round, cart);
      return {
        deliveryDate,
        estimatedKgCo2e: marginal.allocatedKgCo2e,
        marginalKgCo2e: marginal.marginalKgCo2e,
        pooled: round.length > 0,
        lowest: false,
      };
    });
    const lowest = values.reduce(
      (best, value) => (value.marginalKgCo2e < best.marginalKgCo2e - 1e-9 ? value : best),
      values[0],
    );
    lowest.lowest = true;
    return values;
  }

  private async destinationOf(user: AuthUser | null, input: DeliveryDateFootprintsValues): Promise<GeoPoint> {
    if (input.address && input.buyerOrganizationId)
      throw AppError.badInput('address', 'Give an address or a buyer organization, not both.');
    let address;
    if (input.address) address = await this.addresses.resolve(input.address, 'address');
    else if (input.buyerOrganizationId) {
      if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to use the address of your business.');
      address = (await this.reader.buyerOrganization(user, input.buyerOrganizationId))?.address;
    } else throw AppError.badInput('address', 'Give the address to deliver to, or your business.');
    if (address?.latitude == null || address.longitude == null)
      throw AppError.badInput('address', 'This address could not be placed on the map.');
    return { latitude: address.latitude, longitude: address.longitude };
  }
}
