import type { ReactNode } from 'react';
import type { ChartSeries } from '../charts/ChartFigure';
import { ChartTable, ColumnCell, type TableColumn } from '../charts/ChartTable';
import { ColumnChart } from '../charts/ColumnChart';
import { kgCo2e, monthInitial, monthName, monthTick } from '../../lib/format';
import { DifferenceCell } from './CarbonDifference';

/** The transport's emissions beside the conventional chain's, the two series every carbon chart compares. */
export const EMISSIONS_SERIES: ChartSeries[] = [
  { name: 'Émissions du transport', tone: 'emissions' },
  { name: 'Chaîne classique (référence)', tone: 'baseline' },
];

const EMISSIONS: TableColumn = { label: 'Émissions du transport', num: true };
const BASELINE: TableColumn = { label: 'Chaîne classique', num: true };
const DIFFERENCE: TableColumn = { label: 'Écart', num: true };

/**
 * The table of a carbon chart (by month, by category, by supplier): its own columns, then the transport's emissions,
 * the conventional chain and the difference, the three every such table ends with (`EmissionsCells`).
 */
export function EmissionsTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: TableColumn[];
  children: ReactNode;
}) {
  return (
    <ChartTable caption={caption} columns={[...columns, EMISSIONS, BASELINE, DIFFERENCE]}>
      {children}
    </ChartTable>
  );
}

/** The three cells every row of a carbon table ends with: emissions, the conventional chain, the difference in words. */
export function EmissionsCells({
  emissionsKgCo2e,
  baselineKgCo2e,
  savedKgCo2e,
}: {
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  /** The difference, baseline − emissions (the API's own when it gives it). */
  savedKgCo2e: number;
}) {
  return (
    <>
      <ColumnCell column={EMISSIONS}>{kgCo2e(emissionsKgCo2e)}</ColumnCell>
      <ColumnCell column={BASELINE}>{kgCo2e(baselineKgCo2e)}</ColumnCell>
      <DifferenceCell savedKgCo2e={savedKgCo2e} column={DIFFERENCE} />
    </>
  );
}

/** A group of a chart in a sentence: "décembre 2026 : émissions du transport 58,61 kg CO₂e, chaîne classique 1,97 kg CO₂e." */
export const comparison = (what: string, emissions: number, baseline: number) =>
  `${what}\u00a0: émissions du transport ${kgCo2e(emissions)}, chaîne classique ${kgCo2e(baseline)}.`;

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
      summary={
        months
          .flatMap(({ month, figures }) =>
            figures ? [comparison(monthName(month), figures.emissionsKgCo2e, figures.baselineKgCo2e)] : [],
          )
          .join(' ') || `Chaque mois de la période\u00a0: ${emptyMonth}.`
      }
      series={EMISSIONS_SERIES}
      groups={months.map(({ month, figures }) => ({
        label: monthName(month),
        tick: monthTick(month),
        shortTick: monthInitial(month),
        values: [figures?.emissionsKgCo2e ?? 0, figures?.baselineKgCo2e ?? 0],
      }))}
      format={kgCo2e}
    >
      <EmissionsTable caption={title} columns={[{ label: 'Mois' }]}>
        {months.map(({ month, figures }) => (
          <tr key={month}>
            <th scope="row">{monthName(month)}</th>
            {figures ? (
              <EmissionsCells
                emissionsKgCo2e={figures.emissionsKgCo2e}
                baselineKgCo2e={figures.baselineKgCo2e}
                savedKgCo2e={figures.baselineKgCo2e - figures.emissionsKgCo2e}
              />
            ) : (
              <td colSpan={3} className="muted">
                {emptyMonth}
              </td>
            )}
          </tr>
        ))}
      </EmissionsTable>
    </ColumnChart>
  );
}
