import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #20 item 10, continued (DATA-10): products, delivery options, order lines, invoices and credit notes get the
 * same backstop as the order and payment amounts — the database refuses what the services' checks already refuse
 * (a negative price, fee or minimum, a VAT rate that is not French, a unit without mass, a line of no quantity, a
 * delivery radius or cut-off out of range), whatever code writes it.
 */
export class Migration20261206600000_catalog_and_line_checks extends Migration {
  override name = 'Migration20261206600000_catalog_and_line_checks';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "product" add constraint "product_amounts_check" check (price_cents >= 0 and min_order_thousandths >= 0 and unit_mass_kg > '0' and unit_mass_kg <= '10000' and vat_rate_basis_points in (210, 550, 850, 1000, 2000));`,
    );
    this.addSql(
      `alter table "delivery_option" add constraint "delivery_option_terms_check" check (fee_cents >= 0 and min_order_cents >= 0 and (max_distance_km is null or (max_distance_km > '0' and max_distance_km <= '2000')) and cutoff_hours >= 0 and cutoff_hours <= 336);`,
    );
    this.addSql(
      `alter table "order_line" add constraint "order_line_amounts_check" check (quantity_thousandths > 0 and unit_price_cents >= 0 and total_cents >= 0 and mass_kg >= '0' and vat_rate_basis_points >= 0 and vat_rate_basis_points <= 10000);`,
    );
    this.addSql(
      `alter table "invoice" add constraint "invoice_amounts_check" check (subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0);`,
    );
    this.addSql(
      `alter table "credit_note" add constraint "credit_note_amounts_check" check (subtotal_cents >= 0 and vat_cents >= 0 and total_cents >= 0);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "credit_note" drop constraint "credit_note_amounts_check";`);
    this.addSql(`alter table "invoice" drop constraint "invoice_amounts_check";`);
    this.addSql(`alter table "order_line" drop constraint "order_line_amounts_check";`);
    this.addSql(`alter table "delivery_option" drop constraint "delivery_option_terms_check";`);
    this.addSql(`alter table "product" drop constraint "product_amounts_check";`);
  }
}
