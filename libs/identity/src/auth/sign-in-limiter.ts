import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, RATE_LIMIT_STORE, type RateLimitStore } from '@app/platform';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** How long an address that signed in to an account stays known to it. */
export const KNOWN_DEVICE_MS = 30 * 24 * 3_600_000;
const PROBE_WINDOW_MS = 60_000;

const hashed = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
/** Whether an attempt was counted against the account as a whole (it was not for a known address). */
export interface CountedAttempt {
  accountCounted: boolean;
}

const paused = () =>
  new AppError(ErrorCode.RATE_LIMITED, 'Too many failed sign-ins for this account; try again in 15 minutes.');

/**
 * Brakes on password guessing (AUTH-04) that an attacker cannot turn against the account's owner:
 * - per account and address: RATE_LIMIT_ACCOUNT_FAILURES attempts in 15 minutes from one address, then that address
 *   waits for the window to end;
 * - per account, across addresses (guessing from many machines): the same number in 15 minutes, then the account
 *   pauses — but not for an address that signed in to it before (a "known device", remembered 30 days), so the
 *   owner still gets in with the right password while strangers' guesses wait;
 * - per address, across accounts: each failed sign-in and each sign-up refused because the address is taken is a
 *   probe; RATE_LIMIT_AUTH_PER_MINUTE probes a minute, then RATE_LIMITED, so neither form tests a list of e-mails.
 * Each is a pause, never a permanent lock. Unknown e-mails are counted alike, so the brakes reveal nothing; keys
 * are hashed, so neither e-mails nor addresses are stored in Redis.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts the attempt before the password is checked, atomically, so that a burst of parallel guesses cannot all
   * read a count under the limit. What it counted is given back to `recordSuccess`: a sign-in that succeeds was no
   * guess, so it leaves the counts as they were before it.
   */
  async countAttempt(email: string, ip: string | undefined): Promise<CountedAttempt> {
    const limit = this.config.rateLimit.accountFailures;
    const from = ip ?? 'unknown';
    if ((await this.store.hit(this.pairKey(email, from), FAILURE_WINDOW_MS)).count > limit) throw paused();
    if (await this.isKnown(email, from)) return { accountCounted: false };
    if ((await this.store.hit(this.accountKey(email), FAILURE_WINDOW_MS)).count > limit) throw paused();
    return { accountCounted: true };
  }

  /** The password was right: the address's failures are forgiven, and it is known to the account from now on. */
  async recordSuccess(email: string, ip: string | undefined, attempt: CountedAttempt): Promise<void> {
    const from = ip ?? 'unknown';
    await this.store.reset(this.pairKey(email, from));
    if (attempt.accountCounted) await this.store.unhit(this.accountKey(email));
    await this.store.reset(this.deviceKey(email, from));
    await this.store.hit(this.deviceKey(email, from), KNOWN_DEVICE_MS);
  }

  /** The account proved its owner another way (a password reset through its e-mail): its pause ends now. */
  async clearAccount(email: string): Promise<void> {
    await this.store.reset(this.accountKey(email));
  }

  /** A failed sign-in, or a sign-up for an address already taken: RATE_LIMITED past the per-minute allowance. */
  async countProbe(ip: string | undefined): Promise<void> {
    const { count } = await this.store.hit(`auth-probes:${hashed(ip ?? 'unknown')}`, PROBE_WINDOW_MS);
    if (count > this.config.rateLimit.authPerMinute) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'Too many attempts from this address; try again in a minute.');
    }
  }

  private async isKnown(email: string, ip: string): Promise<boolean> {
    return (await this.store.count(this.deviceKey(email, ip))) > 0;
  }

  private accountKey(email: string): string {
    return `sign-in-failures:${hashed(email)}`;
  }

  private pairKey(email: string, ip: string): string {
    return `sign-in-failures-ip:${hashed(email)}:${hashed(ip)}`;
  }

  private deviceKey(email: string, ip: string): string {
    return `sign-in-device:${hashed(email)}:${hashed(ip)}`;
  }
}
