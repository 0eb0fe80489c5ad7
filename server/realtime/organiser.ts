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
import type { HandshakeGuard } from './handshake-guard';
import { handshakeError } from './reply';
import { StatsPusher } from './stats-pusher';

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
  /**
   * The clock the stats cadence measures with (ms).
   * @default performance.now
   */
  clock?: () => number;
  /** Counts failed handshakes per address, and refuses an address past them. @default none */
  handshakes?: HandshakeGuard;
  /**
   * Called once this instance finds an event's data deleted (its dashboards are then told and
   * closed): to tell its attendees' phones too, on every instance. @default nobody else is told
   */
  onEventDeleted?: (eventId: string) => void;
}

/**
 * The `/organiser` namespace: the organiser token opens one event's dashboard. Stats are pushed
 * on connect, then at most once per interval and only when a figure changed.
 */
export function registerOrganiserNamespace(nsp: OrganiserNamespace, o: OrganiserNamespaceOptions) {
  const authorise: Parameters<OrganiserNamespace['use']>[0] = (socket, next) => {
    const auth = OrganiserAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('UNAUTHORIZED'));
    o.organisers.authorise(auth.data.token, auth.data.eventId).then(
      (eventId) => {
        socket.data.eventId = eventId;
        next();
      },
      (err: unknown) => next(handshakeError(err, o.logger)),
    );
  };
  nsp.use(o.handshakes ? o.handshakes.guard(authorise) : authorise);

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
    on('announcement:withdraw', EmptyPayload, async () => ({ event: await org.withdrawAnnouncement(eventId) }));
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
