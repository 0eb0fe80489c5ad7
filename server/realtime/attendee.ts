import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import {
  AttendeeAuth,
  BlockPayload,
  ContactSharePayload,
  ContactWithdrawPayload,
  EmptyPayload,
  MatchFeedbackPayload,
  ReportPayload,
  MatchCancelPayload,
  MatchFindPayload,
  MatchLeavePayload,
  MatchMetPayload,
  MatchOpenPayload,
  ProfileUpdate,
  type State,
} from '../../shared/schemas';
import type { Logger } from '../logger';
import type { AftercareService } from '../services/aftercare';
import type { AttendeeService } from '../services/attendees';
import type { MatchService } from '../services/matches';
import { handle } from './handler';
import { TokenBucket } from './limiter';
import { PresenceRefresher } from './presence';
import { toWireError } from './reply';
import type { Store } from '../store/store';

export interface AttendeeSocketData {
  attendeeId: string;
  eventId: string;
}

export type AttendeeNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AttendeeSocketData>;

export const attendeeRoom = (attendeeId: string) => `a:${attendeeId}`;
export const eventRoom = (eventId: string) => `e:${eventId}`;

export interface AttendeeNamespaceOptions {
  attendees: AttendeeService;
  aftercare: AftercareService;
  matches: MatchService;
  store: Store;
  logger: Logger;
  now: () => number;
  /** Counts failures that were the store's fault (for /metrics). */
  onUnavailable?: () => void;
  /** Counts connections (for /metrics). */
  onConnection?: (delta: number) => void;
  /**
   * How often this instance vouches for its connected attendees.
   * @default 10000
   */
  presenceRefreshMs?: number;
}

/**
 * The `/attendee` namespace: authenticate by token, then parse, call a service, ack.
 * Returns the presence refresher for the app to start and stop.
 */
export function registerAttendeeNamespace(nsp: AttendeeNamespace, o: AttendeeNamespaceOptions) {
  const presence = new PresenceRefresher({
    store: o.store,
    logger: o.logger,
    now: o.now,
    refreshMs: o.presenceRefreshMs ?? 10_000,
  });

  nsp.use((socket, next) => {
    const auth = AttendeeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('UNAUTHORIZED'));
    o.attendees.authenticate(auth.data.token).then(
      (attendee) => {
        socket.data.attendeeId = attendee.id;
        socket.data.eventId = attendee.eventId;
        next();
      },
      (err: unknown) => next(new Error(toWireError(err, o.logger).code)),
    );
  });

  nsp.on('connection', (socket) => {
    const { attendeeId, eventId } = socket.data;
    const me = { attendeeId, eventId };
    const log = o.logger.child({ attendeeId });
    const limiter = new TokenBucket(10, 30);
    void socket.join([attendeeRoom(attendeeId), eventRoom(eventId)]);

    const ctx = { socket: socket as unknown as Socket, limiter, logger: log, onUnavailable: o.onUnavailable };
    const on = <S extends z.ZodType>(event: keyof ClientToServerEvents, schema: S, action: (p: z.infer<S>) => Promise<State>) =>
      handle(ctx, event, schema, async (p: z.infer<S>) => ({ state: await action(p) }));

    on('match:find', MatchFindPayload, () => o.matches.find(me));
    on('match:cancel', MatchCancelPayload, () => o.matches.cancel(me));
    on('match:met', MatchMetPayload, (p) => o.matches.met(me, p.matchId));
    on('match:leave', MatchLeavePayload, (p) => o.matches.leave(me, p));
    on('match:open', MatchOpenPayload, (p) => o.matches.setOpen(me, p));
    on('profile:update', ProfileUpdate, (p) => o.attendees.updateProfile(me, p));
    on('contact:share', ContactSharePayload, (p) => o.aftercare.shareContact(me, p.matchId, p.contact));
    on('contact:withdraw', ContactWithdrawPayload, (p) => o.aftercare.withdrawContact(me, p.matchId));
    on('match:feedback', MatchFeedbackPayload, (p) => o.aftercare.feedback(me, p.matchId, p.good));
    on('attendee:block', BlockPayload, (p) => o.aftercare.block(me, p.attendeeId));
    on('attendee:report', ReportPayload, (p) => o.aftercare.report(me, p.attendeeId, p.reason, p.text));
    handle(ctx, 'me:forget', EmptyPayload, async () => {
      const disconnect = await o.aftercare.forget(me);
      setImmediate(disconnect); // after the ack has been queued on this connection
      return {};
    });

    presence.add(eventId, attendeeId);
    o.onConnection?.(1);
    // Count the connection before its disconnect can be counted, whatever the store's latency.
    const counted = o.attendees.connected(me);
    socket.on('disconnect', () => {
      presence.remove(eventId, attendeeId);
      o.onConnection?.(-1);
      counted
        .catch(() => {})
        .then(() => o.attendees.disconnected(me))
        .catch((err) => log.warn({ err }, 'presence update failed'));
    });

    counted
      .then(() => o.attendees.state(me))
      .then((state) => socket.emit('state', state))
      .catch((err) => {
        log.warn({ err }, 'could not send state on connect');
        socket.disconnect(true);
      });
  });
  return presence;
}
