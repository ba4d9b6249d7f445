import { ChartFigure, largestOf, type ChartProps } from './ChartFigure';

/** Geometry, in CSS pixels: a label line above each group's bars. */
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const GROUP_GAP = 14;
/** The longest bar, as a share of the width: the rest holds its value. */
const LONGEST_BAR = 0.6;
const LONGEST_LABEL = 42;

const shortLabel = (label: string) => (label.length > LONGEST_LABEL ? `${label.slice(0, LONGEST_LABEL - 1)}…` : label);

/**
 * Horizontal bars drawn on the server as inline SVG, for groups with names (categories, suppliers, producers): for
 * each group one bar per series, its value written beside it. Widths are percentages, so the chart fills any screen
 * with its text at the normal size.
 */
export function BarChart({ title, summary, series, groups, format, children }: ChartProps) {
  const largest = largestOf(groups);
  const groupHeight = LABEL_HEIGHT + series.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const widthOf = (value: number) => (largest > 0 ? (Math.max(0, value) / largest) * LONGEST_BAR * 100 : 0);
  const picture = (
    <svg className="chart__plot" role="img" aria-label={summary} width="100%" height={groups.length * groupHeight}>
      {groups.map((group, groupIndex) => {
        const top = groupIndex * groupHeight;
        return (
          <g key={group.label}>
            <text className="chart__label" x="0" y={top + LABEL_HEIGHT - 6}>
              {shortLabel(group.label)}
            </text>
            {series.map((serie, index) => {
              const y = top + LABEL_HEIGHT + index * (BAR_HEIGHT + BAR_GAP);
              const width = widthOf(group.values[index]);
              return (
                <g key={serie.name}>
                  <rect
                    className={`chart__bar chart__bar--${serie.tone}`}
                    x="1"
                    y={y}
                    width={`${width}%`}
                    height={BAR_HEIGHT}
                  />
                  <text className="chart__value" x={`${width + 1.5}%`} y={y + BAR_HEIGHT - 4}>
                    {format(group.values[index])}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
  return (
    <ChartFigure title={title} series={series} picture={picture}>
      {children}
    </ChartFigure>
  );
}
