import { h, iconLabel, type Child } from '../../shared/dom';
import type { Actions } from '../model';
import { holdFocus } from './focus';
import { card, type Part } from './part';

/**
 * A download button, with its own error line under it. The buttons sit at the foot of the side
 * column, so the page is scrolled down when one is pressed: an error shown in the page's notice
 * above the dashboard would be off-screen, and the organiser would see nothing happen.
 */
function downloadButton(label: Child, run: () => Promise<void>, name: string): HTMLElement {
  const button = h('button', { class: 'btn btn-secondary btn-small', attrs: { type: 'button' }, data: { download: name } }, label);
  const error = h('p', { class: 'form-error download-error', attrs: { role: 'alert' }, data: { downloadError: name } });
  button.addEventListener('click', async () => {
    const restoreFocus = holdFocus(button);
    button.disabled = true;
    error.textContent = '';
    try {
      await run();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
    button.disabled = false;
    restoreFocus();
  });
  return h('div', { class: 'download-row' }, button, error);
}

/** What can go to sponsors: every match as CSV, with no names. */
export function sponsorDownloads(actions: Actions): Part {
  return {
    el: card(
      'downloads',
      'For your sponsors',
      h('p', { class: 'card-hint' }, 'One row per match: when, group size, wait, shared topics, outcome, how many joined later. No names.'),
      downloadButton(iconLabel('⬇', 'Download CSV'), actions.downloadCsv, 'csv'),
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
      downloadButton(iconLabel('⬇', 'Full stats JSON (names and reports)'), actions.downloadStats, 'stats'),
    ),
    update() {},
  };
}
