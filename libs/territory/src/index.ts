export { TERRITORY_ENTITIES, TerritoryApiModule, TerritoryModule } from './territory.module';
export {
  assertBrandVerified,
  BRAND_MEMBERSHIP_CHANGED,
  type BrandMembershipChanged,
  BrandService,
} from './brands/brand.service';
export { BrandManagersMailer } from './brands/brand-emails.handler';
export { Brand, BrandStatus } from './entities/brand.entity';
export { BrandDecision, BrandDecisionSubject } from './entities/brand-decision.entity';
export { decisionTarget, mayApplyAgain } from './brands/membership-state';
export { GazetteerService } from './gazetteer/gazetteer.service';
export { Gazetteer, normalizeName, type CommuneRecord } from './gazetteer/gazetteer';
export { CoordinatesFileError, readCoordinatesFile, type CoordinatesFile } from './gazetteer/coordinates-file';
export { saveCommuneCentres } from './gazetteer/commune-coordinates.store';
export { BrandMembershipStatus } from './entities/brand-membership.entity';
export { BrandMembershipType, BrandType } from './dto/territory.types';
