import { Inject, Injectable } from '@nestjs/common';
import { OrganizationService } from '@app/identity';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { BrandMembership, BrandMembershipStatus } from '../entities/brand-membership.entity';
import { Brand } from '../entities/brand.entity';
import {
  BRAND_APPLICATION_RECEIVED,
  BRAND_VERIFIED,
  type BrandApplicationReceived,
  type BrandVerified,
} from './brand.service';

/** Tells the people who run a brand that something waits for their decision (an application, a label request). */
@Injectable()
export class BrandManagersMailer {
  constructor(
    private readonly mailer: MailerService,
    private readonly organizations: OrganizationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A brand-manager page (`/marque/candidatures`, `/marque/labels`) about this brand. */
  pageOf(path: string, brand: Brand): string {
    return `${this.config.payments.publicAppUrl}${path}?marque=${encodeURIComponent(brand.slug)}`;
  }

  async tell(context: JobContext, brand: Brand, subject: string, text: string): Promise<void> {
    for (const membership of await this.organizations.membersOf(brand.organizationId)) {
      await this.mailer.sendOnce(context, { to: membership.user.email, subject, text });
    }
  }
}

/** A producer applied to the brand: its managers are told, with the link to the review queue. */
@HandlesJob(BRAND_APPLICATION_RECEIVED)
export class BrandApplicationEmailHandler implements JobHandler<BrandApplicationReceived> {
  constructor(
    private readonly managers: BrandManagersMailer,
    private readonly organizations: OrganizationService,
  ) {}

  async handle({ membershipId }: BrandApplicationReceived, context: JobContext): Promise<void> {
    const em = context.em;
    const membership = await em.findOne(BrandMembership, membershipId, { populate: ['brand'] });
    if (!membership || membership.status !== BrandMembershipStatus.PENDING) return; // decided before the e-mail went out
    const [producer] = await this.organizations.findByIds([membership.producerId]);
    const brand = membership.brand;
    await this.managers.tell(
      context,
      brand,
      `Nouvelle candidature à ${brand.name}\u00a0: ${producer?.name ?? 'un producteur'}`,
      [
        `${producer?.name ?? 'Un producteur'}${producer?.address.city ? ` (${producer.address.city})` : ''} demande à rejoindre ${brand.name}.`,
        ...(membership.message ? ['', `Son message\u00a0: «\u00a0${membership.message}\u00a0»`] : []),
        '',
        `Acceptez ou refusez sa candidature (avec un motif)\u00a0: ${this.managers.pageOf('/marque/candidatures', brand)}`,
      ].join('\n'),
    );
  }
}

/** Support verified the brand: its managers may now admit producers and grant labels. */
@HandlesJob(BRAND_VERIFIED)
export class BrandVerifiedEmailHandler implements JobHandler<BrandVerified> {
  constructor(private readonly managers: BrandManagersMailer) {}

  async handle({ brandId }: BrandVerified, context: JobContext): Promise<void> {
    const brand = await context.em.findOne(Brand, brandId);
    if (!brand) return;
    await this.managers.tell(
      context,
      brand,
      `${brand.name} est vérifiée`,
      [
        `L’équipe d’Ancrage a vérifié ${brand.name}\u00a0: la marque apparaît publiquement et peut désormais accepter des producteurs et accorder ses labels.`,
        '',
        `Les candidatures en attente\u00a0: ${this.managers.pageOf('/marque/candidatures', brand)}`,
      ].join('\n'),
    );
  }
}
