import { Migration } from '@mikro-orm/migrations';

export class Migration20261204235600_supplier_order_payment_status extends Migration {
  override name = 'Migration20261204235600_supplier_order_payment_status';

  override up(): void | Promise<void> {
    this.addSql(`alter table "supplier_order" add "payment_status" text not null default 'NOT_REQUIRED';`);
    this.addSql(
      `alter table "supplier_order" add constraint "supplier_order_payment_status_check" check ("payment_status" in ('NOT_REQUIRED', 'AWAITING', 'PAID', 'EXPIRED', 'REFUNDED'));`,
    );
    // Card parts written before: paid if their order's payment went through, refunded if it went back, else awaiting.
    this.addSql(
      `update "supplier_order" s set "payment_status" = case when p."status" in ('SUCCEEDED', 'PARTIALLY_REFUNDED') then 'PAID' when p."status" = 'REFUNDED' then 'REFUNDED' when s."status" = 'CANCELLED' then 'NOT_REQUIRED' else 'AWAITING' end from "customer_order" o left join "payment" p on p."order_id" = o."id" where o."id" = s."order_id" and o."payment_method" = 'CARD';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "supplier_order" drop constraint "supplier_order_payment_status_check";`);
    this.addSql(`alter table "supplier_order" drop column "payment_status";`);
  }
}
