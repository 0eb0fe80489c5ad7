import type { EventStatus } from '../../../../shared/schemas';
import { h } from '../../shared/dom';
import { say } from '../../shared/live-region';
import { reasonLabel } from '../../shared/report-reasons';
import { matches, people } from '../format';
import type { Model } from '../model';
import type { Part } from './part';

/**
 * The least time between two readings of the room's numbers. Figures arrive up to every second;
 * read out each time, they would drown out everything else a screen reader has to say.
 */
export const NUMBERS_EVERY_MS = 30_000;

const STATUS_NEWS: Record<EventStatus, string> = {
  open: 'Matching is on.',
  paused: 'Matching is paused.',
  ended: 'The event has ended.',
};

/**
 * What changes on the dashboard by itself, said to screen readers, which hear nothing of a number
 * changing on screen: matching paused, resumed or ended (from this laptop or another), each new
 * report at once, and how many people are here and matches made, at most every
 * {@link NUMBERS_EVERY_MS}. Ticking wait times are never read out. Sighted organisers see all
 * of this already, so the region is out of sight.
 */
export function roomNews(): Part {
  const el = h('p', { class: 'sr-only', data: { roomNews: '' }, attrs: { role: 'status' } });
  let status: EventStatus | null = null;
  /** Reports already on the dashboard; null until the first figures, which are not news. */
  let reportsSeen: Set<string> | null = null;
  /** The numbers as last read out (or as first shown), and as they are now. */
  let saidNumbers: string | null = null;
  let numbersNow: string | null = null;
  let saidAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const tell = (words: string[]) => {
    if (words.length) say(el, words.join(' '));
  };

  /** The numbers, if they changed since last read out and it is time; else schedules a reading. */
  function numbersDue(): string[] {
    if (numbersNow === null || numbersNow === saidNumbers) return [];
    const wait = saidAt + NUMBERS_EVERY_MS - Date.now();
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = null;
        if (el.isConnected) tell(numbersDue());
      }, wait);
      return [];
    }
    saidNumbers = numbersNow;
    saidAt = Date.now();
    return [numbersNow];
  }

  return {
    el,
    update(m: Model) {
      if (!m.event || !m.stats) return;
      const words: string[] = [];
      if (status !== null && m.event.status !== status) words.push(STATUS_NEWS[m.event.status]);
      status = m.event.status;

      const reports = m.stats.reports;
      if (reportsSeen) {
        for (const r of reports) if (!reportsSeen.has(r.id)) words.push(`New report: ${r.name}, ${reasonLabel(r.reason)}.`);
      }
      reportsSeen = new Set(reports.map((r) => r.id));

      numbersNow = `${people(m.stats.attendees)} here, ${matches(m.stats.matchesTotal)} made so far.`;
      // The first figures are what the page opens on, not news.
      saidNumbers ??= numbersNow;
      tell([...words, ...numbersDue()]);
    },
  };
}
