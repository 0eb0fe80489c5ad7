import type { Announcement, Match } from '../../../shared/schemas';
import { closeButtonBeside, fill, h } from '../shared/dom';
import { focusMark, refocus } from '../shared/keep-focus';
import { isFlagged } from './attention';
import { connectionText } from './connection';
import { backFromWaiting } from './back-from-waiting';
import { closedOf, exchangeKey, swappedIn } from './exchange';
import type { Actions, Model, Notice } from './model';
import { profileChanges } from './profile-changes';
import { resumeNews } from './resume-news';
import { leaveRoomFor } from './views/action-bar-room';
import { markChangedLines, showChangedLines } from './views/changed-lines';
import { renderAfterChat } from './views/after-chat';
import { foldAnnouncement, headingUnderBar, renderAnnouncement, toggleBeside } from './views/announcement';
import { closeBeaconUnless, sayOverBeacon } from './views/beacon';
import { idleView } from './views/idle';
import { joinView } from './views/join';
import { chattingView, matchedView } from './views/match';
import { buildSheet, openSheet, type OpenSheet } from './views/sheet';
import { connectingView, endedView, goodbyeView, loadingView, missingView, removedView } from './views/status';
import { settle, type View } from './views/view';
import { waitingView } from './views/waiting';

export interface Regions {
  app: HTMLElement;
  connection: HTMLElement;
  notice: HTMLElement;
  /** Out of sight: news of the room a screen's redraw does not say (see resume-news.ts). */
  roomNews: HTMLElement;
  announcement: HTMLElement;
  afterChat: HTMLElement;
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
  if (screen.name === 'missing') return { name: 'missing', key: `missing:${screen.message}`, build: () => missingView(screen.message, m.code, screen.gone) };
  if (screen.name === 'goodbye') return { name: 'goodbye', key: 'goodbye', build: () => goodbyeView(screen.eventName, actions) };
  if (screen.name === 'removed') return { name: 'removed', key: `removed:${screen.eventName}`, build: () => removedView(screen.eventName) };
  if (screen.name === 'join' && screen.event.status === 'ended') {
    return { name: 'ended', key: 'ended:newcomer', build: () => endedView(screen.event, null) };
  }
  if (screen.name === 'join') return { name: 'join', key: `join:${screen.event.code}`, build: () => joinView(screen.event, actions) };
  const state = m.state;
  if (!state) return { name: 'connecting', key: `connecting:${m.tooManyTabs}`, build: () => connectingView(m.tooManyTabs) };
  const { event, match, status } = state;
  // The end lets matches under way carry on: people walking over to meet keep their card (the
  // spot, the beacon), and those talking keep "Done chatting" and keeping in touch; the
  // thank-you comes once they are done.
  if (event.status === 'ended' && !match) return { name: 'ended', key: 'ended', build: () => endedView(event, actions) };
  if (match && status === 'chatting') {
    // On the way to a group, then there: the same screen, but its buttons change under the thumb.
    const name = match.arriving ? 'joining' : 'chatting';
    const ended = event.status === 'ended';
    return { name, key: `chatting:${ended}:${JSON.stringify(match)}`, build: () => chattingView(match, actions, ended) };
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
  /** The match the screen last showed: a card redrawn for it marks what someone changed in it. */
  let drawnMatch: Match | null = null;
  let shownAnnouncement: Announcement | null = null;
  let shownAfterChat = '';
  let sheet: { key: string; open: OpenSheet } | null = null;
  /** The match whose "Good chat?" card is up: a card for a new one takes the focus. */
  let afterChatMatch: string | null = null;
  const waitingBack = backFromWaiting(actions.cancel);
  const sayResumed = resumeNews(regions.roomNews);
  // Named for what it closes: the "Good chat?" card has a × of its own beside it.
  const putNoticeAway = closeButtonBeside(regions.notice, 'Dismiss this message', actions.dismissNotice);
  const putAnnouncementAway = closeButtonBeside(regions.announcement, 'Dismiss announcement', actions.dismissAnnouncement);
  // After the region and before its ×, as it was in the region: the order read and tabbed in.
  const announcementToggle = toggleBeside(regions.announcement, actions);
  /** The model last drawn, for a measure made between draws. */
  let shown: Model | null = null;
  const foldIfHeadingHidden = () => {
    if (shown?.announcement && shown.announcementFolded === null && headingUnderBar(regions.app)) queueMicrotask(actions.foldAnnouncement);
  };
  new ResizeObserver(foldIfHeadingHidden).observe(document.body);

  return (m) => {
    // First, so that a new screen's heading can take the focus: while the beacon is up, the rest
    // of the page is inert, and the beacon button the focus would go back to may be gone.
    closeBeaconUnless(m.state?.match?.id ?? null);
    const next = pick(m, actions);
    /** Lines of a redrawn card that someone in the match just changed. */
    let changed: HTMLElement[] = [];
    if (!current || current.key !== next.key) {
      const focusedAt = focusMark(regions.app);
      const view = next.build();
      changed = markChangedLines(view.el, profileChanges(drawnMatch, m.state?.match ?? null));
      regions.app.replaceChildren(view.el);
      leaveRoomFor(view.el.querySelector<HTMLElement>('.action-bar'));
      const moved = current !== null && current.name !== next.name;
      current = { key: next.key, name: next.name, view };
      if (moved) {
        settle(regions.app);
        window.scrollTo(0, 0);
        view.el.querySelector<HTMLElement>('.view-title')?.focus({ preventScroll: true });
      } else if (focusedAt) {
        // Same screen, fresh data (the "open to one more" switch, a partner's new name, a pause):
        // keep the focus in place, not dropped on the page, where a screen reader starts over.
        refocus(view.el, focusedAt, '.view-title');
      }
    }
    current.view.update?.(m);
    // One kept from before an offline reload is no word from the server: what the first live `state`
    // changes in it is not said (updates.ts), so nor is it marked.
    drawnMatch = m.stateKept ? null : (m.state?.match ?? null);
    regions.app.setAttribute('aria-busy', String(m.busy));
    waitingBack(next.name === 'waiting', m.busy);
    sayResumed(next.name, m.state?.event.status ?? null);

    let focusNotice = false;
    if (m.notice !== shownNotice) {
      shownNotice = m.notice;
      renderNotice(regions.notice, m.notice);
      putNoticeAway.hidden = !m.notice;
      focusNotice = !!m.notice?.focus;
      // Inert behind the beacon, the notice would go unheard until it is put down.
      if (m.notice) sayOverBeacon(m.notice.text);
    }
    if (m.announcement !== shownAnnouncement) {
      shownAnnouncement = m.announcement;
      renderAnnouncement(regions.announcement, m.announcement);
      putAnnouncementAway.hidden = !m.announcement;
      if (m.announcement) sayOverBeacon(`From the organisers: ${m.announcement.message}`);
    }
    // Folded or opened in place, never redrawn: the alert region would read it all out again.
    foldAnnouncement(regions.announcement, announcementToggle, m.announcementFolded, m.announcementNew);
    // After a chat, between matches: "Good chat?" and keeping in touch.
    const after = next.name === 'idle' || next.name === 'waiting' ? m.afterChat : null;
    // With the list's rows for it: who is still here, and who swapped without whom, change the card.
    const listed = after ? m.connections?.filter((c) => c.matchId === after.matchId) : null;
    const afterKey = after
      ? JSON.stringify([after, exchangeKey(m, after.matchId), closedOf(m, after.matchId, after.people), swappedIn(m, after.matchId), listed, m.busy])
      : '';
    if (afterKey !== shownAfterChat) {
      shownAfterChat = afterKey;
      const hadFocus = regions.afterChat.contains(document.activeElement);
      const focusedVote = hadFocus ? (document.activeElement as HTMLElement).dataset.vote : undefined;
      renderAfterChat(regions.afterChat, after, m, actions);
      const question = regions.afterChat.querySelector<HTMLElement>('.after-chat-question');
      // A card for a chat just ended sits above the screen's heading, where a screen reader reading
      // on from that heading never comes: start there. A redrawn card keeps the focus it had.
      const fresh = !!after && after.matchId !== afterChatMatch;
      const idle = document.activeElement === document.body || !!document.activeElement?.classList.contains('view-title');
      if (hadFocus && !regions.afterChat.contains(document.activeElement)) {
        (regions.afterChat.querySelector<HTMLElement>(`[data-vote="${focusedVote}"]:not(:disabled)`) ?? question)?.focus({ preventScroll: true });
      } else if (fresh && idle) question?.focus({ preventScroll: true });
      afterChatMatch = after?.matchId ?? null;
    }

    // Whole, on a short phone, it may push the screen's heading under the pinned bar: folded to
    // one line then, with Show all (the alert region has read it whole). Once the screen is drawn,
    // the "Good chat?" card too, so the measure is of what is shown; and again whenever the page's
    // layout changes without a new model (an emoji font arriving, a phone turned).
    shown = m;
    foldIfHeadingHidden();

    const sheetKey = m.sheet ? JSON.stringify(m.sheet) : null;
    if (sheetKey !== (sheet?.key ?? null)) {
      sheet?.open.close();
      sheet = m.sheet && sheetKey ? { key: sheetKey, open: openSheet(buildSheet(m.sheet, actions), m.sheet.kind, actions.closeSheet) } : null;
    }
    sheet?.open.update(m);
    // After the sheet has given the focus back to what opened it: the notice says what it did.
    if (focusNotice) regions.notice.querySelector<HTMLElement>('.notice-text')?.focus();

    const connection = connectionText(m);
    // Never hidden, only emptied (attendee.css): a live region must already be on the page when
    // its words arrive, or screen readers may not say them. Set only when it changes: each write
    // would be read out again.
    if (regions.connection.textContent !== connection) regions.connection.textContent = connection;

    const event = m.state?.event ?? (m.screen.name === 'join' ? m.screen.event : null);
    // The join screen's heading is the event name already.
    regions.eventName.textContent = m.screen.name === 'live' ? (event?.name ?? '') : '';
    if (!isFlagged()) document.title = event ? `${event.name} – Mingle` : 'Mingle';
    // Last, with the notice saying what changed up above them, pushing them down.
    showChangedLines(changed, regions.notice);
  };
}

function renderNotice(region: HTMLElement, notice: Notice | null): void {
  region.className = notice ? `notice notice-${notice.tone}` : 'notice';
  if (!notice) return region.replaceChildren();
  fill(region, h('p', { class: 'notice-text', attrs: notice.focus ? { tabindex: -1 } : {} }, notice.text));
}
