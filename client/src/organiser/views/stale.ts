import { h } from '../../shared/dom';
import { hhmm } from '../../shared/time';
import type { Model } from '../model';
import { setText, type Part } from './part';

/** `20:14`: when the figures in hand were last known to hold; null while they are live. */
export function knownAt(m: Model): string | null {
  return m.lostAt === null || !m.stats ? null : hhmm(new Date(m.lostAt).toISOString());
}

/** What the banner says when the connection is down and there are no figures at all to show. */
export const OFFLINE_NO_FIGURES = "You're offline: Mingle will reconnect by itself; the figures come back when it does.";

/**
 * Says, above everything, that the figures are not live: the connection is lost and they are as
 * last known at a time. The header's "Reconnecting…" alone is too small to notice, and the figures
 * under it would look live. With no figures at all (the dashboard reloaded offline, in a tab that
 * kept none: kept-figures.ts), it says why the cards are empty, and that nothing needs doing. Not
 * a live region: the header's status already says it to screen readers, once.
 */
export function staleBanner(): Part {
  const words = h('p', null);
  const el = h(
    'div',
    { class: 'dash-stale', data: { staleBanner: '' }, attrs: { hidden: true } },
    h('span', { class: 'dash-stale-icon', attrs: { 'aria-hidden': 'true' } }, '⚠'),
    words,
  );
  return {
    el,
    update(m) {
      const at = knownAt(m);
      const none = m.connection === 'offline' && !m.stats;
      el.hidden = at === null && !none;
      setText(
        words,
        at !== null
          ? `Connection lost. The figures below are as last known at ${at}, and may be out of date: people may have been matched since. Reconnecting…`
          : none
            ? OFFLINE_NO_FIGURES
            : '',
      );
    },
  };
}
