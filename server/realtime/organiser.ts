import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { OrganiserClientToServerEvents, OrganiserServerToClientEvents } from '../../shared/events';
import {
  AnnouncePayload,
  EmptyPayload,
  EventUpdatePayload,
  OrganiserAuth,
  RemoveAttendeePayload,
} from '../../shared/schemas';
import type { Logger } from '../logger';
import type { OrganiserService } from '../services/organiser';
import { handle } from './handler';
import { TokenBucket } from './limiter';
import { toWireError } from './reply';

export interface OrganiserSocketData {
  eventId: string;
}

export type OrganiserNamespace = Namespace<
  OrganiserClientToServerEvents,
  OrganiserServerToClientEvents,
  Record<string, never>,
  OrganiserSocketData
>;

export const organiserRoom = (eventId: string) => `o:${eventId}`;

export interface OrganiserNamespaceOptions {
  organisers: OrganiserService;
  logger: Logger;
  /**
   * Least time between two `stats` pushes to one event's dashboards.
   * @default 1000
   */
  statsIntervalMs?: number;
}

/**
 * The `/organiser` namespace: the organiser token opens one event's dashboard. Stats are pushed
 * on connect, then at most once per interval and only when a figure changed.
 */
export function registerOrganiserNamespace(nsp: OrganiserNamespace, o: OrganiserNamespaceOptions) {
  nsp.use((socket, next) => {
    const auth = OrganiserAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('UNAUTHORIZED'));
    o.organisers.authorise(auth.data.token, auth.data.eventId).then(
      (eventId) => {
        socket.data.eventId = eventId;
        next();
      },
      (err: unknown) => next(new Error(toWireError(err, o.logger).code)),
    );
  });

  const pusher = new StatsPusher(nsp, o);

  nsp.on('connection', (socket) => {
    const { eventId } = socket.data;
    const ctx = { socket: socket as unknown as Socket, limiter: new TokenBucket(5, 20), logger: o.logger.child({ eventId }) };
    const on = <S extends z.ZodType, R extends object>(event: keyof OrganiserClientToServerEvents, schema: S, action: (p: z.infer<S>) => Promise<R>) =>
      handle(ctx, event, schema, action);
    const org = o.organisers;
    on('event:pause', EmptyPayload, async () => ({ event: await org.setStatus(eventId, 'paused') }));
    on('event:resume', EmptyPayload, async () => ({ event: await org.setStatus(eventId, 'open') }));
    on('event:end', EmptyPayload, async () => ({ event: await org.setStatus(eventId, 'ended') }));
    on('event:announce', AnnouncePayload, async (p) => ({ event: await org.announce(eventId, p) }));
    on('event:update', EventUpdatePayload, async (p) => ({ event: await org.update(eventId, p) }));
    on('attendee:remove', RemoveAttendeePayload, async (p) => ({ event: await org.removeAttendee(eventId, p.attendeeId) }));

    void socket.join(organiserRoom(eventId));
    void org
      .describe(eventId)
      .then((described) => socket.emit('event:updated', described))
      .catch((err: unknown) => o.logger.warn({ err, eventId }, 'could not describe the event'))
      .then(() => pusher.pushNow(socket, eventId));
  });

  return pusher;
}

/** Share of the time one event's figures may take, whatever its size (see StatsCadence). */
const STATS_SHARE = 0.1;

/**
 * When an event's figures are due again. Small events: on every push interval. A big one, whose
 * figures take long to work out (reading every attendee and match), waits ten times what the
 * last computation took, so that the figures never take more than a tenth of the process's time
 * or of the store's, however big the event grows.
 */
export class StatsCadence {
  private readonly dueAt = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly share = STATS_SHARE,
  ) {}

  isDue(eventId: string, now: number): boolean {
    return now >= (this.dueAt.get(eventId) ?? -Infinity);
  }

  /**
   * Records a computation of `eventId`'s figures that ran from `startedAt` to `endedAt` (ms). A
   * cheap one is due again after half an interval, which the push timer rounds up to the next
   * push whatever its slack.
   */
  ran(eventId: string, startedAt: number, endedAt: number): void {
    this.dueAt.set(eventId, startedAt + Math.max(this.intervalMs / 2, (endedAt - startedAt) / this.share));
  }

  /** Drops events no dashboard watches any more. */
  keepOnly(watched: ReadonlySet<string>): void {
    for (const eventId of this.dueAt.keys()) if (!watched.has(eventId)) this.dueAt.delete(eventId);
  }
}

/**
 * Pushes each watched event's stats when they change, at most once per interval, and less often
 * for an event whose figures are costly to work out (StatsCadence).
 */
export class StatsPusher {
  private timer: NodeJS.Timeout | null = null;
  private readonly last = new Map<string, string>();
  private readonly cadence: StatsCadence;
  private busy = false;

  constructor(
    private readonly nsp: OrganiserNamespace,
    private readonly o: OrganiserNamespaceOptions,
  ) {
    this.cadence = new StatsCadence(o.statsIntervalMs ?? 1000);
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.statsIntervalMs ?? 1000);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The first figures for a dashboard that just connected. */
  async pushNow(socket: { emit: OrganiserNamespace['emit'] }, eventId: string) {
    try {
      const stats = await this.o.organisers.stats(eventId);
      socket.emit('stats', stats);
    } catch (err) {
      this.o.logger.warn({ err, eventId }, 'could not send stats');
    }
  }

  /** Recomputes the stats of events watched from this instance and pushes the changed ones. */
  async tick() {
    if (this.busy) return;
    this.busy = true;
    try {
      const watched = new Set([...this.nsp.adapter.rooms.keys()].filter((r) => r.startsWith('o:')).map((r) => r.slice(2)));
      for (const eventId of watched) {
        const startedAt = performance.now();
        if (!this.cadence.isDue(eventId, startedAt)) continue;
        const stats = await this.o.organisers.stats(eventId).catch(() => null);
        this.cadence.ran(eventId, startedAt, performance.now());
        if (!stats) continue;
        const { at: _at, ...figures } = stats;
        const key = JSON.stringify(figures);
        if (this.last.get(eventId) === key) continue;
        this.last.set(eventId, key);
        this.nsp.local.to(organiserRoom(eventId)).emit('stats', stats);
      }
      for (const eventId of this.last.keys()) if (!watched.has(eventId)) this.last.delete(eventId);
      this.cadence.keepOnly(watched);
    } finally {
      this.busy = false;
    }
  }
}
