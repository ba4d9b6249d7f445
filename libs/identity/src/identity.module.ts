import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './auth/access-token.service';
import { BearerUser } from './auth/bearer-user';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { RefreshTokenService } from './auth/refresh-token.service';
import { SignInLimiter } from './auth/sign-in-limiter';
import { WelcomeEmailHandler } from './auth/welcome-email.handler';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { AccessPolicy } from './organizations/access-policy.service';
import { OrganizationMemberGuard, OrganizationResolver } from './organizations/organization.resolver';
import { OrganizationService } from './organizations/organization.service';

export const IDENTITY_ENTITIES = [User, RefreshToken, Organization, Membership];

/** Accounts, sessions, organizations and who may act for them: the services and job handlers every process needs. */
@Module({
  providers: [BearerUser, AccessTokenService, RefreshTokenService, SignInLimiter, AuthService, OrganizationService, AccessPolicy, WelcomeEmailHandler],
  exports: [AccessPolicy, OrganizationService, AuthService, AccessTokenService, BearerUser],
})
export class IdentityModule {}

/** Identity's API edges: the guard on every GraphQL operation, and the sign-in and organization resolvers. */
@Module({
  imports: [IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, OrganizationMemberGuard, AuthResolver, OrganizationResolver],
})
export class IdentityApiModule {}
