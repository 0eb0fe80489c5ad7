import { s } from './svg';

/** A bar as the readout needs it: where it stands in the drawing, and what it says. */
export interface BarSpot {
  /** Its group in the chart, marked while it is chosen. */
  el: SVGGElement;
  /** What it stands for ("20:14"): a chosen bar stays chosen across a redraw by it. */
  name: string;
  /** The centre of the bar, across, and its top, in the drawing's units. */
  x: number;
  top: number;
  /** What the readout shows: "20:14: 3 matches". */
  words: string;
}

/** From the words' baseline up to the top of their backing, and the backing's margin, in drawing units. */
const ASCENT = 17;
const DESCENT = 6;
const MARGIN = 6;

/**
 * Lets a chart be read bar by bar when its bars carry more than it prints (a value, a time): the
 * words a mouse's hover text once held, shown over the chosen bar, for everyone. The chart is one
 * Tab stop however many bars it has; once it has the focus, ← and → (Home, End) choose a bar,
 * starting from the newest. Pointing at a bar, or tapping it, chooses it too. Escape, or leaving,
 * puts the words away. Screen readers have every value in the chart's table (table.ts), so the
 * readout is hidden from them.
 *
 * `plot` is the drawing's left and right edges, which the words never cross.
 */
export function readBarByBar(svg: SVGSVGElement, spots: readonly BarSpot[], plot: { left: number; right: number }): void {
  const text = s('text', {});
  const backing = s('rect', { class: 'chart-readout-backing', rx: 4 });
  const readout = s('g', { class: 'chart-readout', 'aria-hidden': 'true', display: 'none' }, backing, text);
  svg.append(readout);
  svg.setAttribute('tabindex', '0');
  let chosen: number | null = null;

  const choose = (i: number) => {
    const spot = spots[i]!;
    if (chosen !== null) spots[chosen]!.el.classList.remove('chart-bar-chosen');
    chosen = i;
    spot.el.classList.add('chart-bar-chosen');
    svg.dataset.chosen = spot.name;
    text.textContent = spot.words;
    readout.removeAttribute('display');
    // Measured once drawn; over its bar, but slid inwards rather than cut at either edge.
    const width = text.getComputedTextLength();
    const x = Math.min(Math.max(spot.x - width / 2, plot.left + MARGIN), plot.right - MARGIN - width);
    const y = Math.max(ASCENT + 2, spot.top - 10);
    text.setAttribute('x', String(x));
    text.setAttribute('y', String(y));
    for (const [name, value] of Object.entries({ x: x - MARGIN, y: y - ASCENT, width: width + 2 * MARGIN, height: ASCENT + DESCENT })) {
      backing.setAttribute(name, String(value));
    }
  };
  const putAway = () => {
    if (chosen !== null) spots[chosen]!.el.classList.remove('chart-bar-chosen');
    chosen = null;
    // Still the page's focus when it is the window that lost it: the same bar on coming back.
    if (document.activeElement !== svg) delete svg.dataset.chosen;
    readout.setAttribute('display', 'none');
  };
  const newest = () => spots.length - 1;

  svg.addEventListener('focus', () => {
    if (chosen !== null || spots.length === 0) return;
    // After a redraw (views/charts.ts) the bar that was chosen, if it is still drawn.
    const again = spots.findIndex((b) => b.name === svg.dataset.chosen);
    choose(again >= 0 ? again : newest());
  });
  svg.addEventListener('blur', putAway);
  svg.addEventListener('keydown', (e) => {
    const from = chosen ?? newest() + 1;
    const to: Record<string, number> = {
      ArrowLeft: Math.max(0, from - 1),
      ArrowDown: Math.max(0, from - 1),
      ArrowRight: Math.min(newest(), chosen === null ? newest() : from + 1),
      ArrowUp: Math.min(newest(), chosen === null ? newest() : from + 1),
      Home: 0,
      End: newest(),
    };
    if (e.key === 'Escape') {
      putAway();
      delete svg.dataset.chosen;
    } else if (e.key in to && spots.length > 0) choose(to[e.key]!);
    else return;
    e.preventDefault();
  });
  svg.addEventListener('pointerover', (e) => {
    const bar = (e.target as Element).closest('.chart-bar');
    const i = spots.findIndex((b) => b.el === bar);
    if (i >= 0) choose(i);
  });
  svg.addEventListener('pointerleave', (e) => {
    // A finger "leaves" as it lifts, before the tap has focused the chart: its choice stays
    // until the focus goes elsewhere.
    if (e.pointerType !== 'touch' && document.activeElement !== svg) putAway();
  });
}
