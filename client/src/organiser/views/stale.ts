import { h } from '../../shared/dom';
import { hhmm } from '../../shared/time';
import type { Model } from '../model';
import { setText, type Part } from './part';

/** `20:14`: when the figures in hand were last known to hold; null while they are live. */
export function knownAt(m: Model): string | null {
  return m.lostAt === null || !m.stats ? null : hhmm(new Date(m.lostAt).toISOString());
}

/**
 * Says, above everything, that the figures are not live: the connection is lost and they are as
 * last known at a time. The header's "Reconnecting…" alone is too small to notice, and the figures
 * under it would look live. Not a live region: the header's status already says it to screen
 * readers, once.
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
      el.hidden = at === null;
      setText(
        words,
        at === null ? '' : `Connection lost. The figures below are as last known at ${at}, and may be out of date: people may have been matched since. Reconnecting…`,
      );
    },
  };
}
