import type { Stats } from '../../../../shared/schemas';
import { fill, h } from '../../shared/dom';
import { barChart } from '../charts/bars';
import { topicCloud } from '../charts/cloud';
import { hhmm } from '../../shared/time';
import { bucketLabel, matches, waits } from '../format';
import type { Model } from '../model';
import { card, FIGURES_LOADING, whenChanged, type Part } from './part';

/** How many minutes the matches-per-minute chart shows, ending now. */
const MINUTES_SHOWN = 30;

/**
 * A card that redraws its chart only when its slice of the stats changed. With nothing to draw it
 * says `empty`: what will show, while the event is on, and what there was (`ended`) after it;
 * before the first figures, only that they are on their way.
 */
function chartCard<T>(
  name: string,
  title: string,
  slice: (s: Stats, m: Model) => T,
  draw: (data: T) => Node | null,
  empty: { open: string; ended: string },
): Part {
  const body = h('div', { class: 'chart-body', data: { chart: name } });
  const el = card(name, title, body);
  const update = whenChanged(
    (m) => JSON.stringify([m.stats ? slice(m.stats, m) : '', m.event?.status === 'ended']),
    (m) => {
      const chart = m.stats ? draw(slice(m.stats, m)) : null;
      const words = !m.stats ? FIGURES_LOADING : m.event?.status === 'ended' ? empty.ended : empty.open;
      keepChosenBar(body, () => fill(body, chart ?? h('p', { class: 'chart-empty' }, words)));
    },
  );
  return { el, update };
}

/**
 * Runs `redraw`, which replaces the chart in `body`. A chart being read bar by bar (it has the
 * focus: charts/readout.ts) would lose the focus with it, and a keyboard user their place: the
 * new chart takes the focus, on the same bar if it is still drawn.
 */
function keepChosenBar(body: HTMLElement, redraw: () => void): void {
  const before = body.querySelector<SVGSVGElement>('svg.chart');
  const chosen = before && document.activeElement === before ? (before.dataset.chosen ?? '') : null;
  redraw();
  const after = body.querySelector<SVGSVGElement>('svg.chart[tabindex]');
  if (chosen === null || !after) return;
  after.dataset.chosen = chosen;
  after.focus({ preventScroll: true });
}

/**
 * Matches formed in each of the last minutes; the minute in progress in the accent colour. Once
 * the event has ended the chart is its last minutes, all of them over: none is "so far".
 */
export function perMinuteChart(): Part {
  return chartCard(
    'per-minute',
    'Matches per minute',
    (s, m) => ({ minutes: s.perMinute.slice(-MINUTES_SHOWN), whole: s.perMinute.length <= MINUTES_SHOWN, ended: m.event?.status === 'ended' }),
    ({ minutes, whole, ended }) => {
      if (minutes.length === 0) return null;
      const every = Math.max(1, Math.ceil(minutes.length / 6));
      const total = minutes.reduce((n, m) => n + m.matches, 0);
      const span = minutes.length === 1 ? 'minute' : `${minutes.length} minutes`;
      return barChart({
        summary: !ended ? `${matches(total)} in the last ${span}` : whole ? `${matches(total)} in the event's ${span}` : `${matches(total)} in the event's last ${span}`,
        columns: ['Minute', 'Matches'],
        accentLast: !ended,
        showValues: minutes.length <= 12,
        bars: minutes.map((m, i) => ({
          value: m.matches,
          name: hhmm(m.minute),
          // Label from the newest minute backwards, so "now" always has one.
          label: (minutes.length - 1 - i) % every === 0 ? hhmm(m.minute) : '',
          words: `${hhmm(m.minute)}: ${matches(m.matches)}`,
        })),
      });
    },
    { open: 'The first matches will show here, minute by minute.', ended: 'No matches were made.' },
  );
}

/** How long people waited from "find" to a match, bucketed. */
export function waitChart(): Part {
  return chartCard(
    'waits',
    'How long people waited',
    (s) => s.waitHistogram,
    (buckets) => {
      if (!buckets.some((b) => b.count > 0)) return null;
      const total = buckets.reduce((n, b) => n + b.count, 0);
      return barChart({
        // By wait, not by person: someone matched three times waited three times.
        summary: `${waits(total)} before a match, from quickest to longest`,
        columns: ['Waited', 'Waits'],
        showValues: true,
        bars: buckets.map((b, i) => {
          const label = bucketLabel(b.upToMs, buckets[i - 1]?.upToMs ?? null);
          return { value: b.count, name: label, label, words: `${label}: ${waits(b.count)}` };
        }),
      });
    },
    { open: 'Once people are matched, their waits show here.', ended: 'Nobody was matched, so there were no waits.' },
  );
}

/** What attendees said they are into, sized by how many chose each. */
export function topicsChart(): Part {
  return chartCard(
    'topics',
    'What people are into',
    (s) => s.topics,
    (topics) => (topics.length ? topicCloud(topics) : null),
    { open: 'Interests appear here as people join.', ended: 'No interests to show.' },
  );
}
