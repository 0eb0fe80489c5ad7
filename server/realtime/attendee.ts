import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import {
  AttendeeAuth,
  MatchCancelPayload,
  MatchFindPayload,
  MatchLeavePayload,
  MatchMetPayload,
  MatchOpenPayload,
  ProfileUpdate,
} from '../../shared/schemas';
import { AppError } from '../errors';
import type { Logger } from '../logger';
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
  matches: MatchService;
  store: Store;
  logger: Logger;
  now: () => number;
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
      (err: unknown) => {
        const code = err instanceof AppError ? err.code : toWireError(err, o.logger).code;
        next(new Error(code));
      },
    );
  });

  nsp.on('connection', (socket) => {
    const { attendeeId, eventId } = socket.data;
    const me = { attendeeId, eventId };
    const log = o.logger.child({ attendeeId });
    const limiter = new TokenBucket(10, 30);
    const raw = socket as unknown as Socket;
    void socket.join([attendeeRoom(attendeeId), eventRoom(eventId)]);

    const on = <S extends Parameters<typeof handle>[2]>(
      event: keyof ClientToServerEvents,
      schema: S,
      action: Parameters<typeof handle<S>>[5],
    ) => handle(raw, event, schema, limiter, log, action);

    on('match:find', MatchFindPayload, () => o.matches.find(me));
    on('match:cancel', MatchCancelPayload, () => o.matches.cancel(me));
    on('match:met', MatchMetPayload, (p) => o.matches.met(me, p.matchId));
    on('match:leave', MatchLeavePayload, (p) => o.matches.leave(me, p));
    on('match:open', MatchOpenPayload, (p) => o.matches.setOpen(me, p));
    on('profile:update', ProfileUpdate, (p) => o.attendees.updateProfile(me, p));

    presence.add(eventId, attendeeId);
    // Count the connection before its disconnect can be counted, whatever the store's latency.
    const counted = o.attendees.connected(me);
    socket.on('disconnect', () => {
      presence.remove(eventId, attendeeId);
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
