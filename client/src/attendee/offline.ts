import type { Match, State } from '../../../shared/schemas';
import { isOffline, STILL_OFFLINE_MS } from './connection';
import type { ModelHost, Notice, SendAction } from './model';
import { awaitsMet } from './notices';
import { loadKeptMet, loadLastState, saveKeptMet } from './storage';

/** What {@link Offline} needs of the session it works for. */
export interface OfflineHost extends ModelHost {
  /** Sends an action and applies the state it answers with. */
  send: SendAction;
}

/** The button's words: "We found each other", or, on the way to a group, "I found them". */
const tapName = (match: Match) => (match.arriving ? 'I found them' : 'We found each other');

/** "We found each other" (or, on the way to a group, "I found them") kept for when the phone is back. */
const metKept = (match: Match): Notice => ({
  text: `You're offline. We'll send “${tapName(match)}” as soon as your phone is back, so no need to tap again.`,
  tone: 'info',
  connection: true,
  about: { kind: 'metKept', matchId: match.id },
});

/** "We found each other" sent, and no answer came on a link that seemed up: kept for the next connection. */
const metUnanswered = (match: Match): Notice => ({
  text: `Mingle didn't answer, so the connection may have dropped. We'll send “${tapName(match)}” again once it's back, so no need to tap again.`,
  tone: 'info',
  connection: true,
  about: { kind: 'metKept', matchId: match.id },
});

/**
 * How long a page that has heard nothing from the server yet waits for its first connection
 * before it shows what the phone kept (a match card, say). A link that is down fails at once, and
 * shows it then; one that hangs (venue Wi-Fi with no way out) would leave the page on
 * "Connecting…" for socket.io's 20 s. A working link connects well within this.
 */
const KEPT_AFTER_MS = 3_000;

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
  /** Shows what the phone kept, should the first connection not come (see {@link KEPT_AFTER_MS}). */
  private keptTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: OfflineHost) {
    this.metKept = loadKeptMet(host.model().code);
  }

  /**
   * A socket is opening. Should a page with no `state` yet still have no connection after
   * {@link KEPT_AFTER_MS}, it is taken as offline: the phone shows what it kept, as when the
   * socket fails at once.
   */
  connecting(): void {
    clearTimeout(this.keptTimer);
    this.keptTimer = setTimeout(() => {
      const m = this.host.model();
      if (m.connection === 'connecting' && !m.state && loadLastState(m.code)) this.wentOffline();
    }, KEPT_AFTER_MS);
  }

  /**
   * The socket is down: say so now, and say more if it stays down (see STILL_OFFLINE_MS). A page
   * opened offline has no `state` yet: it shows the one kept on the phone (the match card, say),
   * as the bar says, until the server's own takes over.
   */
  wentOffline(): void {
    const m = this.host.model();
    // Each failed retry lands here too: the wait counts from the first.
    if (!isOffline(m) || m.tooManyTabs) {
      clearTimeout(this.stillOfflineTimer);
      this.stillOfflineTimer = setTimeout(() => this.host.set({ stillOffline: true }), STILL_OFFLINE_MS);
    }
    const kept = m.state ? null : loadLastState(m.code);
    this.host.set({ connection: 'offline', tooManyTabs: false, ...(kept ? { state: kept, stateKept: true } : {}) });
  }

  /**
   * Refused because this person's other tabs hold every connection they may have: no connection
   * here (taps are refused as offline), but nothing for the network to fix, so no "check your
   * Wi-Fi" later either. The socket keeps trying, and gets in once another tab closes.
   */
  tooManyTabs(): void {
    clearTimeout(this.stillOfflineTimer);
    this.host.set({ connection: 'offline', stillOffline: false, tooManyTabs: true });
  }

  /** The socket is up (again). */
  online(): void {
    clearTimeout(this.stillOfflineTimer);
    clearTimeout(this.keptTimer);
    // "You're offline" and "no answer" are over: what the server says now is the truth.
    this.host.set({ connection: 'online', stillOffline: false, tooManyTabs: false, ...(this.host.model().notice?.connection ? { notice: null } : {}) });
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
    clearTimeout(this.keptTimer);
  }

  /**
   * Sends the "we found each other" kept while offline, if `state` still has that match waiting
   * for it: not yet met, or met by the others while I am still on my way (`arriving`). Anything
   * else (it ended, timed out, or the partner tapped it meanwhile) drops it, and the state
   * itself says what happened. A refusal means the same race a moment later, so it is dropped
   * without a word too. Unanswered (lost on the way, or no ack on a link that only seemed up, as
   * one that died without a word does until its heartbeat fails), it stays kept, on the phone
   * too, until the `state` of the next connection says whether it still fits: sent twice it
   * changes nothing (see `match:met`).
   */
  async sendKeptMet(state: State): Promise<void> {
    const matchId = this.metKept;
    const m = this.host.model();
    if (!matchId || m.connection !== 'online' || m.busy) return;
    const match = state.match;
    if (!match || !awaitsMet(match, matchId)) {
      this.keep(null);
      return;
    }
    const outcome = await this.host.send('match:met', { matchId });
    if (this.metKept !== matchId) return; // another tap since: that one is what they meant
    if (outcome.ok || !outcome.connection) {
      this.keep(null);
      return;
    }
    // Read afresh: the connection may have dropped while the tap was on its way.
    this.host.set({ notice: isOffline(this.host.model()) ? metKept(match) : metUnanswered(match) });
  }

  private keep(matchId: string | null): void {
    this.metKept = matchId;
    saveKeptMet(this.host.model().code, matchId);
  }
}
