/**
 * A uPlot chart as a Preact component: series over an x axis of block heights. `stacked` draws each
 * series as the sum of it and those before it, filled down to the previous one (a stacked area
 * chart). Resizes with its container; y-axis labels use SI prefixes so 7-digit values fit.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { si } from './format.js';

/** One line or area of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly values: ReadonlyArray<number | null>;
}

/** Props of a chart. */
export interface ChartProps {
  /** Accessible name and caption. */
  readonly title: string;
  /** x values (block heights). */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly stacked?: boolean;
  readonly height?: number;
  /** Unit shown after y values in the legend. */
  readonly unit?: string;
  /** Test id of the wrapper. */
  readonly id: string;
  /** x values are unix seconds (a time axis) rather than block heights. */
  readonly time?: boolean;
}

/** Tick steps of the height axis: 1, 2, 5, 10, 20, 50, … */
export const HEIGHT_STEPS: number[] = Array.from({ length: 24 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));

/** Significant digits for tick labels `v` spaced `incr` apart. */
export function tickDigits(v: readonly number[], incr: number): number {
  const top = Math.max(...v.map((n) => Math.abs(n)), Math.abs(incr));
  if (!(incr > 0) || !(top > 0)) return 3;
  return Math.min(9, Math.max(3, Math.ceil(Math.log10(top / incr)) + 1));
}

function stackedData(series: readonly ChartSeries[]): number[][] {
  const out: number[][] = [];
  let acc: number[] = [];
  for (const s of series) {
    acc = s.values.map((v, i) => (acc[i] ?? 0) + (v ?? 0));
    out.push(acc);
  }
  return out;
}

/** A chart over block heights. */
export function Chart({ title, x, series, stacked = false, height = 220, unit = '', id, time = false }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const ys = stacked ? stackedData(series) : series.map((s) => s.values as number[]);
  const data = [x as number[], ...ys] as uPlot.AlignedData;
  const shape = `${series.map((s) => s.label).join('|')}|${stacked}|${time}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      scales: { x: { time } },
      axes: [
        time ? { label: 'time' } :
        // Heights are integers: ticks only at whole steps, so no label repeats.
        { label: 'height', incrs: HEIGHT_STEPS, values: (_u, v) => v.map((n) => String(Math.round(n))) },
        // Enough significant digits that neighbouring ticks differ (10.0005 M, not 10.0 M twice).
        { size: (_u, values) => (values ? Math.max(48, Math.ceil(Math.max(...values.map((v) => v.length)) * 7.4) + 16) : 48), values: (_u, v, _a, _s, incr) => v.map((n) => si(n, tickDigits(v, incr))) },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        time ? { label: 'time' } : { label: 'height', value: (_u, v) => (v == null ? '–' : String(v)) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: stacked ? s.color + '55' : undefined,
          value: (_u: uPlot, v: number | null) => {
            if (v == null) return '–';
            const own = stacked ? (series[i].values[_u.cursor.idx ?? 0] ?? v) : v;
            return `${si(own as number, 4)}${unit ? ' ' + unit : ''}`;
          },
        })),
      ],
      bands: stacked ? series.slice(1).map((_s, i) => ({ series: [i + 2, i + 1] as [number, number] })) : undefined,
    };
    plot.current = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return (
    <figure class="chart" data-testid={id}>
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${x.length} points`} />
    </figure>
  );
}
