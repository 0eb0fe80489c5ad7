import type { OrganiserAck, OrganiserClientToServerEvents } from '../../../shared/events';
import type { EventUpdatePayload } from '../../../shared/schemas';
import { forgetToken, parsePasted, saveToken, takeToken } from './auth';
import { downloadWithToken, slug } from '../shared/download';
import { followNetwork } from '../shared/network';
import type { Actions, Model } from './model';
import { openSocket, send, type OrganiserSocket } from './socket';

/** Retry delay after the server refused a connection for a reason other than the token. */
const REFUSED_RETRY_MS = 3_000;

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

  constructor(
    eventId: string,
    private readonly changed: (model: Model) => void,
  ) {
    this.model = { eventId, signIn: null, connection: 'connecting', event: null, joinUrl: null, stats: null, statsReceivedAt: 0, notice: null };
  }

  start(): void {
    const token = this.model.eventId ? takeToken(this.model.eventId) : null;
    if (token) this.connect(token);
    else this.set({ signIn: { reason: 'missing' } });
  }

  pause = () => this.control('event:pause', {});
  resume = () => this.control('event:resume', {});
  end = () => this.control('event:end', {});
  announce = (message: string) => this.control('event:announce', { message });
  update = (patch: EventUpdatePayload) => this.control('event:update', patch);
  remove = (attendeeId: string) => this.control('attendee:remove', { attendeeId });

  downloadCsv = () => this.download('export.csv', 'matches.csv');
  downloadStats = () => this.download('stats', 'stats.json');

  signIn(pasted: string): boolean {
    const found = parsePasted(pasted, this.model.eventId);
    if (!found) return false;
    saveToken(found.eventId, found.token);
    // A link to another event's dashboard: go there; the token is stored for it.
    if (found.eventId !== this.model.eventId) location.assign(`/organiser/${encodeURIComponent(found.eventId)}`);
    else this.connect(found.token);
    return true;
  }

  dismissNotice = () => this.set({ notice: null });

  private connect(token: string): void {
    this.closeSocket();
    this.token = token;
    const socket = openSocket(token, this.model.eventId);
    this.socket = socket;
    this.set({ signIn: null, connection: 'connecting', notice: null });
    this.unfollowNetwork = followNetwork(socket);

    socket.on('connect', () => {
      this.set({ connection: 'online' });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.set({ connection: 'offline' });
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'UNAUTHORIZED' || err.message === 'FORBIDDEN') {
        forgetToken(this.model.eventId);
        this.closeSocket();
        this.set({ signIn: { reason: 'refused', code: err.message }, event: null, stats: null });
        return;
      }
      this.set({ connection: 'offline' });
      // A refusal from the server's middleware is not retried by socket.io-client itself.
      if (!socket.active) setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
    });
    socket.on('stats', (stats) => this.set({ stats, statsReceivedAt: Date.now() }));
    // Sent on connect (with the join link) and after every change.
    socket.on('event:updated', ({ event, joinUrl }) => this.set(joinUrl ? { event, joinUrl } : { event }));
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
    return ack;
  }

  private async download(file: 'export.csv' | 'stats', suffix: string): Promise<void> {
    const { eventId, event } = this.model;
    if (!this.token) return;
    try {
      const path = `/api/events/${encodeURIComponent(eventId)}/${file}`;
      await downloadWithToken(path, this.token, `mingle-${slug(event?.name ?? eventId)}-${suffix}`);
    } catch (err) {
      this.set({ notice: { text: err instanceof Error ? err.message : String(err), tone: 'error' } });
    }
  }

  private closeSocket(): void {
    this.unfollowNetwork();
    this.unfollowNetwork = () => {};
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  private set(patch: Partial<Model>): void {
    this.model = { ...this.model, ...patch };
    this.changed(this.model);
  }
}
