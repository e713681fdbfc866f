/**
 * A terminal chart of a hashrate series: block-character columns (one per point, resampled to the
 * width), a y axis in H/s with SI units and a time axis, in plain text so it survives pipes.
 */

/** One point: unix seconds and a value. */
export interface ChartPoint {
  readonly time: number;
  readonly value: number;
}

/** Options of a chart. */
export interface ChartOptions {
  /** Columns of the plot area (default 60). */
  readonly width?: number;
  /** Rows of the plot area (default 8). */
  readonly height?: number;
  /** Formats a y value (default: hashes per second with SI units). */
  readonly format?: (v: number) => string;
  /** Formats a time label (default HH:MM in UTC; day views give MM-DD HH:MM). */
  readonly timeLabel?: (t: number) => string;
}

const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Hashes per second with an SI unit: "14.2 MH/s". */
export function hashrateText(h: number): string {
  const units = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s'];
  let v = h;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}

function utc(t: number, withDay: boolean): string {
  const iso = new Date(t * 1000).toISOString();
  return withDay ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

/** Resamples `points` to `width` columns (the mean of the points each column covers). */
function resample(points: readonly ChartPoint[], width: number): number[] {
  if (points.length <= width) return points.map((p) => p.value);
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    const a = Math.floor((c * points.length) / width);
    const b = Math.max(a + 1, Math.floor(((c + 1) * points.length) / width));
    let s = 0;
    for (let i = a; i < b; i++) s += points[i].value;
    out.push(s / (b - a));
  }
  return out;
}

/** The chart's lines (no trailing newline). */
export function renderChart(points: readonly ChartPoint[], o: ChartOptions = {}): string[] {
  const width = o.width ?? 60;
  const height = o.height ?? 8;
  const fmt = o.format ?? hashrateText;
  if (points.length === 0) return ['(no data)'];
  const cols = resample(points, width);
  const max = Math.max(...cols);
  const top = max > 0 ? max : 1;
  const labels = Array.from({ length: height }, (_, r) => (r === 0 ? fmt(top) : r === height - 1 ? fmt(0) : r === Math.floor(height / 2) ? fmt(top / 2) : ''));
  const lw = Math.max(...labels.map((l) => l.length));
  const lines: string[] = [];
  for (let r = 0; r < height; r++) {
    // Row r covers (height - r - 1, height - r] in units of top / height.
    const floor = ((height - r - 1) / height) * top;
    let row = '';
    for (const v of cols) {
      const eighths = Math.round(((v - floor) / (top / height)) * 8);
      row += EIGHTHS[Math.max(0, Math.min(8, eighths))];
    }
    lines.push(`${labels[r].padStart(lw)} │${row}`);
  }
  lines.push(`${' '.repeat(lw)} └${'─'.repeat(cols.length)}`);
  const span = points[points.length - 1].time - points[0].time;
  const label = o.timeLabel ?? ((t: number) => utc(t, span > 86_400));
  const first = label(points[0].time);
  const last = label(points[points.length - 1].time);
  const gap = Math.max(1, cols.length - first.length - last.length);
  lines.push(`${' '.repeat(lw + 2)}${first}${' '.repeat(gap)}${last} UTC`);
  return lines;
}
