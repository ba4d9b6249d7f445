import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { BRAND_MEMBERSHIP_CHANGED, type BrandMembershipChanged, BrandService } from '@app/territory';
import { ProductLabelService } from './product-label.service';

/**
 * A revoked (or re-approved) brand membership suspends (or restores) the producer's labels of that brand. Jobs may
 * run out of order, so the handler applies the membership's status as it is now, not the one the event carried.
 */
@HandlesJob(BRAND_MEMBERSHIP_CHANGED)
export class BrandMembershipChangedHandler implements JobHandler<BrandMembershipChanged> {
  constructor(
    private readonly labels: ProductLabelService,
    private readonly brands: BrandService,
  ) {}

  async handle(event: BrandMembershipChanged, context: JobContext): Promise<void> {
    const current = await this.brands.membershipStatus(event.brandId, event.producerId);
    if (current) await this.labels.followMembership(context.em, event.brandId, event.producerId, current);
  }
}
