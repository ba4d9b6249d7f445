import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { BRAND_MEMBERSHIP_CHANGED, type BrandMembershipChanged } from '@app/territory';
import { ProductLabelService } from './product-label.service';

/** A revoked (or re-approved) brand membership suspends (or restores) the producer's labels of that brand. */
@HandlesJob(BRAND_MEMBERSHIP_CHANGED)
export class BrandMembershipChangedHandler implements JobHandler<BrandMembershipChanged> {
  constructor(private readonly labels: ProductLabelService) {}

  async handle(event: BrandMembershipChanged, context: JobContext): Promise<void> {
    await this.labels.followMembership(context.em, event.brandId, event.producerId, event.status);
  }
}
