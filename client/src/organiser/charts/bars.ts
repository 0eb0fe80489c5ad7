import { h } from '../../shared/dom';
import { readBarByBar, type BarSpot } from './readout';
import { s } from './svg';
import { chartTable } from './table';

/** One bar of a {@link barChart}. */
export interface Bar {
  value: number;
  /** What it stands for, in full ("20:14"): its row in the chart's table. */
  name: string;
  /** Its axis label; empty for none (a crowded axis labels only some bars). */
  label: string;
  /** The bar in words, shown over it when it is chosen: "20:14: 3 matches". */
  words: string;
}

/** Options for a {@link barChart}. */
export interface BarChartOptions {
  bars: readonly Bar[];
  /** What the chart shows, for screen readers: the name of the picture, the caption of its table. */
  summary: string;
  /** The headings of the table's two columns: what a bar stands for, and what it counts. */
  columns: readonly [string, string];
  /** Print each bar's value above it; best for a handful of wide bars. @default false */
  showValues?: boolean;
  /** Draw the last bar in the accent colour (say, the minute in progress). @default false */
  accentLast?: boolean;
}

/** Drawing units; the SVG scales to its container's width, so these set only proportions. */
const WIDTH = 560;
const HEIGHT = 250;
const PAD = { top: 26, right: 28, bottom: 34, left: 40 };
/** Room above the plot for the accent bar's legend, when there is one. */
const LEGEND_HEIGHT = 24;
/** The widest a bar gets: one minute of data is a bar, not a band across the card. */
const MAX_BAR = 56;
/** Roughly how wide a digit of the axis font (19 units, bold) is: enough to size the left pad. */
const DIGIT_WIDTH = 12;
/** From an axis label's right end to the plot. */
const LABEL_GAP = 8;

/** What the accent bar means, drawn as the chart's legend and read out as its description. */
const ACCENT_LEGEND = 'this minute, so far';
const ACCENT_DESC = 'The last bar, in the accent colour, is the minute in progress: it is still counting.';

/** What the accent bar is called in the table. */
const ACCENT_ROW = '(so far)';

/**
 * A plain inline-SVG bar chart with a zero line, two gridlines and axis labels, and its numbers
 * in a table for screen readers (table.ts). A chart that prints less than its bars carry (a value
 * or a label left off) can be read bar by bar from the keyboard, the mouse or a finger (readout.ts).
 */
export function barChart(o: BarChartOptions): HTMLElement {
  const svg = barPicture(o);
  const rows = o.bars.map((b, i) => ({ name: o.accentLast && i === o.bars.length - 1 ? `${b.name} ${ACCENT_ROW}` : b.name, value: b.value }));
  return h('div', { class: 'chart-frame' }, svg, chartTable(o.summary, o.columns, rows));
}

function barPicture(o: BarChartOptions): SVGSVGElement {
  const top = niceMax(Math.max(0, ...o.bars.map((b) => b.value)));
  const ticks = [0, top / 2, top].map((v) => ({ v, label: Number.isInteger(v) ? axisLabel(v) : '' }));
  // Wide enough for the widest label, so "100" is not cut to "00"; never narrower than before.
  const left = Math.max(PAD.left, LABEL_GAP + 4 + DIGIT_WIDTH * Math.max(...ticks.map((t) => t.label.length)));
  const padTop = PAD.top + (o.accentLast ? LEGEND_HEIGHT : 0);
  const plotW = WIDTH - left - PAD.right;
  const plotH = HEIGHT - padTop - PAD.bottom;
  const slot = plotW / Math.max(1, o.bars.length);
  const gap = Math.min(10, slot * 0.22);
  const w = Math.min(MAX_BAR, Math.max(1, slot - gap));
  const y = (v: number) => padTop + plotH - (v / top) * plotH;

  const grid = ticks.map(({ v, label }) =>
    s(
      'g',
      { class: v === 0 ? 'chart-axis chart-zero' : 'chart-axis' },
      s('line', { x1: left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v) }),
      label ? s('text', { x: left - LABEL_GAP, y: y(v) + 6, 'text-anchor': 'end' }, label) : null,
    ),
  );

  const spots: BarSpot[] = o.bars.map((bar, i) => {
    // Centred in its slot, so a capped bar still stands over its time label.
    const x = left + i * slot + (slot - w) / 2;
    const height = (bar.value / top) * plotH;
    const last = o.accentLast && i === o.bars.length - 1;
    const el = s(
      'g',
      { class: last ? 'chart-bar chart-bar-accent' : 'chart-bar' },
      // A sliver for zero keeps every slot visible, so gaps in time still read as gaps.
      s('rect', { x, y: y(bar.value) - (height > 0 ? 0 : 1), width: w, height: Math.max(1, height), rx: Math.min(4, w / 3) }),
      o.showValues && bar.value > 0
        ? s('text', { class: 'chart-value', x: x + w / 2, y: y(bar.value) - 7, 'text-anchor': 'middle' }, bar.value)
        : null,
      bar.label ? s('text', { class: 'chart-label', x: x + w / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, bar.label) : null,
      // The whole slot, top to bottom, answers the pointer: a bar of zero is a sliver to aim at.
      s('rect', { class: 'chart-hit', x: left + i * slot, y: padTop, width: slot, height: HEIGHT - padTop }),
    );
    return { el, name: bar.name, x: x + w / 2, top: y(bar.value), words: bar.words };
  });

  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': o.summary, preserveAspectRatio: 'xMidYMid meet' },
    o.accentLast ? s('desc', {}, ACCENT_DESC) : null,
    ...grid,
    ...spots.map((b) => b.el),
    o.accentLast ? accentLegend() : null,
  );
  const printsAll = o.showValues && o.bars.every((b) => b.label);
  if (!printsAll) readBarByBar(svg, spots, { left: 0, right: WIDTH });
  return svg;
}

/** A swatch and a few words, top right, over where the accent bar stands. */
function accentLegend(): SVGGElement {
  const right = WIDTH - PAD.right;
  return s(
    'g',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    s('rect', { class: 'chart-legend-swatch', x: right - 14, y: 4, width: 14, height: 14, rx: 3 }),
    s('text', { x: right - 22, y: 17, 'text-anchor': 'end' }, ACCENT_LEGEND),
  );
}

/** An axis number as printed: thousands as "1k", "1.5k", so the labels stay short. */
export function axisLabel(n: number): string {
  return n >= 1000 ? `${Number((n / 1000).toFixed(1))}k` : String(n);
}

/** A round top for the axis at or above `n`, so the gridlines land on easy numbers. */
export function niceMax(n: number): number {
  if (n <= 10) return Math.max(2, Math.ceil(n / 2) * 2);
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 3, 4, 5, 6, 8, 10].find((f) => f * magnitude >= n) ?? 10;
  return step * magnitude;
}
