import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Migration lint (issue #20 item 10, DATA-01): money and stock are whole numbers — integer cents, integer thousandths
 * of a unit — never a binary floating-point or an arbitrary-precision decimal column, whose rounding would make
 * totals drift. The lint reads the SQL of every migration, so a new one with `price_cents double precision` fails
 * here before it reaches a database.
 */
const MIGRATIONS = join(__dirname, 'migrations');
/** Columns that hold money or a quantity of stock, by name. */
const MONEY_OR_STOCK =
  /^(.*_cents|.*_thousandths|.*amount.*|.*price.*|stock.*|.*quantity.*|.*_total|total_.*|.*fee.*)$/;
const INEXACT = /^(real|double precision|float\d*|numeric|decimal|money)\b/i;

/** `"column" type` pairs of the SQL's create table / add column definitions that put money or stock in an inexact type. */
function moneyColumnProblems(sql: string): string[] {
  const problems: string[] = [];
  for (const match of sql.matchAll(
    /"([a-z0-9_]+)"\s+(real|double precision|float\d*|numeric(?:\(\d+,\s*\d+\))?|decimal(?:\(\d+,\s*\d+\))?|money)\b/gi,
  )) {
    const [, column, type] = match;
    if (MONEY_OR_STOCK.test(column) && INEXACT.test(type)) problems.push(`"${column}" ${type}`);
  }
  for (const match of sql.matchAll(
    /alter column "([a-z0-9_]+)" type (real|double precision|float\d*|numeric|decimal|money)\b/gi,
  )) {
    if (MONEY_OR_STOCK.test(match[1])) problems.push(`"${match[1]}" ${match[2]}`);
  }
  return problems;
}

describe('migration lint: money and stock columns (DATA-01)', () => {
  it('refuses money or stock in a floating-point or decimal column, and lets integers and other floats through', () => {
    expect(moneyColumnProblems('create table "x" ("price_cents" double precision not null, "stock" real);')).toEqual([
      '"price_cents" double precision',
      '"stock" real',
    ]);
    expect(moneyColumnProblems('alter table "x" add "refunded_cents" numeric(12,2) null;')).toEqual([
      '"refunded_cents" numeric',
    ]);
    expect(moneyColumnProblems('alter table "x" alter column "amount_cents" type float8;')).toEqual([
      '"amount_cents" float8',
    ]);
    expect(
      moneyColumnProblems(
        'create table "x" ("price_cents" int not null, "stock_thousandths" bigint, "unit_mass_kg" double precision);',
      ),
    ).toEqual([]);
  });

  it('finds none in any migration of the project', () => {
    const files = readdirSync(MIGRATIONS).filter((file) => /^Migration.*\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((file) =>
      moneyColumnProblems(readFileSync(join(MIGRATIONS, file), 'utf8')).map((problem) => `${file}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});
