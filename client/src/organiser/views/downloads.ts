import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { card, type Part } from './part';

/** The numbers to take away: every match as CSV, and the figures as JSON. */
export function downloads(actions: Actions): Part {
  const button = (label: string, run: () => Promise<void>, name: string) => {
    const b = h('button', { class: 'btn btn-secondary btn-small', attrs: { type: 'button' }, data: { download: name } }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      await run();
      b.disabled = false;
    });
    return b;
  };
  return {
    el: card(
      'downloads',
      'For your sponsors',
      h('p', { class: 'card-hint' }, 'One row per match: when, group size, wait, shared topics, outcome. No names.'),
      h(
        'div',
        { class: 'download-row' },
        button('⬇ Download CSV', actions.downloadCsv, 'csv'),
        button('⬇ Stats JSON', actions.downloadStats, 'stats'),
      ),
    ),
    update() {},
  };
}
