import type { ClientToServerEvents } from '../../../shared/events';
import type { Announcement, JoinBody, Match, State } from '../../../shared/schemas';
import { ApiError } from '../shared/api';
import { followNetwork } from '../shared/network';
import { Aftercare } from './aftercare';
import { Announcements } from './announcements';
import { fetchEvent, joinEvent } from './api';
import { STILL_OFFLINE_MS } from './connection';
import { exchangeOf } from './exchange';
import type { Actions, Model, Notice, Outcome, SeenMatch, Sheet } from './model';
import { comingOverNotice, endedNotice, goneNotice, newPartners } from './notices';
import { openSocket, send, type AttendeeSocket } from './socket';
import { forgetPerson, loadAfterChat, loadSeenMatch, loadShared, loadToken, saveAfterChat, saveSeenMatch, saveToken } from './storage';

export interface SessionHooks {
  /** Called with every new model; the renderer draws it. */
  changed(model: Model): void;
  /** A match was just made: buzz the phone, flag the tab. */
  matchFound(match: Match): void;
  /** Show the full-screen beacon of this match. */
  showBeacon(match: Match): void;
}

/** Retry delay after the server refused a connection for a reason other than a bad token. */
const REFUSED_RETRY_MS = 3_000;

/** Why an action did not go through, when the connection is to blame. */
const OFFLINE = 'You’re offline, so that didn’t go through. Mingle reconnects by itself: tap again once it’s back.';
const NO_ANSWER = 'Mingle didn’t answer in time, so that may not have gone through. Please try again in a moment.';
/** "We found each other" (or, on the way to a group, "I found them") kept for when the phone is back. */
const metKept = (match: Match): Notice => ({
  text: `You’re offline. We’ll send “${match.arriving ? 'I found them' : 'We found each other'}” as soon as your phone is back, so no need to tap again.`,
  tone: 'info',
  connection: true,
});

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/**
 * One phone's session in one event: joining, the socket, and the actions. The server's `state`
 * is the truth; this keeps the last one and never guesses ahead of it. What happens after a chat
 * (keeping in touch, feedback, block, report, forget me) is in {@link Aftercare}.
 */
export class Session implements Actions {
  private model: Model;
  private socket: AttendeeSocket | null = null;
  /** Stops following the device's online/offline events for the socket in use. */
  private unfollowNetwork: () => void = () => {};
  private token: string | null = null;
  /** The last match a `match:ended` told this phone about: its end needs no other explaining. */
  private endHeard: string | null = null;
  /** The match whose "we found each other" was tapped offline, to send once back (see {@link met}). */
  private metKept: string | null = null;
  /** The last match this phone buzzed for, whichever message brought it first. */
  private attended: string | null = null;
  /** Turns "Reconnecting…" into what to check, once the phone has been offline a while. */
  private stillOfflineTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly announcements: Announcements;
  private readonly care: Aftercare;

  constructor(
    code: string,
    private readonly hooks: SessionHooks,
  ) {
    this.model = {
      code,
      screen: { name: 'loading' },
      waiting: null,
      connection: 'connecting',
      stillOffline: false,
      ...this.blank(),
      shared: loadShared(code),
      afterChat: loadAfterChat(code),
    };
    this.announcements = new Announcements(code);
    this.care = new Aftercare({
      model: () => this.model,
      set: (patch) => this.set(patch),
      send: (event, payload) => this.send(event, payload),
      token: () => this.token,
      disconnect: () => this.closeSocket(),
      reconnect: () => this.token && this.connect(this.token),
      signedOut: (screen) => {
        this.token = null;
        this.set({ ...this.blank(), screen });
      },
    });
  }

  /** Resumes with a stored token (one round trip less on slow Wi-Fi), else shows the join form. */
  start(): void {
    if (!this.model.code) {
      this.set({ screen: { name: 'missing', message: 'This link is missing its event code. Scan the QR code at the door again.' } });
      return;
    }
    const token = loadToken(this.model.code);
    if (token) this.connect(token);
    else void this.showJoin();
  }

  async join(body: JoinBody): Promise<void> {
    const { token } = await joinEvent(this.model.code, body);
    saveToken(this.model.code, token);
    this.connect(token);
  }

  find = () => void this.act('match:find', {});
  cancel = () => void this.act('match:cancel', {});
  /**
   * "We found each other". Offline, it is kept and sent once the phone is back, if the server's
   * `state` then still has the same match waiting for it (see {@link sendKeptMet}). Two people
   * who are already talking may not notice a refusal, nor tap again, and the match would time
   * out under them; a repeat is a no-op on the server, and it means the same minutes later.
   *
   * Only this one is kept. The others would act on a screen that may be stale by the time the
   * phone is back, so they are refused at once and the person taps again if they still mean it:
   * Find minutes later could match someone who has since put the phone away and walked off;
   * Cancel, "Can't find them", Done or Find someone new would end a place or a match the
   * partner may have moved on in meanwhile (a "can't find" after they found each other is
   * refused, a leave ends their chat); the open switch, keeping in touch, block, report and
   * forget me show their refusal next to the form the person is still looking at.
   */
  met = () =>
    this.withMatch(async (m) => {
      if (this.socket && this.model.connection === 'offline') {
        this.metKept = m.id;
        this.set({ notice: metKept(m) });
        return;
      }
      await this.act('match:met', { matchId: m.id });
    });
  cantFind = () =>
    this.withMatch((m) => {
      // The last tap is what they mean now: a kept "we found each other" would contradict it.
      this.metKept = null;
      return this.act('match:leave', { matchId: m.id, reason: 'cant_find' });
    });
  done = () => this.withMatch((m) => this.act('match:leave', { matchId: m.id, reason: 'done' }));
  setOpen = (open: boolean) => this.withMatch((m) => this.act('match:open', { matchId: m.id, open }));
  findNew = () =>
    this.withMatch(async (m) => {
      if (await this.act('match:leave', { matchId: m.id, reason: 'done' })) await this.act('match:find', {});
    });
  showBeacon = () => this.withMatch(async (m) => this.hooks.showBeacon(m));

  dismissNotice = () => this.set({ notice: null });
  dismissAnnouncement = () => {
    this.announcements.dismiss(this.model.announcement);
    this.set({ announcement: null });
  };

  openSheet = (sheet: Sheet) => {
    this.set({ sheet });
    if (sheet.kind === 'people') void this.care.refreshConnections();
  };
  closeSheet = () => this.set({ sheet: null });
  shareContact: Actions['shareContact'] = (matchId, contact) => this.care.shareContact(matchId, contact);
  withdrawContact: Actions['withdrawContact'] = (matchId) => this.care.withdrawContact(matchId);
  sendFeedback: Actions['sendFeedback'] = (good) => this.care.sendFeedback(good);
  dismissAfterChat = () => this.set({ afterChat: null });
  block: Actions['block'] = (person) => this.care.block(person);
  report: Actions['report'] = (person, reason, text) => this.care.report(person, reason, text);
  forgetMe: Actions['forgetMe'] = () => this.care.forgetMe();
  saveContact: Actions['saveContact'] = (person) => this.care.saveContact(person);

  startOver = async () => {
    // Leave the queue or the match first, so nobody waits for a phone that has moved on.
    const state = this.model.state;
    if (state?.match) await this.act('match:leave', { matchId: state.match.id, reason: 'done' });
    else if (state?.status === 'looking') await this.act('match:cancel', {});
    // Whoever starts over is someone else: they have not met these people, nor shared anything.
    forgetPerson(this.model.code);
    this.closeSocket();
    this.token = null;
    this.set(this.blank());
    void this.showJoin();
  };

  /** What a phone knows of nobody in particular. */
  private blank() {
    const none = { state: null, notice: null, announcement: null, connections: null, afterChat: null, sheet: null };
    return { ...none, revealed: {}, shared: [] as string[], busy: false };
  }

  /** `signedOut`: this phone was in the event, and the server no longer knows its token. */
  private async showJoin(notice: Notice | null = null, signedOut = false): Promise<void> {
    this.set({ screen: { name: 'loading' }, notice });
    try {
      const event = await fetchEvent(this.model.code);
      this.set({ screen: { name: 'join', event } });
    } catch (err) {
      const unknown = err instanceof ApiError && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED');
      // Its token and its event are both gone (deleted after the event, or a server that lost
      // its data): "join again" and "check the poster" would send them after a code that was right.
      if (unknown && signedOut) {
        const message = `Mingle no longer has the event ${this.model.code}: it may have finished and been deleted. If it's still going, ask the organisers for its QR code.`;
        return this.set({ screen: { name: 'missing', message }, notice: null });
      }
      // A mistyped code is refused as malformed (VALIDATION_FAILED) or unknown (NOT_FOUND):
      // either way, the person needs the same words, not a schema's.
      const message = unknown
        ? `We couldn't find an event with the code ${this.model.code}. Check the poster and try again.`
        : err instanceof Error ? err.message : String(err);
      this.set({ screen: { name: 'missing', message } });
    }
  }

  private connect(token: string): void {
    this.closeSocket();
    this.token = token;
    const socket = openSocket(token);
    this.socket = socket;
    this.set({ screen: { name: 'live' }, connection: 'connecting', stillOffline: false });
    this.unfollowNetwork = followNetwork(socket);
    // Only the socket in use retries; one closed meanwhile (say, by forget me) stays closed.
    const retry = () => setTimeout(() => this.socket === socket && socket.connect(), REFUSED_RETRY_MS);

    socket.on('connect', () => {
      clearTimeout(this.stillOfflineTimer);
      // "You're offline" and "no answer" are over: what the server says now is the truth.
      this.set({ connection: 'online', stillOffline: false, ...(this.model.notice?.connection ? { notice: null } : {}) });
      // Details revealed while this phone was away arrive with the list.
      void this.care.refreshConnections();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.wentOffline();
      // The server dropped us on purpose (e.g. it could not load our state): try again.
      if (reason === 'io server disconnect') retry();
    });
    socket.on('connect_error', (err) => {
      // Removed by the organiser while this phone was offline, so `attendee:removed` never came.
      if (err.message === 'REMOVED') return this.removed();
      if (err.message === 'UNAUTHORIZED') {
        // Removed by the organiser, or the event's data is gone: whoever joins next on this
        // phone is someone else, and must not inherit this person's prompts or shares.
        forgetPerson(this.model.code);
        this.closeSocket();
        this.token = null;
        this.set(this.blank());
        void this.showJoin({ text: 'This phone is no longer signed in to the event. Please join again.', tone: 'warn' }, true);
        return;
      }
      this.wentOffline();
      // A refusal from the server's middleware is not retried by socket.io-client itself.
      if (!socket.active) retry();
    });
    socket.on('state', (state) => {
      this.applyState(state);
      // The first `state` after a reconnect says whether a kept tap still fits.
      void this.sendKeptMet(state);
    });
    socket.on('match:found', (match) => this.attend(match));
    socket.on('match:ended', (ended) => {
      this.endHeard = ended.matchId;
      // The thank-you screen has no Find button to tap.
      if (this.model.state?.event.status === 'ended') return;
      this.set({ notice: endedNotice(ended, this.model.state?.match ?? null) });
    });
    socket.on('match:waiting', (waiting) => this.set({ waiting }));
    socket.on('event:announcement', (announcement) => this.announce(announcement, true));
    socket.on('event:updated', ({ event }) => {
      const { state } = this.model;
      if (state) this.applyState({ ...state, event });
    });
    socket.on('contact:revealed', (revealed) => this.care.revealed(revealed));
    socket.on('attendee:removed', () => this.removed());
  }

  /**
   * The organiser took this person out (`attendee:removed`, or a resume refused REMOVED): this
   * phone stops, forgets them (whoever joins next here is someone else) and says why, rather
   * than offer to join again.
   */
  private removed(): void {
    const eventName = this.model.state?.event.name ?? '';
    forgetPerson(this.model.code);
    this.closeSocket();
    this.token = null;
    this.set({ ...this.blank(), screen: { name: 'removed', eventName } });
    // A page opened afresh has no state to name the event: the public event does.
    if (!eventName) {
      fetchEvent(this.model.code).then(
        (event) => this.model.screen.name === 'removed' && this.set({ screen: { name: 'removed', eventName: event.name } }),
        () => {},
      );
    }
  }

  /** The socket is down: say so now, and say more if it stays down (see STILL_OFFLINE_MS). */
  private wentOffline(): void {
    // Each failed retry lands here too: the wait counts from the first.
    if (this.model.connection !== 'offline') {
      clearTimeout(this.stillOfflineTimer);
      this.stillOfflineTimer = setTimeout(() => this.set({ stillOffline: true }), STILL_OFFLINE_MS);
    }
    this.set({ connection: 'offline' });
  }

  /**
   * Sends the "we found each other" kept while offline, if `state` still has that match waiting
   * for it: not yet met, or met by the others while I am still on my way (`arriving`). Anything
   * else (it ended, timed out, or the partner tapped it meanwhile) drops it, and the state
   * itself says what happened. A refusal means the same race a moment later, so it is dropped
   * without a word too. Lost again on the way, it is kept for the next `state`; unanswered on a
   * connection that seems up, the person hears so, as for any tap, and taps again.
   */
  private async sendKeptMet(state: State): Promise<void> {
    const matchId = this.metKept;
    if (!matchId || this.model.connection !== 'online' || this.model.busy) return;
    const match = state.match;
    const waiting = match?.id === matchId && (state.status === 'matched' || match.arriving);
    if (!waiting) {
      this.metKept = null;
      return;
    }
    const outcome = await this.send('match:met', { matchId });
    if (this.metKept !== matchId) return; // another tap since: that one is what they meant
    // Read afresh: the connection may have dropped while the tap was on its way.
    if (!outcome.ok && outcome.connection && this.isOffline()) {
      this.set({ notice: metKept(match) });
      return;
    }
    this.metKept = null;
    if (!outcome.ok && outcome.connection) this.set({ notice: { text: outcome.message, tone: 'error', connection: true } });
  }

  private isOffline(): boolean {
    return this.model.connection === 'offline';
  }

  /**
   * A new match (sent to join people who are already talking, too): clears the way to its card,
   * buzzes the phone and flags the tab. Once per match, whether `match:found` or a `state`
   * told of it first.
   */
  private attend(match: Match): void {
    if (this.attended === match.id) return;
    this.attended = match.id;
    // A sheet about the last chat (keeping in touch, the people met) would hide the new card;
    // one with something half-typed or half-decided (a report, forget me) stays.
    const { sheet } = this.model;
    const aside = sheet?.kind === 'keep' || sheet?.kind === 'people';
    this.set({ notice: null, afterChat: null, ...(aside ? { sheet: null } : {}) });
    this.hooks.matchFound(match);
  }

  private closeSocket(): void {
    clearTimeout(this.stillOfflineTimer);
    this.metKept = null;
    this.unfollowNetwork();
    this.unfollowNetwork = () => {};
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private announce(announcement: Announcement | null, live: boolean): void {
    // After the end, the last one from before it ("matching resumes in 5 minutes") is stale; one
    // sent since (say, where the party moves on to) arrives live. On a fresh page the two look
    // alike (`endsAt` is the planned end, which an evening running late passes), so neither shows.
    if (!live && this.model.state?.event.status === 'ended') return;
    if (!this.announcements.isNew(announcement, this.model.announcement)) return;
    if (live && 'vibrate' in navigator) navigator.vibrate(120);
    this.set({ announcement });
  }

  private applyState(state: State): void {
    const before = this.model.state;
    // The match this phone last saw: on this page, or as kept from before a reload.
    const seen = before ? seenOf(before) : loadSeenMatch(this.model.code);
    // It is over, and no `match:ended` said how: this phone was away when it ended.
    const over = seen && seen.id !== state.match?.id && seen.id !== this.endHeard;
    const missed = over && state.event.status !== 'ended' ? seen : null;
    // Queue reports go only to phones that are looking: one from before I started looking
    // would miscount me, and one kept after I stopped would go stale.
    const stillLooking = state.status === 'looking' && before?.status === 'looking';
    // The thank-you screen has nothing to act on: "Ready for someone new?" would only confuse.
    const ended = state.event.status === 'ended' && before?.event.status !== 'ended';
    // Someone was sent to join us: say who, and how to spot them. Someone left: say so, in place
    // of a "coming over" that no longer holds.
    const arrived = newPartners(before?.match ?? null, state.match);
    const gone = goneNotice(before?.match ?? null, state.match);
    // The server dropped my offer to swap details as they joined: say why it is gone.
    const withdrawn = arrived.length > 0 && !!state.match && exchangeOf(this.model, state.match.id).status === 'shared';
    if (arrived.length > 0 && 'vibrate' in navigator) navigator.vibrate(120);
    this.set({
      state,
      screen: { name: 'live' },
      ...(stillLooking ? {} : { waiting: null }),
      // Once it has ended, what the organisers said before (say, "back in 5 minutes") no longer holds.
      ...(ended
        ? { notice: null, announcement: null }
        : arrived.length > 0
          ? { notice: comingOverNotice(arrived, withdrawn) }
          : gone
            ? { notice: gone }
            : {}),
    });
    const seenNow = seenOf(state);
    if (JSON.stringify(seenNow) !== JSON.stringify(seen)) saveSeenMatch(this.model.code, seenNow);
    this.announce(state.event.announcement, false);
    if (arrived.length > 0 && state.match) this.care.joined(state.match.id);
    if (missed) void this.care.missedEnd(missed);
    else this.care.followState(before, state);
    // A match this phone has never shown, first heard of here rather than in `match:found`: made
    // while the link was dead before the server noticed, or while a dropped tab was closed. It
    // gets the same buzz; one already shown (kept as `seen`, say before a reload) never does.
    if (state.match && state.match.id !== seen?.id && state.event.status !== 'ended') this.attend(state.match);
  }

  /**
   * Sends one action and applies the state it answers with. Refusals come back as a message for
   * the caller to show where the action was asked for.
   */
  private async send<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<Outcome> {
    const socket = this.socket;
    if (!socket) return { ok: false, message: 'Not connected to Mingle right now. Try again in a moment.' };
    // Sent now, it would wait out the ack timeout with every button dimmed, then blame the speed.
    if (this.model.connection === 'offline') return { ok: false, message: OFFLINE, connection: true };
    if (this.model.busy) return { ok: false, message: 'Just a moment, still busy with the last tap.' };
    this.set({ busy: true });
    try {
      const ack = await send(socket, event, payload);
      if (!ack.ok) return { ok: false, message: ack.error.message };
      this.applyState(ack.state);
      return { ok: true };
    } catch {
      return { ok: false, message: NO_ANSWER, connection: true };
    } finally {
      this.set({ busy: false });
    }
  }

  /** Sends one of the big actions; true if the server accepted it. A refusal becomes the notice. */
  private async act<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<boolean> {
    if (this.model.busy) return false;
    this.set({ notice: null });
    const outcome = await this.send(event, payload);
    if (!outcome.ok) this.set({ notice: { text: outcome.message, tone: 'error', connection: outcome.connection } });
    return outcome.ok;
  }

  private async withMatch(action: (match: Match) => Promise<unknown>): Promise<void> {
    const match = this.model.state?.match;
    if (match) await action(match);
  }

  private set(patch: Partial<Model>): void {
    if ('afterChat' in patch && patch.afterChat !== this.model.afterChat) saveAfterChat(this.model.code, patch.afterChat ?? null);
    this.model = { ...this.model, ...patch };
    this.hooks.changed(this.model);
  }
}

/** What a phone keeps of the match in `state`, to explain its end should it miss it. */
function seenOf({ match, status }: State): SeenMatch | null {
  if (!match) return null;
  const partners = match.partners.map(({ id, name, arriving }) => ({ id, name, arriving }));
  return { id: match.id, arriving: match.arriving, chatting: status === 'chatting', partners };
}
