import { DEFAULT_EVENT_MS } from '../../../shared/event-length';
import type { EventStatus } from '../../../shared/schemas';
import { closeButtonBeside, fill, h, iconLabel } from '../shared/dom';
import type { Actions, Model, Notice } from './model';
import { announcer } from './views/announce';
import { perMinuteChart, topicsChart, waitChart } from './views/charts';
import { matchingControls } from './views/controls';
import { organiserDownloads, sponsorDownloads } from './views/downloads';
import { eventEditor } from './views/edit';
import { nowFigures, totalFigures } from './views/figures';
import { inviteCard } from './views/invite';
import { dashboardLayout } from './views/layout';
import { roomNews } from './views/news';
import { setText, type Part } from './views/part';
import { projector } from './views/projector';
import { reportsPanel } from './views/reports';
import { signInView } from './views/sign-in';
import { knownAt, staleBanner } from './views/stale';
import { waitingLongest } from './views/waiting';

export interface Regions {
  app: HTMLElement;
  title: HTMLElement;
  status: HTMLElement;
  connection: HTMLElement;
  barActions: HTMLElement;
  notice: HTMLElement;
}

const STATUS_PILL: Record<EventStatus, string> = { open: 'Matching on', paused: 'Paused', ended: 'Ended' };
const CONNECTION: Record<Model['connection'], string> = { connecting: 'Connecting…', online: 'Live', offline: 'Reconnecting…' };

/** The dashboard: the big numbers on top, people and charts on the left, the controls on the right. */
function dashboard(actions: Actions): { el: HTMLElement; parts: Part[] } {
  const stale = staleBanner();
  const now = nowFigures();
  const waiting = waitingLongest(actions);
  const reports = reportsPanel(actions);
  const perMinute = perMinuteChart();
  const waits = waitChart();
  const topics = topicsChart();
  const editor = eventEditor(actions);
  const news = roomNews();
  const controls = [matchingControls(actions), announcer(actions)];
  const more = [inviteCard(), totalFigures(), sponsorDownloads(actions), organiserDownloads(actions)];
  const el = dashboardLayout({
    top: [stale.el],
    now: now.el,
    main: [waiting.el, reports.el, h('div', { class: 'dash-charts' }, perMinute.el, waits.el), topics.el, editor.el],
    controls: controls.map((p) => p.el),
    more: more.map((p) => p.el),
    after: [news.el],
  });
  return { el, parts: [stale, now, waiting, reports, perMinute, waits, topics, editor, ...controls, ...more, news] };
}

/** The longest a browser's timer may wait (about 24.8 days); any later turn is scheduled again then. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The next moment the dashboard's words about time turn on their own, with no news from the
 * server: the planned end passing ("…, passed"), a day after creation (the planned end can no
 * longer be emptied), and the laptop's midnight (a time said as "21:30" today reads "Sat 28 Nov,
 * 21:30" tomorrow). A quiet room sends no figures, so nothing else would redraw them. Null
 * without an event, or once it has ended (what is said then no longer turns).
 */
export function nextTurn(m: Model, now = Date.now()): number | null {
  if (m.signIn || !m.event || m.event.status === 'ended') return null;
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  const moments = [m.event.endsAt === null ? NaN : Date.parse(m.event.endsAt), Date.parse(m.event.createdAt) + DEFAULT_EVENT_MS, midnight.getTime()];
  const future = moments.filter((t) => Number.isFinite(t) && t > now);
  return future.length ? Math.min(...future) : null;
}

/**
 * Whether the focus is now where a keyboard user cannot use it: on <body> (where the browser drops
 * it when its element is taken off the page) or in a hidden card. Judged by where it is now, not
 * by the element that had it: a redraw that gave it to the new copy of its row (rowFocus) kept it.
 */
function focusLost(): boolean {
  const now = document.activeElement;
  return !now || now === document.body || now.closest('[hidden]') !== null;
}

/** Returns a function that draws a model into the page, building each screen once. */
export function createRenderer(regions: Regions, actions: Actions): (m: Model) => void {
  let board: ReturnType<typeof dashboard> | null = null;
  let signInKey: string | null = null;
  let shownNotice: Notice | null = null;
  const putNoticeAway = closeButtonBeside(regions.notice, 'Dismiss', actions.dismissNotice);
  const poster = projector();
  const projectorButton = h(
    'button',
    {
      class: 'btn btn-primary btn-small',
      attrs: { type: 'button', disabled: true },
      data: { control: 'projector' },
      on: { click: () => poster.open(projectorButton) },
    },
    iconLabel('📽️', 'Projector mode'),
  );
  regions.barActions.append(projectorButton);
  /** Redraws the model in hand when its words about time turn (`nextTurn`). */
  let turn: ReturnType<typeof setTimeout> | undefined;
  const redrawAtNextTurn = (m: Model) => {
    clearTimeout(turn);
    const at = nextTurn(m);
    // A little after the moment: the words compare it with the clock, which must have passed it.
    if (at !== null) turn = setTimeout(() => draw(m), Math.min(MAX_TIMER_MS, at - Date.now() + 250));
  };

  const draw = (m: Model) => {
    if (m.signIn) {
      const key = JSON.stringify(m.signIn);
      if (key !== signInKey) {
        signInKey = key;
        board = null;
        poster.close();
        regions.app.replaceChildren(signInView(m.signIn, actions));
        regions.app.querySelector<HTMLElement>('.signin-title')?.focus();
      }
    } else {
      signInKey = null;
      if (!board) {
        board = dashboard(actions);
        regions.app.replaceChildren(board.el);
      }
      const focused = board.el.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
      for (const part of board.parts) part.update(m);
      // The end (here, or by another organiser) hides the cards only a live event needs, redraws
      // the top row as the evening's record and the details form with the end's time, and any of
      // them may hold the focus: rather than drop it to the top of the page, it goes to the line
      // that says what ending means, where the End button sends it too (views/controls.ts).
      if (focused && m.event?.status === 'ended' && focusLost()) {
        board.el.querySelector<HTMLElement>('[data-control-state]')?.focus();
      }
      // Dims what the server's figures drew (styles/organiser.css) while they may be out of date.
      board.el.toggleAttribute('data-stale', knownAt(m) !== null);
    }

    const event = m.signIn ? null : m.event;
    setText(regions.title, event?.name ?? 'Organiser dashboard');
    // A long name is cut short with an ellipsis in the bar (the Projector button keeps its line):
    // the whole of it on hover; screen readers have the whole text anyway.
    regions.title.title = event?.name ?? '';
    document.title = event ? `${event.name} – Dashboard – Mingle` : 'Organiser dashboard – Mingle';
    regions.status.hidden = !event;
    setText(regions.status, event ? STATUS_PILL[event.status] : '');
    regions.status.dataset.status = event?.status ?? '';
    regions.connection.hidden = !!m.signIn;
    // "Live" beside "Ended" would read as the event's state: connected, the figures are up to date.
    setText(regions.connection, m.connection === 'online' && event?.status === 'ended' ? 'Up to date' : CONNECTION[m.connection]);
    regions.connection.dataset.connection = m.connection;
    projectorButton.disabled = !event;
    projectorButton.hidden = !!m.signIn;
    poster.update(m);

    if (m.notice !== shownNotice) {
      shownNotice = m.notice;
      // Never hidden, only emptied (styles/organiser.css): a live region must already be on the
      // page when its words arrive, or screen readers may not say them.
      regions.notice.className = `dash-notice dash-notice-${m.notice?.tone ?? 'info'}`;
      fill(regions.notice, m.notice ? h('p', null, m.notice.text) : null);
      putNoticeAway.hidden = !m.notice;
    }
    redrawAtNextTurn(m);
  };
  return draw;
}
