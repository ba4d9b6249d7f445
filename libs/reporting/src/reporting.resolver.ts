import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, OrganizationType } from '@app/identity';
import { PublicProducers, producerForViewerLoader } from '@app/catalog';
import { DateScalar, type GraphqlContext } from '@app/platform';
import { type Brand, BrandType } from '@app/territory';
import { BrandDashboardService } from './dashboard/brand-dashboard.service';
import {
  BrandDashboardType,
  BrandImpactType,
  BrandTopProducerType,
  ExportJobType,
  RseExportInput,
  RseSummaryType,
} from './dto/reporting.types';
import type { ExportJob } from './entities/export-job.entity';
import { RseExportService } from './exports/rse-export.service';
import { RseSummaryService } from './summary/rse-summary.service';

@Resolver(() => ExportJobType)
export class ReportingResolver {
  constructor(
    private readonly summaries: RseSummaryService,
    private readonly exports: RseExportService,
    private readonly dashboards: BrandDashboardService,
  ) {}

  @Query(() => RseSummaryType, {
    description: "A buying organization's delivered purchases of a period (at most 366 days), for its members.",
  })
  async rseSummary(
    @CurrentUser() user: AuthUser,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
    @Args('localRadiusKm', { type: () => Float, defaultValue: 100 }) localRadiusKm: number,
  ) {
    const totals = await this.summaries.summary(user, organizationId, from, to, localRadiusKm);
    const share = (part: number) => (totals.spendCents > 0 ? part / totals.spendCents : 0);
    return {
      ...totals,
      localSpendShare: share(totals.localSpendCents),
      labelledSpendShare: share(totals.labelledSpendCents),
    };
  }

  @Mutation(() => ExportJobType, {
    description: 'Generates the RSE export in the background; follow it with exportJob(id).',
  })
  requestRseExport(@CurrentUser() user: AuthUser, @Args('input') input: RseExportInput) {
    return this.exports.requestExport(user, input);
  }

  @Query(() => ExportJobType, { nullable: true, description: "An export, for its organization's members." })
  exportJob(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.exports.findReadable(user, id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'GET it with the same bearer token within 15 minutes; ask exportJob again for a new link.',
  })
  downloadUrl(@Parent() job: ExportJob) {
    return this.exports.downloadUrl(job);
  }

  @Query(() => BrandDashboardType, {
    description: "The brand's figures for a period, for the brand organization's members.",
  })
  brandDashboard(
    @CurrentUser() user: AuthUser,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.dashboards.dashboard(user, brandId, from, to);
  }
}

@Resolver(() => BrandTopProducerType)
export class BrandTopProducerResolver {
  constructor(private readonly producers: PublicProducers) {}

  /** A brand's managers are not the producer's members: they see it as the public does (public-position rule). */
  @ResolveField(() => OrganizationType)
  producer(
    @Parent() top: BrandTopProducerType,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return producerForViewerLoader(context, this.producers, user).load(top.producerId);
  }
}

@Resolver(() => BrandType)
export class BrandImpactResolver {
  constructor(private readonly dashboards: BrandDashboardService) {}

  @ResolveField(() => BrandImpactType, {
    description:
      "The labelled sales of the last 365 days and the CO₂e their transport saved (the public page's figure).",
  })
  impact(@Parent() brand: Brand) {
    return this.dashboards.impact(brand);
  }
}
