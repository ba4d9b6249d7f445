import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, RATE_LIMIT_STORE, type RateLimitStore } from '@app/platform';

export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Per-account brake on password guessing from many IPs (AUTH-04): after RATE_LIMIT_ACCOUNT_FAILURES failures in
 * 15 minutes the account refuses sign-ins until the window ends. It is a pause, never a permanent lock, so an
 * attacker cannot lock a real user out for good. Unknown e-mails are counted alike, so the brake reveals nothing.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts the attempt before the password is checked, atomically, so that a burst of parallel guesses cannot all
   * read a count under the limit; a success clears the count.
   */
  async countAttempt(email: string): Promise<void> {
    const { count } = await this.store.hit(this.key(email), FAILURE_WINDOW_MS);
    if (count > this.config.rateLimit.accountFailures) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'Too many failed sign-ins for this account; try again in 15 minutes.');
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.store.reset(this.key(email));
  }

  /** Hashed: e-mail addresses stay out of Redis. */
  private key(email: string): string {
    return `sign-in-failures:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
  }
}
