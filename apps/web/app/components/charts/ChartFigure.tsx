import { useId, type ReactNode } from 'react';

/** What a series stands for; its colour and its fill come from the stylesheet (design tokens), never from markup. */
export type SeriesTone = 'emissions' | 'baseline' | 'sales';

export interface ChartSeries {
  name: string;
  tone: SeriesTone;
}

export interface ChartGroup {
  /** The group's name in the table and, shortened if need be, in the picture. */
  label: string;
  /** One value per series, in the order of the series. */
  values: number[];
}

/** The largest value of the chart, its scale (0 when every value is 0 or less). */
export const largestOf = (groups: readonly ChartGroup[]): number =>
  Math.max(0, ...groups.flatMap((group) => group.values));

/** What every chart of the pages is given: a title, its sentence, the series, the groups, how values read, its table. */
export interface ChartProps {
  title: string;
  /** The chart said in a sentence: the picture's accessible name. */
  summary: string;
  series: readonly ChartSeries[];
  groups: readonly ChartGroup[];
  format: (value: number) => string;
  /** The table that holds every figure of the chart. */
  children: ReactNode;
}

/**
 * A chart and its table: a captioned figure with its picture (inline SVG, one image for assistive technologies), a
 * legend when there are several series — told apart by fill as well as by colour — and, always shown under the
 * picture, the table that holds every figure.
 */
export function ChartFigure({
  title,
  series,
  picture,
  children,
}: {
  title: string;
  series: readonly ChartSeries[];
  picture: ReactNode;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart__title">
        {title}
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((serie) => (
            <li key={serie.name}>
              <span className={`chart__swatch chart__swatch--${serie.tone}`} />
              {serie.name}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chart__picture">{picture}</div>
      {/* Focusable, so that a keyboard can scroll a table wider than its screen (a phone shows wide ones as cards). */}
      <div
        className="table-scroll chart__table"
        tabIndex={0}
        role="region"
        aria-label={`${title}\u00a0: tableau des valeurs`}
      >
        {children}
      </div>
    </figure>
  );
}
