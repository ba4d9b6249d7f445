import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { type DeliveryOption, DeliveryOptionService } from '@app/catalog';
import type { AuthUser } from '@app/identity';
import { AppError, ErrorCode, UnitOfWork } from '@app/platform';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderStatus } from './supplier-order-state';

/**
 * A producer closes one delivery day of an option (holidays, a market day, a day off) or opens it again. A closed day
 * is refused to buyers like a day the option does not deliver on (`deliveryDateRefusal`'s `CLOSED`): checkout, the
 * cart quote, the next dates offered, a move to another day, and the standing orders' occurrences, skipped with their
 * reason told to the buyer. A day whose orders are already placed is not closed: the producer moves them first
 * (`changeDeliveryDate`), so that no buyer waits for a delivery that will not come.
 */
@Injectable()
export class DeliveryClosureService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly options: DeliveryOptionService,
  ) {}

  /**
   * Closes `date`; closing a closed day changes nothing. Under the option's row lock (`lockedForDays`, UPDATE): a
   * checkout or a move onto that day holds it shared from its check of the day to its commit, so either its order
   * is counted here (ORDERS_PLACED) or it reads the day closed (CLOSED) — never an order on a closed day.
   */
  async close(user: AuthUser, deliveryOptionId: string, date: string, now: Date = new Date()): Promise<DeliveryOption> {
    return this.unitOfWork.transactional(async (em) => {
      await this.options.ownActiveOption(user, deliveryOptionId, em);
      // The option read again under its lock: the closed days as they are now, not as they were before the lock.
      const [option] = await this.options.lockedForDays(em, [deliveryOptionId], 'UPDATE');
      const refusal = this.options.refusalOf(option, date, now);
      if (refusal === 'CLOSED') return option;
      if (refusal === 'NOT_OPEN')
        throw AppError.badInput('date', `This option does not deliver on ${date}: there is no delivery to close.`);
      if (refusal === 'PAST_CUTOFF')
        throw AppError.badInput(
          'date',
          `Orders for ${date} have already closed: move or cancel that day's orders instead of closing it.`,
        );
      const placed = await this.ordersOn(em, option, date);
      if (placed > 0)
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          `${placed} order${placed > 1 ? 's are' : ' is'} already placed for ${date} with this option: move ${placed > 1 ? 'them' : 'it'} to another day first.`,
          { field: 'date', reason: 'ORDERS_PLACED', orderCount: placed },
        );
      await this.options.saveClosedDates(option, [...option.closedDates, date], now);
      return option;
    });
  }

  /**
   * Opens a closed day again; opening a day not closed changes nothing. Under the same lock as `close`, so that a day
   * closed and another opened at the same moment are both kept (each writes the closed days it read under the lock).
   */
  async reopen(
    user: AuthUser,
    deliveryOptionId: string,
    date: string,
    now: Date = new Date(),
  ): Promise<DeliveryOption> {
    return this.unitOfWork.transactional(async (em) => {
      await this.options.ownActiveOption(user, deliveryOptionId, em);
      const [option] = await this.options.lockedForDays(em, [deliveryOptionId], 'UPDATE');
      if (option.closedDates.includes(date))
        await this.options.saveClosedDates(
          option,
          option.closedDates.filter((day) => day !== date),
          now,
        );
      return option;
    });
  }

  /** The parts not cancelled to be delivered on `date` with this option. */
  private async ordersOn(em: EntityManager, option: DeliveryOption, date: string): Promise<number> {
    const parts = await em.find(
      SupplierOrder,
      { producerId: option.producerId, deliveryDate: date, status: { $ne: SupplierOrderStatus.CANCELLED } },
      { fields: ['id', 'delivery'] },
    );
    return parts.filter((part) => part.delivery.deliveryOptionId === option.id).length;
  }
}
