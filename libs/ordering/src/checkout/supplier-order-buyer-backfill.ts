import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InvalidFieldNameException, TableNotFoundException } from '@mikro-orm/core';
import { UnitOfWork } from '@app/platform';

/**
 * Supplier orders written without their buyer organization take it from their order, at start: those of an embedded
 * SQLite file made before the column existed (the schema update adds it empty), and on PostgreSQL those an API still
 * on the previous version placed during a deployment, after the migration's own backfill. Without it they would be
 * missing from their buyer's RSE reports. Idempotent; a failure is logged and never stops the start.
 */
@Injectable()
export class SupplierOrderBuyerBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('SupplierOrderBuyerBackfill');

  constructor(private readonly unitOfWork: UnitOfWork) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.unitOfWork.run(() =>
        this.unitOfWork.em.execute(
          `update supplier_order set buyer_organization_id = (select o.buyer_organization_id from customer_order o where o.id = supplier_order.order_id)
         where buyer_organization_id is null and order_id in (select id from customer_order where buyer_organization_id is not null)`,
        ),
      );
    } catch (error) {
      // A database not migrated yet (the CLI that is about to migrate it): the migration backfills the column itself.
      if (error instanceof TableNotFoundException || error instanceof InvalidFieldNameException) return;
      this.logger.warn(
        { err: error },
        'Could not give older supplier orders their buyer organization; RSE reports may miss them until the next start.',
      );
    }
  }
}
