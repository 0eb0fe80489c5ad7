import { ApiError } from '../shared/api';
import { fetchEvent } from './api';
import type { ModelHost } from './model';
import { showEventGone } from './sign-in';

/**
 * How often an open join form on screen asks for its event again.
 * @default 30_000
 */
export const JOIN_REFRESH_MS = 30_000;

/**
 * Keeps the join form's event (its topics, its name, whether it is paused) fresh while the form
 * is open, since the organiser may edit the topics after the page was opened. It asks again when
 * the page comes back into view (the phone unlocked, the tab gone back to), when the phone is
 * back online, and every {@link JOIN_REFRESH_MS} while the form is on screen; a hidden page asks
 * nothing. A changed event goes into the model, and the form takes it in place (see
 * `joinView`), keeping what was typed and picked; an ended one puts the thank-you in its place,
 * and a deleted one (a 404) the words that Mingle no longer has it. An end is final, so from then
 * on the page asks nothing more, however long it stays open.
 *
 * The lookup route has no rate limit of its own (only unknown codes are counted, per address), so a
 * room of phones on one Wi-Fi address, each asking every 30 s while in view, is no burden.
 */
export function keepJoinFresh(host: ModelHost): void {
  let asking = false;
  /**
   * The event's data is deleted (its end plus the retention period): asking again would only add
   * misses, which count against the address the whole venue's Wi-Fi may share (JoinCodeGuard).
   */
  let gone = false;
  const refresh = async () => {
    const { screen, code } = host.model();
    if (screen.name !== 'join' || screen.event.status === 'ended' || gone || document.visibilityState !== 'visible' || asking) return;
    asking = true;
    try {
      const event = await fetchEvent(code);
      const now = host.model().screen;
      // Joined (or gone elsewhere) meanwhile: the answer is for a form no longer there.
      if (now.name === 'join' && JSON.stringify(now.event) !== JSON.stringify(event)) host.set({ screen: { name: 'join', event } });
    } catch (err) {
      gone = err instanceof ApiError && err.code === 'NOT_FOUND';
      // Offline: the form stays as it is, and Join says why if it fails.
      if (gone && host.model().screen.name === 'join') showEventGone(host);
    } finally {
      asking = false;
    }
  };
  document.addEventListener('visibilitychange', () => void refresh());
  window.addEventListener('online', () => void refresh());
  // Back from the back-forward cache: the page is as it was left, timers and all.
  window.addEventListener('pageshow', (e) => e.persisted && void refresh());
  setInterval(() => void refresh(), JOIN_REFRESH_MS);
}
