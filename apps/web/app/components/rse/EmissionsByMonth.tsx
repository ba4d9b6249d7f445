import type { ChartSeries } from '../charts/ChartFigure';
import { ColumnChart } from '../charts/ColumnChart';
import { kgCo2e, monthInitial, monthName, monthTick } from '../../lib/format';
import { DifferenceCell } from './CarbonDifference';

/** The transport's emissions beside the conventional chain's, the two series every carbon chart compares. */
export const EMISSIONS_SERIES: ChartSeries[] = [
  { name: 'Émissions du transport', tone: 'emissions' },
  { name: 'Chaîne classique (référence)', tone: 'baseline' },
];

/** A column of a chart's table before the emissions: its heading, right-aligned when it holds numbers. */
export interface TableColumn {
  label: string;
  num?: boolean;
}

const EMISSIONS_COLUMNS: TableColumn[] = [
  { label: 'Émissions du transport', num: true },
  { label: 'Chaîne classique', num: true },
  { label: 'Écart', num: true },
];

/**
 * The caption and header of a carbon chart's table (by month, by category, by supplier): its own columns, then the
 * transport's emissions, the conventional chain and the difference, the three every such table ends with.
 */
export function EmissionsTableHead({ caption, columns }: { caption: string; columns: TableColumn[] }) {
  return (
    <>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {[...columns, ...EMISSIONS_COLUMNS].map((column) => (
            <th key={column.label} scope="col" className={column.num ? 'num' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}

/** A group of a chart in a sentence: "décembre 2026 : émissions du transport 58,61 kg CO₂e, chaîne classique 1,97 kg CO₂e." */
export const comparison = (what: string, emissions: number, baseline: number) =>
  `${what} : émissions du transport ${kgCo2e(emissions)}, chaîne classique ${kgCo2e(baseline)}.`;

/** A month of the chart: "2026-12", and its figures, or none when nothing was delivered or sold that month. */
export interface EmissionsMonth {
  month: string;
  figures: { emissionsKgCo2e: number; baselineKgCo2e: number } | null;
}

/**
 * Emissions against the conventional chain, month by month: the columns (server-rendered SVG), a sentence per month
 * for screen readers, and the table that holds every figure with the difference in words. The buyer's report and
 * the brand's dashboard draw it alike.
 */
export function EmissionsByMonth({
  title,
  months,
  emptyMonth,
}: {
  title: string;
  months: EmissionsMonth[];
  /** What a month without figures says: "aucune livraison". */
  emptyMonth: string;
}) {
  return (
    <ColumnChart
      title={title}
      summary={months
        .flatMap(({ month, figures }) =>
          figures ? [comparison(monthName(month), figures.emissionsKgCo2e, figures.baselineKgCo2e)] : [],
        )
        .join(' ')}
      series={EMISSIONS_SERIES}
      groups={months.map(({ month, figures }) => ({
        label: monthName(month),
        tick: monthTick(month),
        shortTick: monthInitial(month),
        values: [figures?.emissionsKgCo2e ?? 0, figures?.baselineKgCo2e ?? 0],
      }))}
      format={kgCo2e}
    >
      <table>
        <EmissionsTableHead caption={title} columns={[{ label: 'Mois' }]} />
        <tbody>
          {months.map(({ month, figures }) => (
            <tr key={month}>
              <th scope="row">{monthName(month)}</th>
              {figures ? (
                <>
                  <td className="num">{kgCo2e(figures.emissionsKgCo2e)}</td>
                  <td className="num">{kgCo2e(figures.baselineKgCo2e)}</td>
                  <DifferenceCell savedKgCo2e={figures.baselineKgCo2e - figures.emissionsKgCo2e} />
                </>
              ) : (
                <td colSpan={3} className="muted">
                  {emptyMonth}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ColumnChart>
  );
}
