import type { ClientToServerEvents } from '../../../shared/events';
import type { JoinBody, Match } from '../../../shared/schemas';
import { followNetwork } from '../shared/network';
import { Aftercare } from './aftercare';
import { fetchEvent } from './api';
import { isOffline } from './connection';
import { keepJoinFresh } from './join-refresh';
import type { Actions, Model, Notice, Outcome, Sheet } from './model';
import { refusalNotice, signedOutNotice } from './notices';
import { Offline } from './offline';
import { SignIn } from './sign-in';
import { openSocket, send, type AttendeeSocket, type Payload } from './socket';
import { listen } from './socket-events';
import { clearRemoved, forgetPerson, loadAfterChat, loadShared, saveAfterChat, saveRemoved } from './storage';
import { Updates } from './updates';

/** What the page around a {@link Session} does for it. */
export interface SessionHooks {
  /** Called with every new model; the renderer draws it. */
  changed(model: Model): void;
  /** A match was just made: buzz the phone, flag the tab. */
  matchFound(match: Match): void;
  /** Show the full-screen beacon of this match. */
  showBeacon(match: Match): void;
}

/** Why an action did not go through, when the connection is to blame. */
const OFFLINE = "You're offline, so that didn't go through. Mingle reconnects by itself: tap again once it's back.";
const NO_ANSWER = "Mingle didn't answer in time, so that may not have gone through. Please try again in a moment.";

/** What a phone knows of nobody in particular. */
function blank() {
  const none = { state: null, notice: null, announcement: null, announcementFolded: null, announcementNew: false, connections: null, afterChat: null, sheet: null };
  return { ...none, stateKept: false, connectionsCover: [] as string[], listAwaited: null, revealed: {}, revealedSinceList: [] as string[], swapped: [] as string[], shared: [] as string[], busy: false };
}

/**
 * One phone's session in one event: joining, the socket, and the actions. The server's `state`
 * is the truth; this keeps the last one and never guesses ahead of it. Its helpers: getting in
 * ({@link SignIn}), the socket's events ({@link listen}), what the server says ({@link Updates}),
 * being offline ({@link Offline}), and what happens after a chat (keeping in touch, feedback,
 * block, report, forget me: {@link Aftercare}).
 */
export class Session implements Actions {
  private model: Model;
  private socket: AttendeeSocket | null = null;
  /** Stops following the device's online/offline events for the socket in use. */
  private unfollowNetwork: () => void = () => {};
  private token: string | null = null;
  private readonly signIn: SignIn;
  private readonly updates: Updates;
  private readonly offline: Offline;
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
      tooManyTabs: false,
      ...blank(),
      shared: loadShared(code),
      afterChat: loadAfterChat(code),
    };
    const host = { model: () => this.model, set: (patch: Partial<Model>) => this.set(patch) };
    const sendAction = <E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>) => this.send(event, payload);
    this.signIn = new SignIn({ ...host, connect: (token) => this.connect(token), showRemoved: (eventId, eventName) => this.showRemoved(eventId, eventName) });
    this.offline = new Offline({ ...host, send: sendAction });
    this.care = new Aftercare({
      ...host,
      send: sendAction,
      token: () => this.token,
      disconnect: () => this.closeSocket(),
      reconnect: () => this.token && this.connect(this.token),
      signedOut: (screen) => this.signOut({ screen }),
    });
    this.updates = new Updates({ ...host, care: this.care, matchFound: (match) => this.hooks.matchFound(match) });
    keepJoinFresh(host);
    // Back in view after a while in a pocket: the people met may have left the event since (the
    // card would still offer a swap), or the event's data gone (the token is then refused).
    document.addEventListener('visibilitychange', () => {
      const ended = this.model.state?.event.status === 'ended';
      if (document.visibilityState === 'visible' && this.token && (this.model.afterChat || ended)) void this.care.refreshConnections();
    });
  }

  /** Resumes with a stored token (one round trip less on slow Wi-Fi), else shows the join form. */
  start(): void {
    this.signIn.start();
  }

  join(body: JoinBody): Promise<void> {
    return this.signIn.join(body);
  }

  find = () => void this.act('match:find', {});
  cancel = () => void this.act('match:cancel', {});
  /**
   * "We found each other". Offline, it is kept and sent once the phone is back, if the server's
   * `state` then still has the same match waiting for it (see {@link Offline.sendKeptMet}). Two people
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
      if (this.socket && isOffline(this.model)) return this.offline.keepMet(m);
      // Answered: a tap kept from before has nothing left to say.
      if (await this.act('match:met', { matchId: m.id })) this.offline.dropMet();
    });
  cantFind = () =>
    this.withMatch((m) => {
      // The last tap is what they mean now: a kept "we found each other" would contradict it.
      this.offline.dropMet();
      return this.act('match:leave', { matchId: m.id, reason: 'cant_find' });
    });
  done = () => this.withMatch((m) => this.act('match:leave', { matchId: m.id, reason: 'done' }));
  setOpen = (open: boolean) => this.withMatch((m) => this.act('match:open', { matchId: m.id, open }));
  findNew = () =>
    this.withMatch(async (m) => {
      // `findNext`: the partner is told I wrapped up to keep mingling, not that I had to go.
      if (await this.act('match:leave', { matchId: m.id, reason: 'done', findNext: true })) await this.act('match:find', {});
    });
  showBeacon = () => this.withMatch(async (m) => this.hooks.showBeacon(m));

  dismissNotice = () => this.set({ notice: null });
  dismissAnnouncement = () => this.updates.dismissAnnouncement();
  // Opened, it has been seen: no longer marked new.
  toggleAnnouncement = () => this.set({ announcementFolded: !this.model.announcementFolded, announcementNew: false });
  foldAnnouncement = () => {
    // Only one shown whole as it came: one opened by a tap stays open.
    if (this.model.announcement && this.model.announcementFolded === null) this.set({ announcementFolded: true });
  };

  openSheet = (sheet: Sheet) => {
    this.set({ sheet });
    // The server's word on who is still there to keep in touch with, and what they shared.
    if (sheet.kind === 'people' || sheet.kind === 'keep') void this.care.refreshConnections();
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

  editProfile = () => {
    const state = this.model.state;
    if (!state) return;
    const seenBy = state.match?.partners.map((p) => p.name) ?? [];
    this.openSheet({ kind: 'profile', me: state.me, topics: state.event.topics, seenBy });
  };
  updateProfile: Actions['updateProfile'] = async (patch) => {
    const outcome = await this.send('profile:update', patch);
    // A notice about a match (a reminder, someone coming over) says more than "Saved" would.
    if (outcome.ok) this.set({ sheet: null, notice: this.model.notice ?? { text: 'Your profile is saved.', tone: 'info', focus: true } });
    return outcome;
  };

  startOver = async () => {
    // Leave the queue or the match first, so nobody waits for a phone that has moved on.
    const state = this.model.state;
    if (state?.match) await this.act('match:leave', { matchId: state.match.id, reason: 'done' });
    else if (state?.status === 'looking') await this.act('match:cancel', {});
    // Whoever starts over is someone else: they have not met these people, nor shared anything.
    // Only their blocks stay with the phone (the next join sends the token they had).
    const previous = this.token;
    this.signOut();
    if (previous) this.signIn.handOver(previous);
    void this.signIn.showJoin();
  };

  private connect(token: string): void {
    this.closeSocket();
    this.token = token;
    const socket = openSocket(token);
    this.socket = socket;
    this.set({ screen: { name: 'live' }, connection: 'connecting', stillOffline: false, tooManyTabs: false });
    this.offline.connecting();
    this.unfollowNetwork = followNetwork(socket);
    listen(socket, {
      offline: this.offline,
      updates: this.updates,
      care: this.care,
      inUse: (s) => this.socket === s,
      removed: () => this.removed(),
      signedOut: (notice) => this.signedOut(notice),
    });
  }

  /** The server no longer knows this phone's token: forget the person, and show the join form with `notice`. */
  private signedOut(notice: Notice): void {
    this.signOut();
    void this.signIn.showJoin(notice, true);
  }

  /**
   * This person is gone from the phone: it forgets them (whoever joins here next is someone
   * else), closes the socket and drops the token, then shows `patch` over a blank model.
   */
  private signOut(patch: Partial<Model> = {}): void {
    forgetPerson(this.model.code);
    this.offline.dropMet();
    this.closeSocket();
    this.token = null;
    this.set({ ...blank(), ...patch });
  }

  /**
   * The organiser took this person out (`attendee:removed`, or a resume refused UNAUTHORIZED with the reason REMOVED): this
   * phone stops, forgets them (whoever joins next here is someone else) and says why, rather
   * than offer to join again.
   */
  private removed(): void {
    const event = this.model.state?.event;
    this.signOut();
    this.showRemoved(event?.id ?? null, event?.name ?? '');
  }

  /**
   * "You've been removed", remembered on this phone for that event. A page opened afresh fetches
   * the event, to name it and to check it is the one (the code may since serve another event).
   */
  private showRemoved(eventId: string | null, eventName: string): void {
    const { code } = this.model;
    if (eventId) saveRemoved(code, eventId);
    this.set({ screen: { name: 'removed', eventName } });
    if (eventId && eventName) return;
    fetchEvent(code).then(
      (event) => {
        if (this.model.screen.name !== 'removed') return;
        if (eventId && event.id !== eventId) {
          clearRemoved(code);
          void this.signIn.showJoin();
          return;
        }
        saveRemoved(code, event.id);
        this.set({ screen: { name: 'removed', eventName: event.name } });
      },
      () => {},
    );
  }

  private closeSocket(): void {
    this.offline.stop();
    this.unfollowNetwork();
    this.unfollowNetwork = () => {};
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /**
   * Sends one action and applies the state it answers with. Refusals come back as a message for
   * the caller to show where the action was asked for.
   */
  private async send<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<Outcome> {
    const socket = this.socket;
    if (!socket) return { ok: false, message: 'Not connected to Mingle right now. Try again in a moment.' };
    // Sent now, it would wait out the ack timeout with every button dimmed, then blame the speed.
    if (isOffline(this.model)) return { ok: false, message: OFFLINE, connection: true };
    if (this.model.busy) return { ok: false, message: 'Just a moment, still busy with the last tap.' };
    this.set({ busy: true });
    try {
      const ack = await send(socket, event, payload);
      // Gone while connected (forgotten from another tab, or the event's data deleted): as a
      // refused reconnect would say, this phone is signed out.
      if (!ack.ok && ack.error.code === 'UNAUTHORIZED') this.signedOut(signedOutNotice);
      if (!ack.ok) return { ok: false, message: ack.error.message, code: ack.error.code, issues: ack.error.issues };
      this.updates.applyState(ack.state);
      return { ok: true };
    } catch {
      return { ok: false, message: NO_ANSWER, connection: true };
    } finally {
      this.set({ busy: false });
    }
  }

  /**
   * Sends one of the big actions; true if the server accepted it. A refusal becomes the notice,
   * unless the match it was about changed on the way and something already says how (say, "Can't
   * find them" from the partner crossed my "We found each other": its `match:ended` said what
   * comes next, and "That match has ended", in red, would only talk over it).
   */
  private async act<E extends keyof ClientToServerEvents>(event: E, payload: Payload<E>): Promise<boolean> {
    if (this.model.busy) return false;
    this.set({ notice: null });
    const about = this.model.state?.match?.id ?? null;
    const outcome = await this.send(event, payload);
    const overtaken = (this.model.state?.match?.id ?? null) !== about && this.model.notice !== null;
    if (!outcome.ok && !overtaken) this.set({ notice: refusalNotice(outcome) });
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
