import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux.

/** utime + stime of a process in ms (from /proc), 0 once it is gone: the CPU a bench's API or backend spent. */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** One measured scenario, next to its floor on the same machine in the same run. */
export interface BenchFigure {
  scenario: string;
  unit: string;
  figure: number;
  floor: number;
  target: number;
  higherIsBetter: boolean;
  runs: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const meetsTarget = (figure: BenchFigure): boolean =>
  figure.higherIsBetter ? figure.figure >= figure.target : figure.figure <= figure.target;

const format = (value: number) => (value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

/** The Markdown table row of a figure: figure, floor, ratio to the floor, target, met or not. */
export function tableRow(figure: BenchFigure): string {
  const ratio = figure.higherIsBetter ? figure.figure / figure.floor : figure.floor / figure.figure;
  return `| ${figure.scenario} | ${format(figure.figure)} ${figure.unit} | ${format(figure.floor)} ${figure.unit} | ${(ratio * 100).toFixed(1)} % of the floor | ${figure.higherIsBetter ? '≥' : '≤'} ${format(figure.target)} | ${meetsTarget(figure) ? 'met' : 'missed'} |`;
}
