import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #20 item 10 (DATA-10): the database refuses a negative amount on orders, payments, refunds and transfers,
 * and a refund above its payment, whatever code writes it (the `int` columns already refuse what does not fit in 32
 * bits; the product's stock has had its own check since the ordering migration).
 */
export class Migration20261205160100_money_checks extends Migration {
  override name = 'Migration20261205160100_money_checks';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "customer_order" add constraint "customer_order_amounts_check" check (subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0);`,
    );
    this.addSql(
      `alter table "supplier_order" add constraint "supplier_order_amounts_check" check (goods_cents >= 0 and fee_cents >= 0 and subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0);`,
    );
    this.addSql(
      `alter table "payment" add constraint "payment_amounts_check" check (amount_cents >= 0 and refunded_cents >= 0 and refunded_cents <= amount_cents);`,
    );
    this.addSql(`alter table "payment_refund" add constraint "payment_refund_amount_check" check (amount_cents >= 0);`);
    this.addSql(
      `alter table "producer_transfer" add constraint "producer_transfer_amounts_check" check (amount_cents >= 0 and commission_cents >= 0 and refunded_cents >= 0 and reversed_cents >= 0);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "producer_transfer" drop constraint "producer_transfer_amounts_check";`);
    this.addSql(`alter table "payment_refund" drop constraint "payment_refund_amount_check";`);
    this.addSql(`alter table "payment" drop constraint "payment_amounts_check";`);
    this.addSql(`alter table "supplier_order" drop constraint "supplier_order_amounts_check";`);
    this.addSql(`alter table "customer_order" drop constraint "customer_order_amounts_check";`);
  }
}
