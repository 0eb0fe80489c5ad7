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
import { toWireError } from './reply';

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
  logger: Logger;
}

/** The `/attendee` namespace: authenticate by token, then parse, call a service, ack. */
export function registerAttendeeNamespace(nsp: AttendeeNamespace, o: AttendeeNamespaceOptions) {
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
    const log = o.logger.child({ attendeeId });
    const limiter = new TokenBucket(10, 30);
    const raw = socket as unknown as Socket;
    void socket.join([attendeeRoom(attendeeId), eventRoom(eventId)]);

    const on = <S extends Parameters<typeof handle>[2]>(
      event: keyof ClientToServerEvents,
      schema: S,
      action: Parameters<typeof handle<S>>[5],
    ) => handle(raw, event, schema, limiter, log, action);

    on('match:find', MatchFindPayload, () => o.matches.find(attendeeId));
    on('match:cancel', MatchCancelPayload, () => o.matches.cancel(attendeeId));
    on('match:met', MatchMetPayload, (p) => o.matches.met(attendeeId, p.matchId));
    on('match:leave', MatchLeavePayload, (p) => o.matches.leave(attendeeId, p));
    on('match:open', MatchOpenPayload, (p) => o.matches.setOpen(attendeeId, p));
    on('profile:update', ProfileUpdate, (p) => o.attendees.updateProfile(attendeeId, p));

    socket.on('disconnect', () => {
      o.attendees.disconnected(attendeeId).catch((err) => log.warn({ err }, 'presence update failed'));
    });

    o.attendees
      .connected(attendeeId)
      .then(() => o.attendees.state(attendeeId))
      .then((state) => socket.emit('state', state))
      .catch((err) => {
        log.warn({ err }, 'could not send state on connect');
        socket.disconnect(true);
      });
  });
}
