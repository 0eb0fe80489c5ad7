/**
 * One attendee's phone: a real socket.io-client on `/attendee` (websocket only, no built-in
 * reconnection: the phone reconnects itself, to any live instance, as a load balancer would send
 * it). It can lock (go offline cleanly or silently), drop when its server dies, and come back.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { Match, MatchEnded, State } from '../../shared/schemas';
import type { CrowdLink, Drop } from './link';
import { now } from './stats';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Phase = 'new' | 'connecting' | 'online' | 'offline' | 'done';
export type Known = { status: State['status']; matchId: string | null; matchStatus: 'matched' | 'chatting' | null; partners: string[] };

const ACK_TIMEOUT_MS = 15_000;

export abstract class Phone {
  phase: Phase = 'new';
  known: Known = { status: 'idle', matchId: null, matchStatus: null, partners: [] };
  url = '';
  /** Time of the last ok ack and of the last UNAVAILABLE (the Redis drill reads these). */
  lastOk = 0;
  lastUnavailable = 0;
  protected socket: ClientSocket | null = null;
  /** A silently locked phone's socket, and its TCP socket that stopped reading. */
  private quiet: { socket: ClientSocket; raw: { pause(): void; destroy(): void } } | null = null;
  private gotState = false;
  private connectStarted = 0;
  private attempts = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly inflight = new Map<number, string>();
  private nextCall = 0;
  protected drop: Drop | null = null;
  private lastRead: Drop['read'] = null;

  constructor(
    protected readonly link: CrowdLink,
    readonly index: number,
    readonly id: string,
    private readonly token: string,
  ) {}

  /** The phone's behaviour, given what it now knows. */
  protected abstract decide(): void;
  protected abstract onFound(m: Match, at: number): void;
  /** Called before and after anything that may change phase or known status. */
  protected abstract mutate(change: () => void): void;

  connect(avoid?: string): void {
    if (this.phase === 'done') return;
    this.mutate(() => (this.phase = 'connecting'));
    this.url = this.link.pickUrl(avoid);
    this.connectStarted = now();
    this.gotState = false;
    const s: ClientSocket = io(`${this.url}/attendee`, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
      localAddress: this.link.localAddress(this.index),
    } as Parameters<typeof io>[1]);
    this.socket = s;
    const mine = () => this.socket === s;
    s.onAny((event: string) => this.link.stats.received.add(event));
    s.on('state', (state) => mine() && this.onState(state));
    s.on('match:found', (m) => mine() && this.onFound(m, now()));
    s.on('match:ended', (e) => mine() && this.onEnded(e));
    s.on('connect_error', (err) => mine() && this.onRefused(s, err.message, detail(err)));
    s.on('disconnect', (reason) => mine() && this.onDropped(reason));
  }

  private onState(state: State): void {
    const at = now();
    if (!this.gotState) {
      this.gotState = true;
      this.attempts = 0;
      this.link.journal.online(this.id, at);
      this.link.journal.sawState(this.id, state, this.connectStarted, at);
      this.lastRead = readOf(state);
      this.mutate(() => (this.phase = 'online'));
      this.link.ackOk(this.id, at);
      this.link.stateBack(this.id, this.drop, state, at);
      this.drop = null;
    } else this.link.journal.sawState(this.id, state, -Infinity, at);
    this.setKnown(state);
    this.decide();
  }

  protected setKnown(state: State): void {
    this.mutate(() => {
      this.known = {
        status: state.status,
        matchId: state.match?.id ?? null,
        matchStatus: state.match?.status ?? null,
        partners: state.match?.partners.map((p) => p.id) ?? [],
      };
    });
  }

  private onEnded(e: MatchEnded): void {
    this.link.journal.attendee(this.id).ended.set(e.matchId, now());
    if (this.known.matchId !== e.matchId) return;
    const status = e.reason === 'cant_find' ? 'looking' : 'idle';
    this.mutate(() => (this.known = { status, matchId: null, matchStatus: null, partners: [] }));
    this.decide();
  }

  private onRefused(s: ClientSocket, code: string, why = ''): void {
    this.link.errors.add(`connect: ${code}${why ? ` (${why})` : ''}`);
    if (code === 'UNAUTHORIZED') this.link.journal.attendee(this.id).refused++;
    s.close();
    this.socket = null;
    if (code === 'UNAUTHORIZED' && this.link.journal.attendee(this.id).refused >= 3) {
      this.mutate(() => (this.phase = 'done'));
      return;
    }
    const delay = Math.min(5_000, 250 * 2 ** this.attempts++) * (0.5 + this.link.random());
    this.later(delay, () => this.connect(this.url));
  }

  private onDropped(reason: string): void {
    this.link.journal.offline(this.id, now());
    this.drop ??= this.snapshot();
    this.socket = null;
    this.mutate(() => (this.phase = 'connecting'));
    this.link.stats.reconnects++;
    this.link.errors.add(`disconnect: ${reason}`);
    // A phone's client retries after about a second, to whichever instance the balancer picks.
    this.later(300 + this.link.random() * 1200, () => this.connect(this.url));
  }

  private snapshot(): Drop {
    const k = this.known;
    return { id: this.id, at: now(), status: k.status, matchId: k.matchId, matchStatus: k.matchStatus, inflight: [...this.inflight.values()], url: this.url, read: this.lastRead };
  }

  /** Drops the connection now (a reconnect storm) and reconnects after `ms`. */
  stormDrop(ms: number): void {
    const s = this.socket;
    if (this.phase !== 'online' || !s) return;
    this.drop = this.snapshot();
    this.socket = null;
    this.link.journal.offline(this.id, now());
    this.mutate(() => (this.phase = 'connecting'));
    s.disconnect();
    this.link.stats.reconnects++;
    this.later(ms, () => this.connect());
  }

  /**
   * The phone locks for `ms`. A clean lock closes the socket; a silent one just stops reading it,
   * so the server learns only from its ping timeout (45 s) or the close when the phone is back.
   */
  lock(ms: number, silent: boolean): void {
    const s = this.socket;
    if (this.phase !== 'online' || !s) return;
    this.link.journal.offline(this.id, now());
    this.socket = null;
    this.mutate(() => (this.phase = 'offline'));
    this.link.stats.locks++;
    type Raw = { pause(): void; destroy(): void };
    const raw = silent ? (s.io.engine as unknown as { transport?: { ws?: { _socket?: Raw } } }).transport?.ws?._socket : undefined;
    if (raw) {
      raw.pause();
      this.quiet = { socket: s, raw };
    } else s.disconnect();
    this.later(ms, () => this.unlock());
  }

  /** Back from a lock (or at the end of the evening): a fresh connection. */
  unlock(): void {
    if (this.phase !== 'offline') return;
    this.endQuiet();
    this.connect();
  }

  private endQuiet(): void {
    if (!this.quiet) return;
    this.quiet.raw.destroy();
    this.quiet.socket.disconnect();
    this.quiet = null;
  }

  private later(ms: number, fn: () => void): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      fn();
    }, ms);
  }

  /** Sends an action and calls back with its ack (null on timeout or disconnect). */
  protected call(event: keyof ClientToServerEvents, payload: object, then: (ack: Ack | null, sent: number, at: number) => void): void {
    const s = this.socket;
    if (!s || this.phase !== 'online') return then(null, now(), now());
    const n = this.nextCall++;
    this.inflight.set(n, event);
    const sent = now();
    const timed = s.timeout(ACK_TIMEOUT_MS) as unknown as { emit(e: string, p: object, cb: (err: Error | null, ack: Ack) => void): void };
    timed.emit(event, payload, (err, ack) => {
      this.inflight.delete(n);
      const at = now();
      const rtt = this.link.stats.ackRtt;
      if (err) {
        // A phone that locked itself loses its pending acks: that is the drill, not a server fault.
        const why = this.socket !== s && this.phase === 'offline' ? 'no ack: phone locked' : s.connected ? 'ack timeout' : 'no ack: disconnected';
        this.link.errors.add(`${event}: ${why}`);
        return then(null, sent, at);
      }
      if (!ack.ok) {
        this.link.errors.add(`${event}: ${ack.error.code}`);
        if (ack.error.code === 'UNAVAILABLE') this.lastUnavailable = at;
        return then(ack, sent, at);
      }
      this.lastOk = at;
      this.link.ackOk(this.id, at);
      (rtt.get(event) ?? rtt.set(event, []).get(event)!).push(at - sent);
      this.link.journal.sawState(this.id, ack.state, sent, at);
      this.lastRead = readOf(ack.state);
      if (this.socket === s) this.setKnown(ack.state);
      then(ack, sent, at);
    });
  }

  /** Whether an action is waiting for its ack. */
  protected get busy(): boolean {
    return this.inflight.size > 0;
  }

  /** Closes everything for good. */
  close(): void {
    const s = this.socket;
    this.socket = null; // first: the disconnect below must not look like a drop
    if (this.retry) clearTimeout(this.retry);
    this.endQuiet();
    s?.disconnect();
    if (this.phase === 'online') this.link.journal.offline(this.id, now());
    this.mutate(() => (this.phase = 'done'));
  }

  get connected(): boolean {
    return this.phase === 'online';
  }
}

function readOf(state: State): NonNullable<Drop['read']> {
  return { status: state.status, matchId: state.match?.id ?? null, matchStatus: state.match?.status ?? null };
}

/** The cause under engine.io's "websocket error", e.g. ECONNREFUSED or an HTTP 503. */
function detail(err: Error): string {
  const d = (err as Error & { description?: { message?: string; code?: string; error?: { code?: string; message?: string } } }).description;
  const why = d?.code ?? d?.error?.code ?? d?.message ?? d?.error?.message ?? '';
  return why.length > 40 ? `${why.slice(0, 40)}…` : why;
}
