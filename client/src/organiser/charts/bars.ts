import { s } from './svg';

/** One bar: its value, its axis label (empty for none), and the words a hover shows. */
export interface Bar {
  value: number;
  label: string;
  title: string;
}

/** Options for a {@link barChart}. */
export interface BarChartOptions {
  bars: readonly Bar[];
  /** What the chart shows, for screen readers. */
  summary: string;
  /** Print each bar's value above it; best for a handful of wide bars. @default false */
  showValues?: boolean;
  /** Draw the last bar in the accent colour (say, the minute in progress). @default false */
  accentLast?: boolean;
}

/** Drawing units; the SVG scales to its container's width, so these set only proportions. */
const WIDTH = 560;
const HEIGHT = 250;
const PAD = { top: 26, right: 28, bottom: 34, left: 40 };

/** A plain inline-SVG bar chart with a zero line, two gridlines and axis labels. */
export function barChart(o: BarChartOptions): SVGSVGElement {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(0, ...o.bars.map((b) => b.value)));
  const slot = plotW / Math.max(1, o.bars.length);
  const gap = Math.min(10, slot * 0.22);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;

  const grid = [0, top / 2, top].map((v) =>
    s(
      'g',
      { class: v === 0 ? 'chart-axis chart-zero' : 'chart-axis' },
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v) }),
      Number.isInteger(v) ? s('text', { x: PAD.left - 8, y: y(v) + 6, 'text-anchor': 'end' }, v) : null,
    ),
  );

  const bars = o.bars.map((bar, i) => {
    const x = PAD.left + i * slot + gap / 2;
    const w = Math.max(1, slot - gap);
    const h = (bar.value / top) * plotH;
    const last = o.accentLast && i === o.bars.length - 1;
    return s(
      'g',
      { class: last ? 'chart-bar chart-bar-accent' : 'chart-bar' },
      s('title', {}, bar.title),
      // A sliver for zero keeps every slot visible, so gaps in time still read as gaps.
      s('rect', { x, y: y(bar.value) - (h > 0 ? 0 : 1), width: w, height: Math.max(1, h), rx: Math.min(4, w / 3) }),
      o.showValues && bar.value > 0
        ? s('text', { class: 'chart-value', x: x + w / 2, y: y(bar.value) - 7, 'text-anchor': 'middle' }, bar.value)
        : null,
      bar.label ? s('text', { class: 'chart-label', x: x + w / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, bar.label) : null,
    );
  });

  return s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': o.summary, preserveAspectRatio: 'xMidYMid meet' },
    ...grid,
    ...bars,
  );
}

/** A round top for the axis at or above `n`, so the gridlines land on easy numbers. */
export function niceMax(n: number): number {
  if (n <= 10) return Math.max(2, Math.ceil(n / 2) * 2);
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 3, 4, 5, 6, 8, 10].find((f) => f * magnitude >= n) ?? 10;
  return step * magnitude;
}
