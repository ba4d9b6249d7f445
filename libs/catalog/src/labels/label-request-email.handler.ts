import { OrganizationService } from '@app/identity';
import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { Brand, BrandManagersMailer, BrandMembershipStatus as LabelStatus } from '@app/territory';
import { ProductLabel } from '../entities/product-label.entity';
import { PRODUCT_LABEL_REQUESTED, type ProductLabelRequested } from './product-label.service';

/** A producer asked for the brand's label on a product: the brand's managers are told, with the link to the queue. */
@HandlesJob(PRODUCT_LABEL_REQUESTED)
export class LabelRequestEmailHandler implements JobHandler<ProductLabelRequested> {
  constructor(
    private readonly managers: BrandManagersMailer,
    private readonly organizations: OrganizationService,
  ) {}

  async handle({ labelId }: ProductLabelRequested, context: JobContext): Promise<void> {
    const em = context.em;
    const label = await em.findOne(ProductLabel, labelId, { populate: ['product'] });
    if (!label || label.status !== LabelStatus.PENDING) return; // decided before the e-mail went out
    const brand = await em.findOne(Brand, label.brandId);
    if (!brand) return;
    const [producer] = await this.organizations.findByIds([label.producerId]);
    await this.managers.tell(
      context,
      brand,
      `Demande de label ${brand.name}\u00a0: ${label.product.name}`,
      [
        `${producer?.name ?? 'Un producteur'} demande le label ${brand.name} pour «\u00a0${label.product.name}\u00a0».`,
        '',
        `Accordez-le ou refusez-le (avec un motif, que le producteur lira)\u00a0: ${this.managers.pageOf('/marque/labels', brand)}`,
      ].join('\n'),
    );
  }
}
