import { Organization, ORGANIZATION_MOVED, type OrganizationMoved } from '@app/identity';
import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { CatalogProducer } from '../entities/catalog-producer.entity';

/**
 * A producer moved (updateOrganization with a new address): the catalog's copy of where its goods leave from, read
 * by the radius search, follows. Applies the address as it is now, whatever order the jobs run in.
 */
@HandlesJob(ORGANIZATION_MOVED)
export class OrganizationMovedHandler implements JobHandler<OrganizationMoved> {
  async handle(event: OrganizationMoved, context: JobContext): Promise<void> {
    const organization = await context.em.findOne(Organization, event.organizationId);
    const position = await context.em.findOne(CatalogProducer, { producerId: event.organizationId });
    if (!organization || !position) return;
    const { latitude, longitude, departmentCode } = organization.address;
    if (latitude == null || longitude == null) return;
    Object.assign(position, { latitude, longitude, departmentCode });
    await context.em.flush();
  }
}
