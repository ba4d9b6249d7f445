import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { MfaEnrolmentStartType, MfaEnrolmentType, UserType } from '../../dto/identity.types';
import type { User } from '../../entities/user.entity';
import type { AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';
import { CurrentUser } from '../current-user.decorator';
import { MfaService } from './mfa.service';

/** The second factor of platform admins and brand managers (AUTH-13): enrolment, and whether one is needed. */
@Resolver(() => UserType)
export class MfaResolver {
  constructor(
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
  ) {}

  @Mutation(() => MfaEnrolmentStartType, {
    description:
      'A new TOTP secret for an authenticator app (URI and QR code), pending until confirmMfaEnrolment. Needs a sign-in of the last 5 minutes (reason FRESH_SIGN_IN_REQUIRED).',
  })
  startMfaEnrolment(@CurrentUser() user: AuthUser) {
    return this.mfa.startEnrolment(user);
  }

  @Mutation(() => MfaEnrolmentType, {
    description:
      "Confirms the pending secret with the app's current code: from now on, signing in asks for a code. Ends every other session and returns a new one, and ten recovery codes shown once.",
  })
  confirmMfaEnrolment(@CurrentUser() user: AuthUser, @Args('code') code: string) {
    return this.auth.confirmMfaEnrolment(user, code);
  }

  @ResolveField(() => Boolean, { description: 'Whether signing in asks for a second factor (shown to the user only).' })
  mfaEnabled(@Parent() user: User, @CurrentUser() caller: AuthUser | null): boolean {
    return caller?.id === user.id && Boolean(user.mfaEnabledAt);
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether the user must set up a second factor: a platform admin or brand manager without one (shown to the user only).',
  })
  mfaRequired(@Parent() user: User, @CurrentUser() caller: AuthUser | null): Promise<boolean> | boolean {
    return caller?.id === user.id ? this.mfa.mustEnrol(user) : false;
  }
}
