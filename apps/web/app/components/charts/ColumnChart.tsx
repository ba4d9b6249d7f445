import { ChartFigure, largestOf, type ChartGroup, type ChartProps } from './ChartFigure';

/** Geometry, in CSS pixels: the scale's label above, the columns, the ticks below. */
const TOP = 22;
const PLOT_HEIGHT = 170;
const TICK_HEIGHT = 22;
/** Share of a group's slot its columns take, the rest a gap between groups. */
const COLUMNS_SHARE = 0.7;

/** A group's name on the axis: long on wide screens, short on narrow ones (the stylesheet shows one of them). */
export interface ColumnGroup extends ChartGroup {
  tick: string;
  shortTick: string;
}

/**
 * Vertical columns drawn on the server as inline SVG, for groups in order (months): one column per series in each
 * group's slot, a line and the largest value for scale. Positions are percentages, so the chart fills any screen;
 * the values themselves are in the table under it.
 */
export function ColumnChart({
  title,
  summary,
  series,
  groups,
  format,
  children,
}: Omit<ChartProps, 'groups'> & { groups: readonly ColumnGroup[] }) {
  const largest = largestOf(groups);
  const slot = 100 / Math.max(1, groups.length);
  const columnWidth = (slot * COLUMNS_SHARE) / series.length;
  const heightOf = (value: number) => (largest > 0 ? (Math.max(0, value) / largest) * PLOT_HEIGHT : 0);
  const bottom = TOP + PLOT_HEIGHT;
  const picture = (
    <svg className="chart__plot" role="img" aria-label={summary} width="100%" height={bottom + TICK_HEIGHT}>
      <line className="chart__grid" x1="0" x2="100%" y1={TOP} y2={TOP} />
      <text className="chart__scale" x="0" y={TOP - 6}>
        {format(largest)}
      </text>
      {groups.map((group, groupIndex) => {
        const left = groupIndex * slot + (slot * (1 - COLUMNS_SHARE)) / 2;
        const middle = `${groupIndex * slot + slot / 2}%`;
        return (
          <g key={group.label}>
            {series.map((serie, index) => {
              const height = heightOf(group.values[index]);
              return (
                <rect
                  key={serie.name}
                  className={`chart__bar chart__bar--${serie.tone}`}
                  x={`${left + index * columnWidth}%`}
                  y={bottom - height}
                  width={`${columnWidth}%`}
                  height={height}
                />
              );
            })}
            <text className="chart__tick chart__tick--long" x={middle} y={bottom + TICK_HEIGHT - 6} textAnchor="middle">
              {group.tick}
            </text>
            <text
              className="chart__tick chart__tick--short"
              x={middle}
              y={bottom + TICK_HEIGHT - 6}
              textAnchor="middle"
            >
              {group.shortTick}
            </text>
          </g>
        );
      })}
      <line className="chart__axis" x1="0" x2="100%" y1={bottom} y2={bottom} />
    </svg>
  );
  return (
    <ChartFigure title={title} series={series} picture={picture}>
      {children}
    </ChartFigure>
  );
}
