import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, organizationLoader, OrganizationService, OrganizationType } from '@app/identity';
import { connectionOf, type GraphqlContext } from '@app/platform';
import { ExportJobConnectionType, ExportJobType } from '../dto/reporting.types';
import { type ExportJob, ExportStatus } from '../entities/export-job.entity';
import { AdminExportJobs } from './admin-export-jobs.service';

/** The export jobs list of the admin page, and the organization each export is for. */
@Resolver(() => ExportJobType)
export class AdminExportJobsResolver {
  constructor(
    private readonly jobs: AdminExportJobs,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => ExportJobConnectionType, {
    description: 'Platform admins: the RSE export jobs of every organization, newest first (of this status only).',
  })
  async adminExportJobs(
    @CurrentUser() user: AuthUser,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('status', { type: () => ExportStatus, nullable: true }) status?: ExportStatus | null,
  ) {
    return connectionOf(await this.jobs.page(user, first, after, status));
  }

  @ResolveField(() => OrganizationType, { description: 'The organization whose purchases it exports.' })
  organization(@Parent() job: ExportJob, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(job.organizationId);
  }
}
