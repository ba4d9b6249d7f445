import { Inject, Injectable } from '@nestjs/common';
import { assertPlatformAdmin, type AuthUser } from '@app/identity';
import { APP_CONFIG, type AppConfig, AppError, AuditLog, UnitOfWork } from '@app/platform';
import { commissionBasisPoints } from '../card/charge-split';
import { CommissionRate } from './commission-rate.entity';

/** The highest commission an admin may set, as the setting allows (PLATFORM_COMMISSION_RATE ≤ 0.5). */
const MAX_RATE = 0.5;

export interface CurrentCommission {
  basisPoints: number;
  setAt: Date | null;
  setById: string | null;
}

/** The platform's commission: the latest rate an admin recorded, or the setting until one does. */
@Injectable()
export class CommissionService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The rate now, read in the current unit of work (a payment starting reads it in its own transaction). */
  async current(): Promise<CurrentCommission> {
    const [latest] = await this.unitOfWork.em.find(
      CommissionRate,
      {},
      { orderBy: { setAt: 'desc', id: 'desc' }, limit: 1 },
    );
    return latest
      ? { basisPoints: latest.basisPoints, setAt: latest.setAt, setById: latest.setById }
      : { basisPoints: commissionBasisPoints(this.config.payments.commissionRate), setAt: null, setById: null };
  }

  async currentFor(admin: AuthUser): Promise<CurrentCommission> {
    assertPlatformAdmin(admin, 'The commission rate');
    return this.current();
  }

  /** Records a new rate (between 0 and 0.5, in whole basis points) for the payments started from now on. */
  async set(admin: AuthUser, rate: number): Promise<CurrentCommission> {
    assertPlatformAdmin(admin, 'Setting the commission');
    const basisPoints = commissionBasisPoints(rate);
    if (!Number.isFinite(rate) || rate < 0 || rate > MAX_RATE)
      throw AppError.badInput('rate', 'The commission is a rate between 0 and 0.5 (0.05 = 5 %).');
    if (Math.abs(rate * 10_000 - basisPoints) > 1e-6)
      throw AppError.badInput('rate', 'The commission is set in hundredths of a percent at most (0.0525 = 5.25 %).');
    return this.unitOfWork.transactional(async (em) => {
      const before = await this.current();
      const row = em.create(CommissionRate, { basisPoints, setById: admin.id });
      em.persist(row);
      this.audit.record(em, {
        actorId: admin.id,
        action: 'commission.set',
        targetType: 'Commission',
        targetId: row.id,
        details: { fromBasisPoints: before.basisPoints, toBasisPoints: basisPoints },
      });
      await em.flush();
      return { basisPoints, setAt: row.setAt, setById: admin.id };
    });
  }
}
