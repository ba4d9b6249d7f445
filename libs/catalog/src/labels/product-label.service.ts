import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import {
  AppError,
  conflictOnDuplicate,
  ErrorCode,
  isUuid,
  type KeysetPage,
  keysetPage,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import {
  assertBrandVerified,
  BrandDecision,
  BrandDecisionSubject,
  BrandMembershipStatus as LabelStatus,
  BrandService,
  decisionTarget,
  mayApplyAgain,
} from '@app/territory';
import { ProductLabel } from '../entities/product-label.entity';
import { ProductService } from '../products/product.service';

/** A producer asked for a brand's label: the brand's managers are told by e-mail. */
export const PRODUCT_LABEL_REQUESTED = 'catalog.product-label-requested';

export interface ProductLabelRequested extends Record<string, unknown> {
  labelId: string;
}

/**
 * Brand labels on products: asked by the producer, decided by the brand (each decision kept in the brand's decision
 * history, like its decisions on memberships), read by the brand in its review queue and by the producer on its product.
 */
@Injectable()
export class ProductLabelService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductService,
    private readonly brands: BrandService,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
  ) {}

  /** Only an approved member of the brand may ask for its label; a refused label may be asked again. */
  async request(user: AuthUser, productId: string, brandId: string): Promise<ProductLabel> {
    const product = await this.products.findManaged(user, productId);
    const [brand] = await this.brands.findByIds([brandId]);
    if (!brand) throw AppError.notFound('Brand');
    return this.unitOfWork
      .transactional(async (em) => {
        // Read in the transaction that writes the label: a revocation committed meanwhile is seen, not missed.
        if ((await this.brands.membershipStatus(brand.id, product.producerId)) !== LabelStatus.APPROVED) {
          throw AppError.badInput(
            'brandId',
            `The producer is not an approved member of ${brand.name}: apply to the brand first.`,
          );
        }
        const existing = await em.findOne(ProductLabel, { product: product.id, brandId });
        if (existing && !mayApplyAgain(existing.status)) {
          throw new AppError(
            ErrorCode.CONFLICT,
            `This product's ${brand.name} label is already ${existing.status.toLowerCase()}.`,
          );
        }
        const label =
          existing ?? em.create(ProductLabel, { product: product.id, brandId, producerId: product.producerId });
        Object.assign(label, {
          status: LabelStatus.PENDING,
          suspended: false,
          reason: null,
          decidedAt: null,
          decidedById: null,
          createdAt: new Date(),
        });
        em.persist(label);
        this.outbox.enqueue<ProductLabelRequested>(em, PRODUCT_LABEL_REQUESTED, { labelId: label.id });
        return label;
      })
      .catch(conflictOnDuplicate('This label was just asked for by another request.'));
  }

  async decide(user: AuthUser, id: string, approve: boolean, reason?: string | null): Promise<ProductLabel> {
    const label = isUuid(id) ? await this.unitOfWork.em.findOne(ProductLabel, id) : null;
    const [brand] = label ? await this.brands.findByIds([label.brandId]) : [];
    if (!label || !brand) throw AppError.notFound('Product label');
    await this.policy.assertMember(user, brand.organizationId, { kinds: [OrganizationKind.BRAND] });
    assertBrandVerified(brand);
    const target = decisionTarget(label.status, approve);
    if (!target)
      throw new AppError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `A ${label.status.toLowerCase()} label cannot be ${approve ? 'approved' : 'refused'}.`,
      );
    const why = reason?.trim() || undefined;
    if (!approve && !why) throw AppError.badInput('reason', 'Say why: the producer reads it.');
    if (why && why.length > 2000) throw AppError.badInput('reason', 'The reason must not exceed 2,000 characters.');
    return this.unitOfWork.transactional(async (em) => {
      const decidedAt = new Date();
      const changed = await em.nativeUpdate(
        ProductLabel,
        { id, status: label.status },
        { status: target, reason: why ?? null, decidedAt, decidedById: user.id },
      );
      if (changed === 0)
        throw new AppError(ErrorCode.CONFLICT, 'Someone decided on this label at the same moment; reload it.');
      em.persist(
        em.create(BrandDecision, {
          brandId: brand.id,
          subject: BrandDecisionSubject.PRODUCT_LABEL,
          subjectId: id,
          fromStatus: label.status,
          toStatus: target,
          reason: why,
          decidedById: user.id,
          decidedAt,
        }),
      );
      return em.findOneOrFail(ProductLabel, id, { refresh: true });
    });
  }

  /**
   * The brand's review queue, for its managers: the requests waiting (or all of them) oldest request first; those
   * decided (APPROVED, REJECTED, REVOKED) newest decision first.
   */
  async queue(
    user: AuthUser,
    brandId: string,
    status: LabelStatus | null | undefined,
    first: number,
    after?: string | null,
  ): Promise<KeysetPage<ProductLabel>> {
    const [brand] = await this.brands.findByIds([brandId]);
    if (!brand) throw AppError.notFound('Brand');
    await this.policy.assertMember(user, brand.organizationId, { kinds: [OrganizationKind.BRAND] });
    const decided = status !== null && status !== undefined && status !== LabelStatus.PENDING;
    return keysetPage(
      this.unitOfWork.em,
      ProductLabel,
      { brandId: brand.id, ...(status ? { status } : {}) },
      first,
      after,
      decided ? { time: 'decidedAt' } : { oldestFirst: true },
    );
  }

  /** Every label asked for on these products, whatever its status (for their producer), oldest first. */
  requestsOn(productIds: readonly string[]): Promise<ProductLabel[]> {
    return productIds.length
      ? this.unitOfWork.em.find(
          ProductLabel,
          { product: productIds as string[] },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        )
      : Promise.resolve([]);
  }

  /** The decisions taken on these labels, oldest first. */
  decisionsOn(labelIds: readonly string[]): Promise<BrandDecision[]> {
    return labelIds.length
      ? this.unitOfWork.em.find(
          BrandDecision,
          { subject: BrandDecisionSubject.PRODUCT_LABEL, subjectId: labelIds as string[] },
          { orderBy: { decidedAt: 'asc', id: 'asc' } },
        )
      : Promise.resolve([]);
  }

  /** How many products of the catalog show this brand's label now (active, approved, not suspended). */
  countShownFor(brandId: string): Promise<number> {
    return this.unitOfWork.em.count(ProductLabel, {
      brandId,
      status: LabelStatus.APPROVED,
      suspended: false,
      product: { active: true },
    });
  }

  /** The labels shown on these products: approved and not suspended. */
  shownOn(productIds: readonly string[]): Promise<ProductLabel[]> {
    return productIds.length
      ? this.unitOfWork.em.find(
          ProductLabel,
          { product: productIds as string[], status: LabelStatus.APPROVED, suspended: false },
          { orderBy: { createdAt: 'asc' } },
        )
      : Promise.resolve([]);
  }

  /** A producer's labels of a brand follow its membership: suspended unless the membership is approved. */
  async followMembership(
    em: EntityManager,
    brandId: string,
    producerId: string,
    membershipStatus: LabelStatus,
  ): Promise<void> {
    await em.nativeUpdate(
      ProductLabel,
      { brandId, producerId },
      { suspended: membershipStatus !== LabelStatus.APPROVED },
    );
  }
}
