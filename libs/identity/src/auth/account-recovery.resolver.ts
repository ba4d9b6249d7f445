import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlThrottlerGuard, Public } from '@app/platform';
import { AuthPayloadType, UserType } from '../dto/identity.types';
import type { User } from '../entities/user.entity';
import { AccountRecoveryService } from './account-recovery.service';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './current-user.decorator';

/** A way back in: password reset and e-mail verification (PRODUCT.md §7). */
@Resolver(() => UserType)
export class AccountRecoveryResolver {
  constructor(private readonly recovery: AccountRecoveryService) {}

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => Boolean, {
    description:
      'E-mails a link to choose a new password (valid 1 hour, once) if an account has this address. Always true: the answer tells nothing.',
  })
  requestPasswordReset(@Args('email') email: string) {
    return this.recovery.requestPasswordReset(email);
  }

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => AuthPayloadType, {
    description: "Spends a reset link's token: the new password, every other session ended, and a new session.",
  })
  resetPassword(@Args('token') token: string, @Args('password') password: string) {
    return this.recovery.resetPassword(token, password);
  }

  @Public()
  @UseGuards(GqlThrottlerGuard)
  @Mutation(() => UserType, { description: "Spends a verification link's token: the account's address is verified." })
  verifyEmail(@Args('token') token: string) {
    return this.recovery.verifyEmail(token);
  }

  @Mutation(() => Boolean, {
    description: "E-mails a new verification link to the caller's address; false when it is verified already.",
  })
  requestEmailVerification(@CurrentUser() user: AuthUser) {
    return this.recovery.requestEmailVerification(user.id);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the user proved the address is theirs (verification link, password reset or invitation).',
  })
  emailVerified(@Parent() user: User): boolean {
    return Boolean(user.emailVerifiedAt);
  }
}
