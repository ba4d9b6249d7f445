import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './auth/access-token.service';
import { EmailVerificationHandler, OneTimeLinkMailer, PasswordResetEmailHandler } from './auth/account-emails.handler';
import { AccountRecoveryResolver } from './auth/account-recovery.resolver';
import { AccountRecoveryService } from './auth/account-recovery.service';
import { BearerUser } from './auth/bearer-user';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { MfaResolver } from './auth/mfa/mfa.resolver';
import { MfaService } from './auth/mfa/mfa.service';
import { RefreshTokenService } from './auth/refresh-token.service';
import { SignInLimiter } from './auth/sign-in-limiter';
import { WelcomeEmailHandler } from './auth/welcome-email.handler';
import { RegistrationAttemptEmail } from './auth/registration-attempt.handler';
import { SecondFactorResetEmail } from './admin/second-factor-reset.email';
import { SecurityNoticeEmail } from './auth/security-notice.email';
import { AccountToken } from './entities/account-token.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { MfaRecoveryCode } from './entities/mfa-recovery-code.entity';
import { Organization } from './entities/organization.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { AccessPolicy } from './organizations/access-policy.service';
import { Media } from './media/media.entity';
import { MediaController } from './media/media.controller';
import { MediaService } from './media/media.service';
import { MediaResolver, OrganizationResolver } from './organizations/organization.resolver';
import { OrganizationService } from './organizations/organization.service';
import {
  OrganizationVerificationService,
  SireneLookupHandler,
  VerificationDecisionEmail,
} from './organizations/organization-verification.service';
import { SireneDirectory } from './organizations/sirene-directory';
import { TeamResolver } from './organizations/team.resolver';
import { InvitationEmailHandler, TeamService } from './organizations/team.service';

export const IDENTITY_ENTITIES = [
  User,
  RefreshToken,
  Organization,
  Membership,
  Media,
  AccountToken,
  Invitation,
  MfaRecoveryCode,
];

/** Accounts, sessions, organizations and who may act for them: the services and job handlers every process needs. */
@Module({
  providers: [
    BearerUser,
    AccessTokenService,
    RefreshTokenService,
    SignInLimiter,
    MfaService,
    AuthService,
    OrganizationService,
    AccessPolicy,
    MediaService,
    WelcomeEmailHandler,
    RegistrationAttemptEmail,
    SecondFactorResetEmail,
    SecurityNoticeEmail,
    OneTimeLinkMailer,
    AccountRecoveryService,
    TeamService,
    PasswordResetEmailHandler,
    EmailVerificationHandler,
    InvitationEmailHandler,
    SireneDirectory,
    OrganizationVerificationService,
    SireneLookupHandler,
    VerificationDecisionEmail,
  ],
  exports: [
    OrganizationVerificationService,
    AccessPolicy,
    OrganizationService,
    MediaService,
    AuthService,
    AccessTokenService,
    BearerUser,
    AccountRecoveryService,
    MfaService,
    TeamService,
  ],
})
export class IdentityModule {}

/** Identity's API edges: the guard on every GraphQL operation, and the sign-in and organization resolvers. */
@Module({
  imports: [IdentityModule],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    AuthResolver,
    OrganizationResolver,
    MediaResolver,
    AccountRecoveryResolver,
    TeamResolver,
    MfaResolver,
  ],
  controllers: [MediaController],
})
export class IdentityApiModule {}
