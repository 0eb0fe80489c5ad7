import type { Match, State } from '../../../shared/schemas';
import { isOffline, STILL_OFFLINE_MS } from './connection';
import type { ModelHost, Notice, SendAction } from './model';
import { refusalNotice } from './notices';
import { loadKeptMet, saveKeptMet } from './storage';

/** What {@link Offline} needs of the session it works for. */
export interface OfflineHost extends ModelHost {
  /** Sends an action and applies the state it answers with. */
  send: SendAction;
}

/** "We found each other" (or, on the way to a group, "I found them") kept for when the phone is back. */
const metKept = (match: Match): Notice => ({
  text: `You’re offline. We’ll send “${match.arriving ? 'I found them' : 'We found each other'}” as soon as your phone is back, so no need to tap again.`,
  tone: 'info',
  connection: true,
});

/**
 * The phone without its socket: it says so at once, says more if that lasts (see
 * {@link STILL_OFFLINE_MS}), and keeps a "we found each other" tapped meanwhile to send once the
 * server's `state` says it still fits (why only that tap is kept: `Session.met`). The kept tap is
 * stored on the phone too: a phone reloads a page, or drops a tab in the background, and the
 * page that comes back sends it once it is connected.
 */
export class Offline {
  /** The match whose "we found each other" was tapped offline, to send once back (see {@link keepMet}). */
  private metKept: string | null;
  /** Turns "Reconnecting…" into what to check, once the phone has been offline a while. */
  private stillOfflineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: OfflineHost) {
    this.metKept = loadKeptMet(host.model().code);
  }

  /** The socket is down: say so now, and say more if it stays down (see STILL_OFFLINE_MS). */
  wentOffline(): void {
    // Each failed retry lands here too: the wait counts from the first.
    if (!isOffline(this.host.model())) {
      clearTimeout(this.stillOfflineTimer);
      this.stillOfflineTimer = setTimeout(() => this.host.set({ stillOffline: true }), STILL_OFFLINE_MS);
    }
    this.host.set({ connection: 'offline' });
  }

  /** The socket is up (again). */
  online(): void {
    clearTimeout(this.stillOfflineTimer);
    // "You're offline" and "no answer" are over: what the server says now is the truth.
    this.host.set({ connection: 'online', stillOffline: false, ...(this.host.model().notice?.connection ? { notice: null } : {}) });
  }

  /** "We found each other", tapped offline: kept, and the person told so. */
  keepMet(match: Match): void {
    this.keep(match.id);
    this.host.set({ notice: metKept(match) });
  }

  /**
   * Drops a kept "we found each other": a later tap (say, "Can't find them") is what they mean
   * now, or whoever it was for has gone from this phone.
   */
  dropMet(): void {
    this.keep(null);
  }

  /**
   * The socket is closed: no timer left running. A kept tap stays for the next socket (the page
   * opening one afresh, say), whose first `state` says whether it still fits.
   */
  stop(): void {
    clearTimeout(this.stillOfflineTimer);
  }

  /**
   * Sends the "we found each other" kept while offline, if `state` still has that match waiting
   * for it: not yet met, or met by the others while I am still on my way (`arriving`). Anything
   * else (it ended, timed out, or the partner tapped it meanwhile) drops it, and the state
   * itself says what happened. A refusal means the same race a moment later, so it is dropped
   * without a word too. Lost again on the way, it is kept for the next `state`; unanswered on a
   * connection that seems up, the person hears so, as for any tap, and taps again.
   */
  async sendKeptMet(state: State): Promise<void> {
    const matchId = this.metKept;
    const m = this.host.model();
    if (!matchId || m.connection !== 'online' || m.busy) return;
    const match = state.match;
    const waiting = match?.id === matchId && (state.status === 'matched' || match.arriving);
    if (!waiting) {
      this.keep(null);
      return;
    }
    const outcome = await this.host.send('match:met', { matchId });
    if (this.metKept !== matchId) return; // another tap since: that one is what they meant
    // Read afresh: the connection may have dropped while the tap was on its way.
    if (!outcome.ok && outcome.connection && isOffline(this.host.model())) {
      this.host.set({ notice: metKept(match) });
      return;
    }
    this.keep(null);
    if (!outcome.ok && outcome.connection) this.host.set({ notice: refusalNotice(outcome) });
  }

  private keep(matchId: string | null): void {
    this.metKept = matchId;
    saveKeptMet(this.host.model().code, matchId);
  }
}
