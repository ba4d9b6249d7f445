import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { ProductLabelService } from '@app/catalog';
import type { AuthUser } from '@app/identity';
import { purchaseLines } from '@app/ordering';
import { AppError, isUuid } from '@app/platform';
import { BrandMembershipStatus, BrandService } from '@app/territory';
import { reportPeriod } from '../period';

export interface BrandDashboard {
  memberCount: number;
  pendingApplications: number;
  labelledProductCount: number;
  /** Sales (excluding VAT) of products carrying the brand's label when sold, in orders placed in the period. */
  salesCents: number;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  topProducers: { producerId: string; salesCents: number; orderCount: number }[];
}

const TOP_PRODUCERS = 5;

/** `brandDashboard`: what a brand shows its territory, for the brand organization's members. */
@Injectable()
export class BrandDashboardService {
  constructor(
    private readonly orm: MikroORM,
    private readonly brands: BrandService,
    private readonly labels: ProductLabelService,
  ) {}

  async dashboard(user: AuthUser, brandId: string, from: string, to: string): Promise<BrandDashboard> {
    const [brand] = isUuid(brandId) ? await this.brands.findByIds([brandId]) : [];
    if (!brand || !(await this.brands.runsBrand(user, brand))) throw AppError.notFound('Brand');
    const period = reportPeriod(from, to);
    const memberships = await this.brands.membershipsOf(
      [brand.id],
      [BrandMembershipStatus.APPROVED, BrandMembershipStatus.PENDING, BrandMembershipStatus.REVOKED],
    );
    // Producers who were members at some point: their labelled sales of the period count even if revoked since.
    const producerIds = memberships
      .filter((membership) => membership.status !== BrandMembershipStatus.PENDING)
      .map((membership) => membership.producerId);
    const sales = {
      salesCents: 0,
      emissionsKgCo2e: 0,
      savedKgCo2e: 0,
      orders: new Set<string>(),
      byProducer: new Map<string, { salesCents: number; orders: Set<string> }>(),
    };
    if (producerIds.length) {
      for await (const batch of purchaseLines(this.orm.em.fork() as EntityManager, {
        producerIds,
        from: period.from,
        to: period.to,
        basis: 'placed',
      })) {
        for (const line of batch.filter((candidate) => candidate.brandIds.includes(brand.id))) {
          sales.salesCents += line.spendCents;
          sales.emissionsKgCo2e += line.lineFootprint.emissionsKgCo2e;
          sales.savedKgCo2e += line.lineFootprint.savedKgCo2e;
          sales.orders.add(line.orderId);
          const producer =
            sales.byProducer.get(line.producerId) ??
            sales.byProducer.set(line.producerId, { salesCents: 0, orders: new Set() }).get(line.producerId)!;
          producer.salesCents += line.spendCents;
          producer.orders.add(line.orderId);
        }
      }
    }
    return {
      memberCount: memberships.filter((membership) => membership.status === BrandMembershipStatus.APPROVED).length,
      pendingApplications: memberships.filter((membership) => membership.status === BrandMembershipStatus.PENDING)
        .length,
      labelledProductCount: await this.labels.countShownFor(brand.id),
      salesCents: sales.salesCents,
      orderCount: sales.orders.size,
      emissionsKgCo2e: sales.emissionsKgCo2e,
      savedKgCo2e: sales.savedKgCo2e,
      topProducers: [...sales.byProducer.entries()]
        .map(([producerId, figures]) => ({
          producerId,
          salesCents: figures.salesCents,
          orderCount: figures.orders.size,
        }))
        .sort((a, b) => b.salesCents - a.salesCents)
        .slice(0, TOP_PRODUCERS),
    };
  }
}
