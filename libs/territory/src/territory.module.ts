import { Global, Module } from '@nestjs/common';
import { ADDRESS_RESOLVER, IdentityModule } from '@app/identity';
import {
  BrandApplicationEmailHandler,
  BrandManagersMailer,
  BrandVerifiedEmailHandler,
} from './brands/brand-emails.handler';
import { BrandMembershipResolver, BrandResolver, OrganizationBrandApplicationsResolver } from './brands/brand.resolver';
import { BrandService } from './brands/brand.service';
import { BrandDecision } from './entities/brand-decision.entity';
import { BrandMembership } from './entities/brand-membership.entity';
import { Brand } from './entities/brand.entity';
import { CommuneCoordinates } from './entities/commune-coordinates.entity';
import { CommuneResolver } from './gazetteer/commune.resolver';
import { GazetteerService } from './gazetteer/gazetteer.service';
import { TerritoryAddressResolver } from './gazetteer/territory-address-resolver';

export const TERRITORY_ENTITIES = [CommuneCoordinates, Brand, BrandMembership, BrandDecision];

/**
 * Geography (gazetteer, addresses) and territory brands. Global so that identity resolves organizations'
 * addresses with the gazetteer without depending on this context.
 */
@Global()
@Module({
  imports: [IdentityModule],
  providers: [
    GazetteerService,
    BrandService,
    BrandManagersMailer,
    BrandApplicationEmailHandler,
    BrandVerifiedEmailHandler,
    { provide: ADDRESS_RESOLVER, useClass: TerritoryAddressResolver },
  ],
  exports: [GazetteerService, BrandService, BrandManagersMailer, ADDRESS_RESOLVER],
})
export class TerritoryModule {}

/** Territory's API edges: the commune search and the brand resolvers. */
@Module({
  imports: [TerritoryModule, IdentityModule],
  providers: [CommuneResolver, BrandResolver, BrandMembershipResolver, OrganizationBrandApplicationsResolver],
})
export class TerritoryApiModule {}
