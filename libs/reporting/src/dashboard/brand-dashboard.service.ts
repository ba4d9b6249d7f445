import { Injectable } from '@nestjs/common';
import { ProductLabelService } from '@app/catalog';
import type { AuthUser } from '@app/identity';
import { purchaseLines } from '@app/ordering';
import { CreditNoteService } from '@app/payments';
import { AppError, isUuid, parisDay, parisMidnight, splitProportionally, UnitOfWork } from '@app/platform';
import { type Brand, BrandDecisionSubject, BrandMembershipStatus, BrandService } from '@app/territory';
import { creditedGoodsCents } from '../credited-spend';
import { type ReportPeriod, reportPeriod } from '../period';
import { countsAt, dataTierGroupOf, type DataTierGroup, monthsBetween, nextMonthFirstDay } from './brand-months';

/** One month of the brand's dashboard charts. */
export interface BrandMonth {
  /** YYYY-MM. */
  month: string;
  /** Approved members at the end of the month (or now, for the current month). */
  memberCount: number;
  /** Labels granted and not withdrawn at the end of the month (or now). */
  labelledProductCount: number;
  salesCents: number;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
}

/** How much of the emissions figure rests on each tier of data (CARBON-METHOD §7.3). */
export interface BrandDataTiers {
  primaryKgCo2e: number;
  modelledKgCo2e: number;
  defaultKgCo2e: number;
  /** Lines whose producer reading was implausible: their figure is the modelled one. */
  flaggedLineCount: number;
}

export interface BrandDashboard {
  memberCount: number;
  pendingApplications: number;
  labelledProductCount: number;
  /**
   * Sales (excluding VAT) of products carrying the brand's label when sold, in orders placed in the period, net of
   * the credit notes issued against them: what the producers really sold.
   */
  salesCents: number;
  /** What credit notes took off the labelled sales (their labelled goods' share, excluding VAT). */
  creditedCents: number;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  topProducers: { producerId: string; salesCents: number; orderCount: number }[];
  byMonth: BrandMonth[];
  dataTiers: BrandDataTiers;
  /** The carbon method versions of the footprints counted, sorted (a period can hold several). */
  methodVersions: string[];
}

/** What the public brand page says of the territory: the labelled sales of the last 365 days and their carbon. */
export interface BrandImpact {
  from: string;
  to: string;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  methodVersions: string[];
}

const TOP_PRODUCERS = 5;
const IMPACT_DAYS = 365;

interface Sales {
  salesCents: number;
  creditedCents: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  orders: Set<string>;
  byProducer: Map<string, { salesCents: number; orders: Set<string> }>;
  byMonth: Map<string, { salesCents: number; emissionsKgCo2e: number; savedKgCo2e: number; orders: Set<string> }>;
  tiers: Record<DataTierGroup, number>;
  flaggedLineCount: number;
  methodVersions: Set<string>;
}

/** `brandDashboard`: what a brand shows its territory, for the brand organization's members; and its public figure. */
@Injectable()
export class BrandDashboardService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly brands: BrandService,
    private readonly labels: ProductLabelService,
    private readonly creditNotes: CreditNoteService,
  ) {}

  async dashboard(user: AuthUser, brandId: string, from: string, to: string): Promise<BrandDashboard> {
    const [brand] = isUuid(brandId) ? await this.brands.findByIds([brandId]) : [];
    if (!brand || !(await this.brands.runsBrand(user, brand))) throw AppError.notFound('Brand');
    const period = reportPeriod(from, to);
    const memberships = await this.brands.membershipsOf(
      [brand.id],
      [BrandMembershipStatus.APPROVED, BrandMembershipStatus.PENDING, BrandMembershipStatus.REVOKED],
    );
    const sales = await this.salesOf(
      brand,
      memberships
        .filter((membership) => membership.status !== BrandMembershipStatus.PENDING)
        .map((membership) => membership.producerId),
      period,
    );
    return {
      memberCount: memberships.filter((membership) => membership.status === BrandMembershipStatus.APPROVED).length,
      pendingApplications: memberships.filter((membership) => membership.status === BrandMembershipStatus.PENDING)
        .length,
      labelledProductCount: await this.labels.countShownFor(brand.id),
      salesCents: sales.salesCents,
      creditedCents: sales.creditedCents,
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
      byMonth: await this.months(brand, period, sales),
      dataTiers: {
        primaryKgCo2e: sales.tiers.primary,
        modelledKgCo2e: sales.tiers.modelled,
        defaultKgCo2e: sales.tiers.default,
        flaggedLineCount: sales.flaggedLineCount,
      },
      methodVersions: [...sales.methodVersions].sort(),
    };
  }

  /** The public figure: the brand's labelled sales of the last 365 days (orders placed, not cancelled). */
  async impact(brand: Brand, now = new Date()): Promise<BrandImpact> {
    const to = parisDay(now);
    const from = new Date(Date.parse(`${to}T12:00:00Z`) - (IMPACT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const memberships = await this.brands.membershipsOf(
      [brand.id],
      [BrandMembershipStatus.APPROVED, BrandMembershipStatus.REVOKED],
    );
    const sales = await this.salesOf(
      brand,
      memberships.map((membership) => membership.producerId),
      reportPeriod(from, to),
    );
    return {
      from,
      to,
      orderCount: sales.orders.size,
      emissionsKgCo2e: sales.emissionsKgCo2e,
      savedKgCo2e: sales.savedKgCo2e,
      methodVersions: [...sales.methodVersions].sort(),
    };
  }

  /**
   * The lines of the period that carried the brand's label when sold, by producers who were members at some point:
   * their labelled sales count even if revoked since. Net of the credit notes issued against their supplier orders
   * (whenever issued): the labelled goods' share of what came off the goods (`creditedGoodsCents`); the transport
   * figures stay, the goods travelled.
   */
  private async salesOf(brand: Brand, producerIds: string[], period: ReportPeriod): Promise<Sales> {
    const sales: Sales = {
      salesCents: 0,
      creditedCents: 0,
      emissionsKgCo2e: 0,
      savedKgCo2e: 0,
      orders: new Set(),
      byProducer: new Map(),
      byMonth: new Map(),
      tiers: { primary: 0, modelled: 0, default: 0 },
      flaggedLineCount: 0,
      methodVersions: new Set(),
    };
    if (!producerIds.length) return sales;
    const { em } = this.unitOfWork;
    const credits = await this.creditNotes.creditedBySupplierOrder(em, { issuerIds: producerIds }, period.from);
    const creditedParts = new Map<
      string,
      { goodsCents: number; labelledCents: number; producerId: string; month: string }
    >();
    const monthOf = new Map<number, string>();
    const monthOfLine = (line: { orderedAt: Date }) => {
      const at = line.orderedAt.getTime();
      return monthOf.get(at) ?? monthOf.set(at, parisDay(line.orderedAt).slice(0, 7)).get(at)!;
    };
    for await (const batch of purchaseLines(em, {
      producerIds,
      from: period.from,
      to: period.to,
      basis: 'placed',
    })) {
      for (const line of batch) {
        if (!credits.has(line.supplierOrderId)) continue;
        const part =
          creditedParts.get(line.supplierOrderId) ??
          creditedParts
            .set(line.supplierOrderId, {
              goodsCents: 0,
              labelledCents: 0,
              producerId: line.producerId,
              month: monthOfLine(line),
            })
            .get(line.supplierOrderId)!;
        part.goodsCents += line.spendCents;
        if (line.brandIds.includes(brand.id)) part.labelledCents += line.spendCents;
      }
      for (const line of batch.filter((candidate) => candidate.brandIds.includes(brand.id))) {
        const { emissionsKgCo2e, savedKgCo2e } = line.lineFootprint;
        sales.salesCents += line.spendCents;
        sales.emissionsKgCo2e += emissionsKgCo2e;
        sales.savedKgCo2e += savedKgCo2e;
        sales.orders.add(line.orderId);
        sales.tiers[dataTierGroupOf(line.footprint)] += emissionsKgCo2e;
        if (line.footprint.dataQuality === 'FLAGGED') sales.flaggedLineCount += 1;
        sales.methodVersions.add(line.footprint.methodVersion);
        const producer =
          sales.byProducer.get(line.producerId) ??
          sales.byProducer.set(line.producerId, { salesCents: 0, orders: new Set() }).get(line.producerId)!;
        producer.salesCents += line.spendCents;
        producer.orders.add(line.orderId);
        const month = monthOfLine(line);
        const monthly =
          sales.byMonth.get(month) ??
          sales.byMonth
            .set(month, { salesCents: 0, emissionsKgCo2e: 0, savedKgCo2e: 0, orders: new Set() })
            .get(month)!;
        monthly.salesCents += line.spendCents;
        monthly.emissionsKgCo2e += emissionsKgCo2e;
        monthly.savedKgCo2e += savedKgCo2e;
        monthly.orders.add(line.orderId);
      }
    }
    for (const [supplierOrderId, part] of creditedParts) {
      if (!part.labelledCents) continue;
      const goodsCredited = creditedGoodsCents(credits.get(supplierOrderId)!, part.goodsCents);
      const [cents] = splitProportionally(goodsCredited, [part.labelledCents, part.goodsCents - part.labelledCents]);
      sales.creditedCents += cents;
      sales.salesCents -= cents;
      sales.byProducer.get(part.producerId)!.salesCents -= cents;
      sales.byMonth.get(part.month)!.salesCents -= cents;
    }
    return sales;
  }

  /** Every month of the period: members and labels at its end (replayed from the brand's decisions), its sales. */
  private async months(brand: Brand, period: ReportPeriod, sales: Sales): Promise<BrandMonth[]> {
    const months = monthsBetween(period.fromDay, period.toDay);
    const now = Date.now();
    const ends = months.map((month) => {
      const end = Math.min(parisMidnight(nextMonthFirstDay(month)).getTime(), period.to.getTime(), now + 1);
      return new Date(end);
    });
    const decisions = await this.brands.decisionsOf(brand.id);
    const ofSubject = (subject: BrandDecisionSubject) => decisions.filter((decision) => decision.subject === subject);
    const members = countsAt(ofSubject(BrandDecisionSubject.MEMBERSHIP), BrandMembershipStatus.APPROVED, ends);
    const labels = countsAt(ofSubject(BrandDecisionSubject.PRODUCT_LABEL), BrandMembershipStatus.APPROVED, ends);
    return months.map((month, index) => {
      const figures = sales.byMonth.get(month);
      return {
        month,
        memberCount: members[index],
        labelledProductCount: labels[index],
        salesCents: figures?.salesCents ?? 0,
        orderCount: figures?.orders.size ?? 0,
        emissionsKgCo2e: figures?.emissionsKgCo2e ?? 0,
        savedKgCo2e: figures?.savedKgCo2e ?? 0,
      };
    });
  }
}
