import type { OrganiserAck, OrganiserClientToServerEvents } from '../../../shared/events';
import type { EventUpdatePayload } from '../../../shared/schemas';
import { forgetToken, loadToken, parsePasted, saveToken, takeLinkToken, type LinkToken } from './auth';
import { downloadWithToken, slug } from '../shared/download';
import { keepFigures, loadKeptFigures, type KeptFigures } from './kept-figures';
import { followNetwork } from '../shared/network';
import { loadDeleted, rememberDeleted, saveDetails } from '../shared/organised-events';
import type { Actions, Model, Notice, SignIn } from './model';
import { openSocket, send, type OrganiserSocket } from './socket';

/** Retry delay after the server refused a connection for a reason other than the token. */
const REFUSED_RETRY_MS = 3_000;

/** What the dashboard says of a link it could not use, over the dashboard or the sign-in form. */
const LINK_SAYS = {
  UNAUTHORIZED: "The organiser link you opened didn't work: Mingle doesn't recognise it. Was it cut short when copied?",
  FORBIDDEN: "The organiser link you opened didn't work: it's for another event, or it's an attendee's link.",
  incomplete: 'The organiser link you opened looks incomplete: its #token=… part is cut short. Copy the whole link again; it ends in a long run of letters and digits.',
} as const;
const USING_SAVED = 'This dashboard uses the organiser link saved on this laptop.';

/**
 * How long a dashboard opened with figures kept by this tab waits for its first connection before
 * it shows them, as after a lost connection: on Wi-Fi that connects but never answers, socket.io
 * gives up only after 20 s, with the cards empty meanwhile. The phone waits as long (attendee/offline.ts).
 */
const KEPT_AFTER_MS = 3_000;

/**
 * The dashboard's session with one event: the token, the socket and the controls. The server's
 * `stats` and `event:updated` are the truth; this keeps the last of each and never guesses.
 */
export class Session implements Actions {
  private model: Model;
  private socket: OrganiserSocket | null = null;
  /** Stops following the device's online/offline events for the socket in use. */
  private unfollowNetwork: () => void = () => {};
  private token: string | null = null;
  /**
   * Whether `token` came from a link or a paste and the server has yet to accept it. Such a token
   * is saved only once accepted, so a bad link never replaces the token that works here.
   */
  private onTrial = false;
  /** When (this laptop's clock) the server last showed it was there: a message or a heartbeat. */
  private heardAt = 0;
  /** Notes each heartbeat of the socket in use (its Manager's `ping`), removed with the socket. */
  private readonly heard = () => (this.heardAt = Date.now());
  /** The figures this tab kept before a reload, shown if the connection fails before new ones come. */
  private kept: KeptFigures | null;
  /** Shows the kept figures should the first connection not come in {@link KEPT_AFTER_MS}. */
  private keptTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    eventId: string,
    private readonly changed: (model: Model) => void,
  ) {
    this.model = { eventId, signIn: null, connection: 'connecting', event: null, joinUrl: null, stats: null, statsReceivedAt: 0, lostAt: null, notice: null };
    this.kept = eventId ? loadKeptFigures(eventId) : null;
  }

  start(): void {
    this.openWith(takeLinkToken());
    // A link opened over the open dashboard changes only the fragment, which reloads nothing.
    window.addEventListener('hashchange', () => {
      const link = takeLinkToken();
      if (link.kind !== 'none') this.openWith(link);
    });
  }

  /** Opens the dashboard with what the address bar brought, else the token saved here. */
  private openWith(link: LinkToken): void {
    const { eventId } = this.model;
    const saved = eventId ? loadToken(eventId) : null;
    if (link.kind === 'token' && eventId) {
      if (link.token !== this.token) this.connect(link.token, link.token !== saved);
      return;
    }
    if (link.kind === 'incomplete') {
      const incomplete: Notice = { text: `${LINK_SAYS.incomplete} ${USING_SAVED}`, tone: 'warn' };
      if (this.socket) return this.set({ notice: incomplete });
      // Not "no link": the organiser did open one, and should go and copy it whole. The sign-in
      // form says so alone: nothing was sent, so nothing may claim the server refused it.
      if (!saved) return this.set({ signIn: this.asking({ reason: 'incomplete' }), notice: null });
      this.connect(saved, false);
      return this.set({ notice: incomplete });
    }
    if (saved) this.connect(saved, false);
    else this.set({ signIn: this.asking({ reason: 'missing' }) });
  }

  /**
   * What the dashboard shows in place of the event: why it asks for a link, unless this laptop
   * was told the event's data was deleted, when no link could open it (a reload, an old link).
   */
  private asking(why: SignIn): SignIn {
    const name = loadDeleted(this.model.eventId);
    return name === null ? why : { reason: 'deleted', name };
  }

  pause = () => this.control('event:pause', {});
  resume = () => this.control('event:resume', {});
  end = () => this.control('event:end', {});
  announce = (message: string) => this.control('event:announce', { message });
  withdrawAnnouncement = () => this.control('announcement:withdraw', {});
  update = (patch: EventUpdatePayload) => this.control('event:update', patch);
  remove = async (attendeeId: string): Promise<OrganiserAck> => {
    const ack = await this.control('attendee:remove', { attendeeId });
    // Another organiser's removal a moment ago the server answers as done itself. NOT_FOUND is
    // left for someone who deleted themselves (a "forget me" leaves nothing of them, so the server
    // cannot tell them from a stranger's id): this dashboard listed them, so they were here, and
    // what was asked for holds. There is nothing to say.
    const event = this.model.event;
    return !ack.ok && ack.error.code === 'NOT_FOUND' && event ? { ok: true, event } : ack;
  };

  downloadCsv = () => this.download('export.csv', 'matches.csv');
  downloadStats = () => this.download('stats', 'stats.json');

  signIn(pasted: string): boolean {
    const found = parsePasted(pasted, this.model.eventId);
    if (!found) return false;
    // A link to another event's dashboard: go there, where its token is tried as a link's is.
    if (found.eventId !== this.model.eventId) {
      location.assign(`/organiser/${encodeURIComponent(found.eventId)}#token=${encodeURIComponent(found.token)}`);
    } else {
      this.connect(found.token, found.token !== loadToken(found.eventId));
    }
    return true;
  }

  dismissNotice = () => this.set({ notice: null });
  notify = (notice: Notice) => this.set({ notice });

  /** Connects with `token`; `onTrial` for one from a link or a paste, not yet accepted here. */
  private connect(token: string, onTrial: boolean): void {
    this.closeSocket();
    this.token = token;
    this.onTrial = onTrial;
    const socket = openSocket(token, this.model.eventId);
    this.socket = socket;
    this.set({ signIn: null, connection: 'connecting', notice: null });
    this.unfollowNetwork = followNetwork(socket);
    socket.io.on('ping', this.heard);
    this.keptTimer = setTimeout(() => {
      if (this.model.connection === 'connecting' && !this.model.stats && this.kept) this.lost();
    }, KEPT_AFTER_MS);

    socket.on('connect', () => {
      this.heard();
      // Accepted: from now on this laptop opens the dashboard with it.
      if (this.onTrial) saveToken(this.model.eventId, token);
      this.onTrial = false;
      this.set({ connection: 'online' });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.lost();
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'UNAUTHORIZED' || err.message === 'FORBIDDEN') {
        this.refused(token, err.message);
        return;
      }
      this.lost();
      // A refusal from the server's middleware is not retried by socket.io-client itself.
      if (!socket.active) setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    // The server sends figures on every (re)connect: they are live again.
    socket.on('stats', (stats) => {
      this.set({ stats, statsReceivedAt: this.heard(), lostAt: null });
      this.keep();
    });
    socket.on('event:deleted', () => this.deleted(token));
    // Sent on connect (with the join link) and after every change.
    socket.on('event:updated', ({ event, joinUrl }) => {
      this.heard();
      // The home page lists this laptop's events by name, renamed ones and old entries included.
      if (!this.onTrial) saveDetails(this.model.eventId, event);
      this.set(joinUrl ? { event, joinUrl } : { event });
      this.keep();
    });
  }

  /** Keeps the figures in hand for a reload while offline; not a token's the server has yet to accept. */
  private keep(): void {
    const { eventId, event, joinUrl, stats, statsReceivedAt, lostAt } = this.model;
    if (this.onTrial || !event || !stats || lostAt !== null) return;
    this.kept = { event, joinUrl, stats, statsReceivedAt, heardAt: this.heardAt };
    keepFigures(eventId, this.kept);
  }

  /** Forgets the kept figures: the event is gone, or this laptop may no longer see it. */
  private forgetKept(): void {
    this.kept = null;
    keepFigures(this.model.eventId, null);
  }

  /** The connection is gone: the figures in hand are as of when the server was last heard. */
  private lost(): void {
    const { stats, lostAt } = this.model;
    const kept = stats ? null : this.kept;
    // A page reloaded offline has only what this tab kept: as of when the server was last heard then.
    if (kept) {
      const { event, joinUrl, stats: keptStats, statsReceivedAt, heardAt } = kept;
      return this.set({ connection: 'offline', event: this.model.event ?? event, joinUrl: this.model.joinUrl ?? joinUrl, stats: keptStats, statsReceivedAt, lostAt: heardAt });
    }
    this.set({ connection: 'offline', lostAt: stats ? (lostAt ?? this.heardAt) : null });
  }

  /** The event's data is deleted: as promised to everyone who joined, nothing is left to show, and the token is dead. */
  private deleted(token: string): void {
    const name = this.model.event?.name ?? 'this event';
    rememberDeleted(this.model.eventId, name);
    forgetToken(this.model.eventId, token);
    this.forgetKept();
    this.closeSocket();
    this.token = null;
    this.set({ signIn: { reason: 'deleted', name }, event: null, stats: null, lostAt: null, notice: null });
  }

  /**
   * The server refused `token`. One on trial is dropped, and the token saved here (if another)
   * is used instead; a saved one is forgotten. Else the organiser is asked for the link.
   */
  private refused(token: string, code: 'UNAUTHORIZED' | 'FORBIDDEN'): void {
    const saved = loadToken(this.model.eventId);
    if (this.onTrial && saved && saved !== token) {
      this.connect(saved, false);
      this.set({ notice: { text: `${LINK_SAYS[code]} ${USING_SAVED}`, tone: 'warn' } });
      return;
    }
    // The token this dashboard was using, refused once the figures' deletion time has passed: the
    // event was deleted while the laptop was away (its lid shut overnight) and missed the news.
    // No link was opened, so "that link didn't work" would send the organiser looking for one.
    const deletesAt = this.model.stats?.deletesAt;
    if (!this.onTrial && code === 'UNAUTHORIZED' && deletesAt && Date.parse(deletesAt) <= Date.now()) {
      this.deleted(token);
      return;
    }
    if (!this.onTrial) forgetToken(this.model.eventId, token);
    this.forgetKept();
    this.closeSocket();
    this.token = null;
    this.onTrial = false;
    this.set({ signIn: this.asking({ reason: 'refused', code }), event: null, stats: null, lostAt: null, notice: null });
  }

  private async control<E extends keyof OrganiserClientToServerEvents>(
    event: E,
    payload: Parameters<OrganiserClientToServerEvents[E]>[0],
  ): Promise<OrganiserAck> {
    const socket = this.socket;
    if (!socket?.connected) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'Not connected to Mingle right now. Try again in a moment.' } };
    }
    const ack = await send(socket, event, payload);
    if (ack.ok) this.set({ event: ack.event });
    else if (ack.error.code === 'EVENT_CLOSED' && event === 'event:update') {
      // Ended meanwhile (from another laptop): the form that sent it goes with the end, and its
      // error line with it, so the page says what became of the edit.
      this.set({ notice: { text: ack.error.message, tone: 'warn' } });
    }
    return ack;
  }

  /** Rejects with what went wrong, for the button to show next to itself (views/downloads.ts). */
  private async download(file: 'export.csv' | 'stats', suffix: string): Promise<void> {
    const { eventId, event } = this.model;
    if (!this.token) throw new Error('Not signed in to this dashboard.');
    const path = `/api/events/${encodeURIComponent(eventId)}/${file}`;
    await downloadWithToken(path, this.token, `mingle-${slug(event?.name ?? eventId)}-${suffix}`);
  }

  private closeSocket(): void {
    clearTimeout(this.keptTimer);
    this.unfollowNetwork();
    this.unfollowNetwork = () => {};
    this.socket?.io.off('ping', this.heard);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private set(patch: Partial<Model>): void {
    this.model = { ...this.model, ...patch };
    this.changed(this.model);
  }
}
