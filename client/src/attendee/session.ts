import type { ClientToServerEvents } from '../../../shared/events';
import type { JoinBody, Match, MatchEnded, State } from '../../../shared/schemas';
import { ApiError } from '../shared/api';
import { fetchEvent, joinEvent } from './api';
import type { Actions, Model, Notice } from './model';
import { openSocket, send, type AttendeeSocket } from './socket';
import { forgetMet, forgetToken, loadMet, loadToken, rememberMet, saveToken } from './storage';

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

/**
 * One phone's session in one event: joining, the socket, and the actions. The server's `state`
 * is the truth; this keeps the last one and never guesses ahead of it.
 */
export class Session implements Actions {
  private model: Model;
  private socket: AttendeeSocket | null = null;

  constructor(
    code: string,
    private readonly hooks: SessionHooks,
  ) {
    this.model = {
      code,
      screen: { name: 'loading' },
      state: null,
      waiting: null,
      notice: null,
      announcement: null,
      met: loadMet(code).map((m) => m.name),
      connection: 'connecting',
      busy: false,
    };
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
  met = () => this.withMatch((m) => this.act('match:met', { matchId: m.id }));
  cantFind = () => this.withMatch((m) => this.act('match:leave', { matchId: m.id, reason: 'cant_find' }));
  done = () => this.withMatch((m) => this.act('match:leave', { matchId: m.id, reason: 'done' }));
  setOpen = (open: boolean) => this.withMatch((m) => this.act('match:open', { matchId: m.id, open }));
  findNew = () =>
    this.withMatch(async (m) => {
      if (await this.act('match:leave', { matchId: m.id, reason: 'done' })) await this.act('match:find', {});
    });
  showBeacon = () => this.withMatch(async (m) => this.hooks.showBeacon(m));

  dismissNotice = () => this.set({ notice: null });
  dismissAnnouncement = () => this.set({ announcement: null });

  startOver = async () => {
    // Leave the queue or the match first, so nobody waits for a phone that has moved on.
    const state = this.model.state;
    if (state?.match) await this.act('match:leave', { matchId: state.match.id, reason: 'done' });
    else if (state?.status === 'looking') await this.act('match:cancel', {});
    forgetToken(this.model.code);
    // Whoever starts over is someone else, who has not met these people.
    forgetMet(this.model.code);
    this.closeSocket();
    this.set({ state: null, notice: null, announcement: null, met: [], busy: false });
    void this.showJoin();
  };

  private async showJoin(notice: Notice | null = null): Promise<void> {
    this.set({ screen: { name: 'loading' }, notice });
    try {
      const event = await fetchEvent(this.model.code);
      this.set({ screen: { name: 'join', event } });
    } catch (err) {
      const message =
        err instanceof ApiError && err.code === 'NOT_FOUND'
          ? `We couldn't find an event with the code ${this.model.code}. Check the poster and try again.`
          : err instanceof Error ? err.message : String(err);
      this.set({ screen: { name: 'missing', message } });
    }
  }

  private connect(token: string): void {
    this.closeSocket();
    const socket = openSocket(token);
    this.socket = socket;
    this.set({ screen: { name: 'live' }, connection: 'connecting' });

    socket.on('connect', () => this.set({ connection: 'online' }));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.set({ connection: 'offline' });
      // The server dropped us on purpose (e.g. it could not load our state): try again.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'UNAUTHORIZED') {
        forgetToken(this.model.code);
        this.closeSocket();
        this.set({ state: null });
        void this.showJoin({ text: 'This phone is no longer signed in to the event. Please join again.', tone: 'warn' });
        return;
      }
      this.set({ connection: 'offline' });
      // A refusal from the server's middleware is not retried by socket.io-client itself.
      if (!socket.active) setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('state', (state) => this.applyState(state));
    socket.on('match:found', (match) => {
      this.set({ notice: null });
      this.hooks.matchFound(match);
    });
    socket.on('match:ended', (ended) => this.set({ notice: this.endedNotice(ended) }));
    socket.on('match:waiting', (waiting) => this.set({ waiting }));
    socket.on('event:announcement', (announcement) => {
      if ('vibrate' in navigator) navigator.vibrate(120);
      this.set({ announcement });
    });
    socket.on('event:updated', ({ event }) => {
      const { state } = this.model;
      if (state) this.set({ state: { ...state, event } });
    });
  }

  private closeSocket(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private applyState(state: State): void {
    // A queue report from before I started looking would miscount me; wait for a fresh one.
    const startedLooking = state.status === 'looking' && this.model.state?.status !== 'looking';
    // "We found each other": these people count as met, for the thank-you at the end.
    const met =
      state.status === 'chatting' && state.match
        ? rememberMet(this.model.code, state.match.partners).map((m) => m.name)
        : this.model.met;
    this.set({ state, met, screen: { name: 'live' }, ...(startedLooking ? { waiting: null } : {}) });
  }

  /** Sends one action; true if the server accepted it. Errors become a notice. */
  private async act<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<boolean> {
    const socket = this.socket;
    if (!socket || this.model.busy) return false;
    this.set({ busy: true, notice: null });
    try {
      const ack = await send(socket, event, payload);
      if (ack.ok) {
        this.applyState(ack.state);
        return true;
      }
      this.set({ notice: { text: ack.error.message, tone: 'error' } });
      return false;
    } catch {
      this.set({ notice: { text: 'The connection is slow. Please try again in a moment.', tone: 'error' } });
      return false;
    } finally {
      this.set({ busy: false });
    }
  }

  private async withMatch(action: (match: Match) => Promise<unknown>): Promise<void> {
    const match = this.model.state?.match;
    if (match) await action(match);
  }

  /** The words for a match that ended; the names come from the match as we last saw it. */
  private endedNotice({ matchId, reason }: MatchEnded): Notice | null {
    const match = this.model.state?.match;
    const partners = match?.id === matchId ? match.partners.map((p) => p.name) : [];
    switch (reason) {
      case 'partner_left':
        return partners.length === 1
          ? { text: `${partners[0]} had to go. Ready for someone new?`, tone: 'info' }
          : { text: 'Your group has wrapped up. Ready for someone new?', tone: 'info' };
      case 'timeout':
        return { text: "That match ran out of time. Tap Find when you're ready to try again.", tone: 'warn' };
      case 'cant_find':
        return { text: "We'll find you someone else.", tone: 'info' };
      case 'done':
        return null;
    }
  }

  private set(patch: Partial<Model>): void {
    this.model = { ...this.model, ...patch };
    this.hooks.changed(this.model);
  }
}
