import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { VEHICLE_IDS } from '@app/carbon';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, isUuid } from '@app/platform';
import { DeliveryMode, DeliveryOption } from '../entities/delivery-option.entity';
import { checkedCents, checkedText } from '../products/product-rules';

export interface CreateDeliveryOptionValues {
  producerId: string;
  mode: DeliveryMode;
  label: string;
  vehicleId?: string | null;
  maxDistanceKm?: number | null;
  feeCents?: number | null;
  minOrderCents?: number | null;
}

/** How a producer's goods reach the buyer: the vehicle matters to the carbon footprint. */
@Injectable()
export class DeliveryOptionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policy: AccessPolicy,
  ) {}

  async create(user: AuthUser, input: CreateDeliveryOptionValues): Promise<DeliveryOption> {
    await this.policy.assertMember(user, input.producerId, { kinds: [OrganizationKind.PRODUCER] });
    const label = checkedText(input.label, 'label', 120);
    const vehicleId = input.vehicleId?.trim() || undefined;
    if (vehicleId && !VEHICLE_IDS.includes(vehicleId)) {
      throw AppError.badInput('vehicleId', `Unknown vehicle; choose one of: ${VEHICLE_IDS.join(', ')}.`);
    }
    if (!vehicleId && input.mode !== DeliveryMode.PICKUP) {
      throw AppError.badInput('vehicleId', 'Say which vehicle carries the goods: the carbon footprint depends on it.');
    }
    const maxDistanceKm = input.maxDistanceKm ?? undefined;
    if (maxDistanceKm !== undefined && (!Number.isFinite(maxDistanceKm) || maxDistanceKm <= 0 || maxDistanceKm > 2000)) {
      throw AppError.badInput('maxDistanceKm', 'The maximum distance is between 0 and 2,000 km.');
    }
    const em = this.orm.em.fork();
    const option = em.create(DeliveryOption, {
      producerId: input.producerId,
      mode: input.mode,
      label,
      vehicleId,
      maxDistanceKm,
      feeCents: checkedCents(input.feeCents ?? 0, 'feeCents'),
      minOrderCents: checkedCents(input.minOrderCents ?? 0, 'minOrderCents'),
    });
    await em.persist(option).flush();
    return option;
  }

  /** The active options of these producers, in one query. */
  ofProducers(producerIds: readonly string[]): Promise<DeliveryOption[]> {
    const wanted = [...new Set(producerIds)].filter(isUuid);
    return wanted.length
      ? this.orm.em.fork().find(DeliveryOption, { producerId: wanted, active: true }, { orderBy: { createdAt: 'asc' } })
      : Promise.resolve([]);
  }

  findByIds(ids: readonly string[]): Promise<DeliveryOption[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.orm.em.fork().find(DeliveryOption, { id: wanted }) : Promise.resolve([]);
  }
}
