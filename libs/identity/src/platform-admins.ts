import type { MikroORM } from '@mikro-orm/core';
import { normalizeEmail } from './auth/auth.service';
import { User } from './entities/user.entity';

/** Makes an existing account a platform admin (support, refunds, commission). Run by `npm run admin:grant`. */
export async function grantPlatformAdmin(orm: MikroORM, email: string): Promise<boolean> {
  const updated = await orm.em.fork().nativeUpdate(User, { email: normalizeEmail(email) }, { isPlatformAdmin: true });
  return updated === 1;
}
