import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { card, type Part } from './part';

/** A download button that stays disabled while its file is on the way. */
function downloadButton(label: string, run: () => Promise<void>, name: string): HTMLButtonElement {
  const b = h('button', { class: 'btn btn-secondary btn-small', attrs: { type: 'button' }, data: { download: name } }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    await run();
    b.disabled = false;
  });
  return b;
}

/** What can go to sponsors: every match as CSV, with no names. */
export function sponsorDownloads(actions: Actions): Part {
  return {
    el: card(
      'downloads',
      'For your sponsors',
      h('p', { class: 'card-hint' }, 'One row per match: when, group size, wait, shared topics, outcome. No names.'),
      h('div', { class: 'download-row' }, downloadButton('⬇ Download CSV', actions.downloadCsv, 'csv')),
    ),
    update() {},
  };
}

/**
 * Every figure on the dashboard as JSON. It holds names, how to spot people and the text of
 * reports, so it sits apart from the sponsors' card and says so on its face.
 */
export function organiserDownloads(actions: Actions): Part {
  return {
    el: card(
      'organiser-downloads',
      'Organiser only',
      h(
        'p',
        { class: 'card-hint' },
        'Everything on this page as JSON, including names, how to spot people and the text of reports. Keep it within your team; not for sponsors.',
      ),
      h('div', { class: 'download-row' }, downloadButton('⬇ Full stats JSON (names and reports)', actions.downloadStats, 'stats')),
    ),
    update() {},
  };
}
