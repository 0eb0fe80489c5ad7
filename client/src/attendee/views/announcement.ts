import type { Announcement } from '../../../../shared/schemas';
import { fill, h } from '../../shared/dom';
import { sentLabel } from '../announcements';
import type { Actions } from '../model';

/**
 * The organiser's message, as a banner that stays until it is dismissed or replaced. The × sits
 * on the line of who sent it, so the message below runs the banner's full width. Neither the ×
 * nor Show all is in the alert region (`closeButtonBeside`, `toggleBeside`), where they would be
 * read out with the message: each is drawn over a room kept for it in the banner's grid.
 */
export function renderAnnouncement(region: HTMLElement, announcement: Announcement | null): void {
  if (!announcement) {
    region.classList.remove('announcement-folded');
    return region.replaceChildren();
  }
  const sent = sentLabel(announcement.at);
  fill(
    region,
    h('span', { class: 'announcement-icon', attrs: { 'aria-hidden': 'true' } }, '📣'),
    h(
      'p',
      { class: 'announcement-from' },
      'From the organisers',
      sent ? ' · ' : null,
      sent ? h('time', { attrs: { datetime: announcement.at } }, sent) : null,
    ),
    h('span', { class: 'announcement-close-room', attrs: { 'aria-hidden': 'true' } }),
    // Drawn, not read: the alert has read the message out as it came.
    h('span', { class: 'announcement-new', data: { announcementNew: '' }, attrs: { 'aria-hidden': 'true', hidden: true } }, 'New'),
    // Folded, it is cut to one line on screen only: a screen reader still reads it whole.
    h('p', { id: 'announcement-text', class: 'announcement-text', data: { announcement: '' } }, announcement.message),
    // The button's words, unseen and unread, so that the room is the button's size.
    h('span', { class: 'announcement-toggle-room', data: { announcementToggleRoom: '' }, attrs: { 'aria-hidden': 'true', hidden: true } }, 'Show all'),
  );
}

/**
 * The button that opens a folded announcement or folds it again, just after the alert region
 * `region`, before its ×: not in it, where the message would be read out with "Show all" as its
 * words changed. Hidden until `foldAnnouncement` shows it.
 */
export function toggleBeside(region: HTMLElement, actions: Actions): HTMLButtonElement {
  const toggle = h(
    'button',
    {
      class: 'announcement-toggle',
      data: { announcementToggle: '' },
      attrs: { type: 'button', 'aria-controls': 'announcement-text', hidden: true },
      on: { click: actions.toggleAnnouncement },
    },
    'Show all',
  );
  region.after(toggle);
  return toggle;
}

/**
 * Folds the banner to one line (a match's card must be in view), or opens it again: its button
 * says which it does, and whether it is open (`aria-expanded`). Folded with nothing cut (a short
 * one), there is nothing more to show: no button. `news` marks one that came folded as new.
 */
export function foldAnnouncement(region: HTMLElement, toggle: HTMLButtonElement, folded: boolean | null, news: boolean): void {
  const room = region.querySelector<HTMLElement>('[data-announcement-toggle-room]');
  const text = region.querySelector<HTMLElement>('[data-announcement]');
  const mark = region.querySelector<HTMLElement>('[data-announcement-new]');
  if (!room || !text || !mark) {
    toggle.hidden = true;
    return;
  }
  /** Shows or hides the button and the room it is drawn over, together. */
  const show = (shown: boolean) => {
    toggle.hidden = !shown;
    room.hidden = !shown;
  };
  region.classList.toggle('announcement-folded', folded === true);
  region.classList.toggle('announcement-news', news && folded === true);
  mark.hidden = !(news && folded === true);
  const words = folded ? 'Show all' : 'Show less';
  if (toggle.textContent !== words) toggle.textContent = words;
  if (room.textContent !== words) room.textContent = words;
  // Named as it reads, and for what it opens: "Show all" alone could be of anything on the screen.
  toggle.setAttribute('aria-label', `${words} of the announcement`);
  toggle.setAttribute('aria-expanded', String(!folded));
  show(folded === false || (folded === true && isCut(text)));
  // A phone turned, or the text made larger, can cut it, or no longer: the button follows.
  watchCut(text, () => {
    if (region.classList.contains('announcement-folded')) show(isCut(text));
  });
}

/** True when a folded line is cut short (its ellipsis shows). */
const isCut = (text: HTMLElement) => text.scrollWidth > text.clientWidth;

/** The message whose width is watched, and what watches it. */
let watchedText: { text: HTMLElement; observer: ResizeObserver } | null = null;

/** Calls `changed` whenever `text`'s box changes size; one message watched at a time. */
function watchCut(text: HTMLElement, changed: () => void): void {
  if (watchedText?.text === text) return;
  watchedText?.observer.disconnect();
  const observer = new ResizeObserver(changed);
  observer.observe(text);
  watchedText = { text, observer };
}

/**
 * True when the screen's heading, with the page at its top, ends under the action bar pinned to
 * the bottom: on a short phone a long announcement whole, over the "Good chat?" card, pushes it
 * there. Screens without a pinned bar (the thank-you) have nothing to hide it.
 */
export function headingUnderBar(app: HTMLElement): boolean {
  const title = app.querySelector<HTMLElement>('.view-title');
  const bar = app.querySelector<HTMLElement>('.view .action-bar');
  if (!title || !bar) return false;
  return title.getBoundingClientRect().bottom + window.scrollY > window.innerHeight - bar.getBoundingClientRect().height;
}
