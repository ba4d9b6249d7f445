import { AppError, ErrorCode } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';

/** The support operations are platform admins' alone: anyone else gets FORBIDDEN (they exist, but not for you). */
export function assertPlatformAdmin(user: AuthUser | null | undefined, what = 'This'): asserts user is AuthUser {
  if (!user?.isPlatformAdmin) throw new AppError(ErrorCode.FORBIDDEN, `${what} is for platform admins only.`);
}
