import type { Aftercare } from './aftercare';
import type { Notice } from './model';
import { signedOutNotice } from './notices';
import type { Offline } from './offline';
import type { AttendeeSocket } from './socket';
import type { Updates } from './updates';

/** Where {@link listen} sends a socket's events: the session's helpers, and what only the session can do. */
export interface SocketListener {
  offline: Pick<Offline, 'online' | 'wentOffline' | 'tooManyTabs' | 'sendKeptMet'>;
  updates: Pick<Updates, 'applyState' | 'attend' | 'ended' | 'reminder' | 'waiting' | 'announce' | 'withdrawn' | 'eventUpdated'>;
  care: Pick<Aftercare, 'refreshConnections' | 'revealed'>;
  /** True while `socket` is the one in use. */
  inUse(socket: AttendeeSocket): boolean;
  /** The organiser took this person out (see `Session.removed`). */
  removed(): void;
  /** The server no longer knows this phone's token: forget the person, and show the join form with `notice`. */
  signedOut(notice: Notice): void;
}

/** Retry delay after the server refused a connection for a reason other than a bad token. */
const REFUSED_RETRY_MS = 3_000;

/**
 * Wires a freshly opened socket's events to `to`: the connection coming and going (with the
 * retries socket.io-client does not make by itself), and what the server says.
 */
export function listen(socket: AttendeeSocket, to: SocketListener): void {
  // Only the socket in use retries; one closed meanwhile (say, by forget me) stays closed.
  const retry = () => setTimeout(() => to.inUse(socket) && socket.connect(), REFUSED_RETRY_MS);

  socket.on('connect', () => {
    to.offline.online();
    // Details revealed while this phone was away arrive with the list.
    void to.care.refreshConnections();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    to.offline.wentOffline();
    // The server dropped us on purpose (e.g. it could not load our state): try again.
    if (reason === 'io server disconnect') retry();
  });
  socket.on('connect_error', (err: Error & { data?: { reason?: string } }) => {
    if (err.message === 'UNAUTHORIZED') {
      // Removed by the organiser while this phone was offline, so `attendee:removed` never came.
      if (err.data?.reason === 'REMOVED') return to.removed();
      // Forgotten (say, from another tab), or the event's data is gone: whoever joins next on
      // this phone is someone else, and must not inherit this person's prompts or shares.
      return to.signedOut(signedOutNotice);
    }
    // This person's other tabs hold every connection they may have: not the network's fault.
    if (err.message === 'RATE_LIMITED' && err.data?.reason === 'TOO_MANY_CONNECTIONS') to.offline.tooManyTabs();
    else to.offline.wentOffline();
    // A refusal from the server's middleware is not retried by socket.io-client itself.
    if (!socket.active) retry();
  });
  socket.on('state', (state) => {
    to.updates.applyState(state);
    // The first `state` after a reconnect says whether a kept tap still fits.
    void to.offline.sendKeptMet(state);
  });
  socket.on('match:found', (match) => to.updates.attend(match));
  socket.on('match:ended', (ended) => to.updates.ended(ended));
  socket.on('match:reminder', (reminder) => to.updates.reminder(reminder));
  socket.on('match:waiting', (waiting) => to.updates.waiting(waiting));
  socket.on('event:announcement', (announcement) => to.updates.announce(announcement, true));
  socket.on('announcement:withdrawn', ({ at }) => to.updates.withdrawn(at));
  socket.on('event:updated', ({ event }) => to.updates.eventUpdated(event));
  socket.on('contact:revealed', (revealed) => to.care.revealed(revealed));
  // Someone I met has left the event, or I reported them from another phone: the list, the badge,
  // the after-chat card and an open sheet follow the server's list, which no longer names them
  // (and says why, if it should).
  socket.on('connections:changed', () => void to.care.refreshConnections());
  socket.on('attendee:removed', () => to.removed());
  // The event's data reached its deletion date: the token is dead, and so is the event. The
  // join form would fetch the event and find it gone, and say so ("Mingle no longer has…").
  socket.on('event:deleted', () => to.signedOut({ text: 'This event has finished and its data has been deleted.', tone: 'info' }));
}
