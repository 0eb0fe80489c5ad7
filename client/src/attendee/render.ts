import type { Announcement } from '../../../shared/schemas';
import { fill, h } from '../shared/dom';
import { isFlagged } from './attention';
import type { Actions, Model, Notice } from './model';
import { closeBeaconUnless } from './views/beacon';
import { idleView } from './views/idle';
import { joinView } from './views/join';
import { chattingView, matchedView } from './views/match';
import { connectingView, endedView, loadingView, missingView } from './views/status';
import type { View } from './views/view';
import { waitingView } from './views/waiting';

export interface Regions {
  app: HTMLElement;
  connection: HTMLElement;
  notice: HTMLElement;
  announcement: HTMLElement;
  eventName: HTMLElement;
}

interface Pick {
  /** Which screen; focus moves to its heading when this changes. */
  name: string;
  /** Rebuild when this changes; otherwise only `update` runs. */
  key: string;
  build(): View;
}

/** Chooses the screen for a model. The last `state` decides everything once joined. */
function pick(m: Model, actions: Actions): Pick {
  const { screen } = m;
  if (screen.name === 'loading') return { name: 'loading', key: 'loading', build: loadingView };
  if (screen.name === 'missing') return { name: 'missing', key: `missing:${screen.message}`, build: () => missingView(screen.message) };
  if (screen.name === 'join' && screen.event.status === 'ended') {
    return { name: 'ended', key: 'ended', build: () => endedView(screen.event, m.met) };
  }
  if (screen.name === 'join') return { name: 'join', key: `join:${screen.event.code}`, build: () => joinView(screen.event, actions) };
  const state = m.state;
  if (!state) return { name: 'connecting', key: 'connecting', build: connectingView };
  const { event, match, status } = state;
  if (event.status === 'ended') return { name: 'ended', key: `ended:${m.met.join('\n')}`, build: () => endedView(event, m.met) };
  if (match && status === 'chatting') {
    return { name: 'chatting', key: `chatting:${JSON.stringify(match)}`, build: () => chattingView(match, actions) };
  }
  if (match && status === 'matched') {
    return { name: 'matched', key: `matched:${JSON.stringify(match)}`, build: () => matchedView(match, actions) };
  }
  if (status === 'looking') return { name: 'waiting', key: `waiting:${event.status}`, build: () => waitingView(state, actions) };
  return { name: 'idle', key: `idle:${event.status}:${state.me.name}`, build: () => idleView(state, actions) };
}

/** Returns a function that draws a model into the page's regions, touching only what changed. */
export function createRenderer(regions: Regions, actions: Actions): (m: Model) => void {
  let current: { key: string; name: string; view: View } | null = null;
  let shownNotice: Notice | null = null;
  let shownAnnouncement: Announcement | null = null;

  return (m) => {
    const next = pick(m, actions);
    if (!current || current.key !== next.key) {
      const focusedId = regions.app.contains(document.activeElement) ? document.activeElement?.id : undefined;
      const view = next.build();
      regions.app.replaceChildren(view.el);
      const moved = current !== null && current.name !== next.name;
      current = { key: next.key, name: next.name, view };
      if (moved) {
        window.scrollTo(0, 0);
        view.el.querySelector<HTMLElement>('.view-title')?.focus({ preventScroll: true });
      } else if (focusedId) {
        // Same screen, fresh data (say, the "open to one more" switch): keep keyboard focus in place.
        document.getElementById(focusedId)?.focus({ preventScroll: true });
      }
    }
    current.view.update?.(m);
    regions.app.setAttribute('aria-busy', String(m.busy));

    if (m.notice !== shownNotice) {
      shownNotice = m.notice;
      renderNotice(regions.notice, m.notice, actions);
    }
    if (m.announcement !== shownAnnouncement) {
      shownAnnouncement = m.announcement;
      renderAnnouncement(regions.announcement, m.announcement, actions);
    }
    const offline = m.screen.name === 'live' && m.connection === 'offline';
    regions.connection.hidden = !offline;
    regions.connection.textContent = offline ? 'Reconnecting…' : '';

    const event = m.state?.event ?? (m.screen.name === 'join' ? m.screen.event : null);
    // The join screen's heading is the event name already.
    regions.eventName.textContent = m.screen.name === 'live' ? (event?.name ?? '') : '';
    if (!isFlagged()) document.title = event ? `${event.name} – Mingle` : 'Mingle';
    closeBeaconUnless(m.state?.match?.id ?? null);
  };
}

function renderNotice(region: HTMLElement, notice: Notice | null, actions: Actions): void {
  region.hidden = !notice;
  if (!notice) return region.replaceChildren();
  region.className = `notice notice-${notice.tone}`;
  fill(
    region,
    h('p', { class: 'notice-text' }, notice.text),
    h('button', { class: 'notice-close', attrs: { type: 'button', 'aria-label': 'Dismiss' }, on: { click: actions.dismissNotice } }, '×'),
  );
}

/** The organiser's message, as a banner that stays until it is dismissed or replaced. */
function renderAnnouncement(region: HTMLElement, announcement: Announcement | null, actions: Actions): void {
  region.hidden = !announcement;
  if (!announcement) return region.replaceChildren();
  fill(
    region,
    h('span', { class: 'announcement-icon', attrs: { 'aria-hidden': 'true' } }, '📣'),
    h(
      'div',
      { class: 'announcement-body' },
      h('p', { class: 'announcement-from' }, 'From the organisers'),
      h('p', { class: 'announcement-text', data: { announcement: '' } }, announcement.message),
    ),
    h(
      'button',
      { class: 'notice-close', attrs: { type: 'button', 'aria-label': 'Dismiss announcement' }, on: { click: actions.dismissAnnouncement } },
      '×',
    ),
  );
}
