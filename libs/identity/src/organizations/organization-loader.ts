import { byKeys, type GraphqlContext, requestLoader } from '@app/platform';
import type { Organization } from '../entities/organization.entity';
import type { OrganizationService } from './organization.service';

/** The request's loader of organizations by id: every field that names an organization shares one query. */
export const organizationLoader = (context: GraphqlContext, organizations: OrganizationService) =>
  requestLoader<string, Organization | null>(context, 'organization-by-id', async (ids) =>
    byKeys(ids, await organizations.findByIds(ids), (organization) => organization.id),
  );
