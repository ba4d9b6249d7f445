import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { toString as qrCode } from 'qrcode';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  ErrorCode,
  RATE_LIMIT_STORE,
  type RateLimitStore,
  UnitOfWork,
} from '@app/platform';
import { MfaRecoveryCode } from '../../entities/mfa-recovery-code.entity';
import { User } from '../../entities/user.entity';
import type { AuthUser } from '../auth-user';
import { RefreshTokenService } from '../refresh-token.service';
import { assertFreshSignIn } from '../session-lifetime';
import { MFA_REQUIRED, secondFactorMissing } from './mfa-policy';
import {
  looksLikeTotp,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  recoveryCodeHash,
  sealSecret,
  totpStep,
} from './second-factor';

/** Wrong codes per account in 15 minutes before codes are refused for the rest of the window (AUTH-04 for codes). */
export const MFA_CODE_FAILURE_LIMIT = 5;
export const MFA_CODE_WINDOW_MS = 15 * 60_000;
export const MFA_CODE_REQUIRED = 'MFA_CODE_REQUIRED';
export const MFA_CODE_INVALID = 'MFA_CODE_INVALID';

export interface MfaEnrolmentStart {
  secret: string;
  otpauthUri: string;
  qrCodeSvg: string;
}

/**
 * The second factor (AUTH-13): enrolment (a secret made here, shown once as a URI and a QR code, confirmed by a
 * first code), the check of a code at sign-in (a TOTP code of a step never used before, or an unspent recovery
 * code), the brake on wrong codes, and who must have one.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refreshTokens: RefreshTokenService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get key(): string {
    return this.config.auth.mfaEncryptionKey;
  }

  /**
   * A new secret for the caller's authenticator app, kept pending until a code confirms it (the factor in use, if
   * any, stays until then). A change of the second factor needs a sign-in of the last 5 minutes (AUTH-12).
   */
  async startEnrolment(caller: AuthUser, now = new Date()): Promise<MfaEnrolmentStart> {
    assertFreshSignIn(caller, now);
    const secret = newTotpSecret();
    const em = this.unitOfWork.em;
    await em.nativeUpdate(User, { id: caller.id }, { mfaPendingSecret: sealSecret(secret, this.key) });
    const uri = otpauthUri(secret, caller.email);
    this.logger.log({ event: 'mfa.enrolment-started', userId: caller.id }, 'Second factor enrolment started');
    return {
      secret,
      otpauthUri: uri,
      qrCodeSvg: await qrCode(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    };
  }

  /**
   * Confirms the pending secret with a code from the app, in the caller's transaction: the secret becomes the
   * account's factor, the code's step is spent, and ten new recovery codes replace the old ones (returned in clear,
   * once). Refuses a wrong code with BAD_USER_INPUT on `code`, counted like a wrong code at sign-in.
   */
  async confirmEnrolment(em: EntityManager, userId: string, code: string, now = new Date()): Promise<string[]> {
    const user = await em.findOne(User, userId, { populate: ['mfaPendingSecret'] });
    if (!user?.mfaPendingSecret) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Start the enrolment first: no secret is waiting for a code.', {
        field: 'code',
      });
    }
    await this.assertNotBraked(userId);
    const step = totpStep(openSecret(user.mfaPendingSecret, this.key), code, now);
    if (step === undefined) {
      await this.countFailure(userId);
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This code is not the one the app shows now; try the next one.', {
        field: 'code',
      });
    }
    user.mfaSecret = user.mfaPendingSecret;
    user.mfaPendingSecret = null;
    user.mfaEnabledAt = now;
    user.mfaLastStep = step;
    await em.nativeDelete(MfaRecoveryCode, { user: userId });
    const codes = newRecoveryCodes();
    for (const recovery of codes)
      em.persist(em.create(MfaRecoveryCode, { user, codeHash: recoveryCodeHash(recovery) }));
    await em.flush();
    await this.store.reset(this.failureKey(userId));
    this.logger.log({ event: 'mfa.enrolled', userId }, 'Second factor enrolled');
    return codes;
  }

  /**
   * The second step of a sign-in for an enrolled account, after the right password: no code answers
   * UNAUTHENTICATED with `reason: MFA_CODE_REQUIRED` (the client asks for it); a wrong, replayed or spent code
   * `MFA_CODE_INVALID`; more than five wrong codes in 15 minutes RATE_LIMITED. `user` has `mfaSecret` loaded.
   */
  async verifySignInCode(
    em: EntityManager,
    user: User,
    code: string | null | undefined,
    now = new Date(),
  ): Promise<void> {
    const given = code?.trim();
    if (!given) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Enter the code of your authenticator app.', {
        reason: MFA_CODE_REQUIRED,
        field: 'mfaCode',
      });
    }
    await this.assertNotBraked(user.id);
    if (!(await this.spend(em, user, given, now))) {
      await this.countFailure(user.id);
      this.logger.warn({ event: 'mfa.code-refused', userId: user.id }, 'Second factor code refused');
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'This code is wrong or was already used; enter the next one.', {
        reason: MFA_CODE_INVALID,
        field: 'mfaCode',
      });
    }
    await this.store.reset(this.failureKey(user.id));
  }

  /**
   * Whether the caller's session must be refused privileged work (see `mfa-policy.ts`): FORBIDDEN with
   * `reason: MFA_REQUIRED` is thrown by the guard.
   */
  async assertSecondFactor(user: User, sessionHasSecondFactor: boolean, now = new Date()): Promise<void> {
    if (sessionHasSecondFactor) return;
    const em = this.unitOfWork.em;
    const missing = secondFactorMissing({
      privileged: await this.refreshTokens.isPrivileged(em, user),
      enrolled: Boolean(user.mfaEnabledAt),
      sessionHasSecondFactor,
      accountCreatedAt: user.createdAt,
      now,
    });
    if (!missing) return;
    this.logger.warn(
      { event: 'authorization.refused', userId: user.id, reason: MFA_REQUIRED },
      'Second factor required',
    );
    throw new AppError(
      ErrorCode.FORBIDDEN,
      user.mfaEnabledAt
        ? 'Platform admins and brand managers sign in with their authenticator code: sign in again.'
        : 'Platform admins and brand managers need a second factor: set up an authenticator app first.',
      { reason: MFA_REQUIRED },
    );
  }

  /** Whether the user must set up a second factor (privileged, not enrolled). */
  async mustEnrol(user: User): Promise<boolean> {
    if (user.mfaEnabledAt) return false;
    return this.refreshTokens.isPrivileged(this.unitOfWork.em, user);
  }

  /** Spends a TOTP code of a step above the last accepted, or an unspent recovery code, atomically. */
  private async spend(em: EntityManager, user: User, code: string, now: Date): Promise<boolean> {
    if (looksLikeTotp(code)) {
      if (!user.mfaSecret) return false;
      const step = totpStep(openSecret(user.mfaSecret, this.key), code, now);
      if (step === undefined) return false;
      // One conditional update: of two requests with the same code, one moves the step and the other finds none.
      const moved = await em.nativeUpdate(
        User,
        { id: user.id, $or: [{ mfaLastStep: null }, { mfaLastStep: { $lt: step } }] },
        { mfaLastStep: step },
      );
      return moved === 1;
    }
    const spent = await em.nativeUpdate(
      MfaRecoveryCode,
      { user: user.id, codeHash: recoveryCodeHash(code), usedAt: null },
      { usedAt: now },
    );
    if (spent === 1) this.logger.warn({ event: 'mfa.recovery-code-used', userId: user.id }, 'Recovery code spent');
    return spent === 1;
  }

  private async assertNotBraked(userId: string): Promise<void> {
    if ((await this.store.count(this.failureKey(userId))) >= MFA_CODE_FAILURE_LIMIT) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'Too many wrong codes for this account; try again in 15 minutes.');
    }
  }

  private async countFailure(userId: string): Promise<void> {
    await this.store.hit(this.failureKey(userId), MFA_CODE_WINDOW_MS);
  }

  private failureKey(userId: string): string {
    return `mfa-code-failures:${userId}`;
  }
}
