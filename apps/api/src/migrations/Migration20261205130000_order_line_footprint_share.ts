import { Migration } from '@mikro-orm/migrations';

/**
 * Each order line keeps its share of its supplier order's footprint in its own columns (issue #24: an RSE export of
 * a million lines parsed 3.3 kB of footprint JSON per supplier order to read five lines' shares). The existing lines
 * are filled from the footprint they are part of: the n-th line by position is the footprint's n-th line, the order
 * in which checkout and every recomputation built it.
 */
export class Migration20261205130000_order_line_footprint_share extends Migration {
  override name = 'Migration20261205130000_order_line_footprint_share';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "order_line" add column "carbon_mass_share" double precision null, add column "carbon_tkm" double precision null, add column "carbon_emissions_kg_co2e" double precision null, add column "carbon_baseline_kg_co2e" double precision null, add column "carbon_saved_kg_co2e" double precision null, add column "carbon_baseline_scenario_id" varchar(120) null;`,
    );
    this.addSql(
      `update "order_line" l set "carbon_mass_share" = (x."share"->>'massShare')::double precision, "carbon_tkm" = (x."share"->>'tkm')::double precision, "carbon_emissions_kg_co2e" = (x."share"->>'emissionsKgCo2e')::double precision, "carbon_baseline_kg_co2e" = (x."share"->>'baselineKgCo2e')::double precision, "carbon_saved_kg_co2e" = (x."share"->>'savedKgCo2e')::double precision, "carbon_baseline_scenario_id" = x."share"->'baselineFactorIds'->>0
       from (select ol."id", s."carbon"->'lines'->((row_number() over (partition by ol."supplier_order_id" order by ol."position") - 1)::int) as "share"
             from "order_line" ol join "supplier_order" s on s."id" = ol."supplier_order_id") x
       where x."id" = l."id" and x."share" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "order_line" drop column "carbon_mass_share", drop column "carbon_tkm", drop column "carbon_emissions_kg_co2e", drop column "carbon_baseline_kg_co2e", drop column "carbon_saved_kg_co2e", drop column "carbon_baseline_scenario_id";`,
    );
  }
}
