import { AuditLog, type UnitOfWork } from '@app/platform';
import { normalizeEmail } from './auth/email-address';
import { User } from './entities/user.entity';

/**
 * Makes an existing account a platform admin (support, refunds, commission). Run by `npm run admin:grant`; the grant
 * is written to the audit log (by the command line: no actor) in the same transaction.
 */
export async function grantPlatformAdmin(unitOfWork: UnitOfWork, email: string): Promise<boolean> {
  return unitOfWork.transactional(async (em) => {
    const user = await em.findOne(User, { email: normalizeEmail(email) });
    if (!user) return false;
    if (!user.isPlatformAdmin) {
      await em.nativeUpdate(User, { id: user.id }, { isPlatformAdmin: true });
      new AuditLog(unitOfWork).record(em, {
        actorId: null,
        action: 'platform-admin.granted',
        targetType: 'User',
        targetId: user.id,
        reason: 'npm run admin:grant',
        details: { email: user.email },
      });
    }
    return true;
  });
}
