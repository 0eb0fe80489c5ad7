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
  type MatchReminder,
  type State,
} from '../../shared/schemas';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { AftercareService } from '../services/aftercare';
import type { AttendeeService } from '../services/attendees';
import type { MatchService } from '../services/matches';
import { route, serveRoutes, type HandlerContext, type Route } from './handler';
import { AttendeeLimits, type AttendeeLimitsOptions } from './attendee-limits';
import type { TokenBucket } from './limiter';
import { PresenceRefresher } from './presence';
import type { HandshakeGuard } from './handshake-guard';
import { handshakeError } from './reply';
import type { MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { WaitingBoard } from '../services/waiting';
import { alreadyGone } from '../services/already-gone';

export interface AttendeeSocketData {
  attendeeId: string;
  eventId: string;
}

export type AttendeeNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AttendeeSocketData>;

export const attendeeRoom = (attendeeId: string) => `a:${attendeeId}`;
export const eventRoom = (eventId: string) => `e:${eventId}`;

/**
 * The event's data is gone (its end plus the retention period passed): its attendees' phones,
 * on every instance (or, `local`, on this one only), are told `event:deleted` and let go, as its
 * dashboards are. Their tokens open nothing any more. A phone already let go is not in the
 * room: whichever of a dashboard's instance and the phone's own presence refresh comes second
 * finds nobody to tell.
 */
export function closeDeletedEvent(nsp: AttendeeNamespace, eventId: string, where: 'everywhere' | 'local' = 'everywhere'): void {
  const phones = where === 'local' ? nsp.local : nsp;
  phones.to(eventRoom(eventId)).emit('event:deleted', { eventId });
  phones.in(eventRoom(eventId)).disconnectSockets(true);
}

/** A fourth connection of one attendee: `RATE_LIMITED`, and why, so the phone can say "too many tabs", not "offline". */
const tooManyConnections = () =>
  new AppError('RATE_LIMITED', 'Mingle is open in too many tabs on this phone.', undefined, 'TOO_MANY_CONNECTIONS');

export interface AttendeeNamespaceOptions {
  attendees: AttendeeService;
  aftercare: AftercareService;
  matches: MatchService;
  store: Store;
  /** The latest wait hints, for a phone that reconnects while looking. */
  waiting: WaitingBoard;
  /** The `match:reminder` due in a match now, for a phone that connects after it was sent (MatchTicker). */
  reminderDue?: (m: MatchRecord, attendeeId: string) => MatchReminder | null;
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
  /** Each attendee's event budget and connection cap (see AttendeeLimits). */
  limits?: AttendeeLimitsOptions;
  /** Counts failed handshakes per address, and refuses an address past them. @default none */
  handshakes?: HandshakeGuard;
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
    // Each instance vouching for its phones finds out for them: no dashboard need be open.
    onEventGone: (eventId) => closeDeletedEvent(nsp, eventId, 'local'),
  });

  const limits = new AttendeeLimits(o.limits);

  const authenticate: Parameters<AttendeeNamespace['use']>[0] = (socket, next) => {
    const auth = AttendeeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('UNAUTHORIZED'));
    o.attendees.authenticate(auth.data.token).then(
      (attendee) => {
        // Refused, not the oldest dropped: the client retries a refusal a while later, and
        // two tabs that each dropped the other on reconnect would take turns for ever.
        if (!limits.mayConnect(attendee.id)) return next(handshakeError(tooManyConnections(), o.logger));
        socket.data.attendeeId = attendee.id;
        socket.data.eventId = attendee.eventId;
        next();
      },
      (err: unknown) => next(handshakeError(err, o.logger)),
    );
  };
  nsp.use(o.handshakes ? o.handshakes.guard(authenticate) : authenticate);

  /**
   * The reminder due in the match of a phone that connects (a reload, a lost signal back), which
   * it may have missed: sent once, a minute before the end, it is the phone in a pocket that needs
   * it most. From the match record its state was built from, so it costs no read.
   */
  const dueOnConnect = (state: State, m: MatchRecord | null): MatchReminder | null => {
    if (!m || !o.reminderDue || !(state.status === 'matched' || state.match?.arriving)) return null;
    return o.reminderDue(m, state.me.id);
  };

  const routes = attendeeRoutes(o);
  nsp.on('connection', (socket) => {
    const { attendeeId, eventId } = socket.data;
    const limiter = limits.connect(attendeeId);
    // Another handshake of the same attendee got in between the check and now.
    if (!limiter) return void socket.disconnect(true);
    const me = { attendeeId, eventId };
    void socket.join([attendeeRoom(attendeeId), eventRoom(eventId)]);
    const ctx = new PhoneContext(socket as unknown as Socket, o, attendeeId, limiter);
    serveRoutes(ctx, me, routes);

    presence.add(eventId, attendeeId);
    o.onConnection?.(1);
    // Count the connection before its disconnect can be counted, whatever the store's latency.
    // Each write says how many connections of theirs this instance holds, as it is sent: one
    // lost while Redis was away (a phone that left then) is made good by the next, where a +1
    // or -1 left the count off for the rest of the evening.
    const counted = o.attendees.connected(me, presence.count(eventId, attendeeId));
    socket.on('disconnect', () => {
      limits.disconnect(attendeeId);
      presence.remove(eventId, attendeeId);
      o.onConnection?.(-1);
      counted
        .catch(() => {})
        .then(() => o.attendees.disconnected(me, presence.count(eventId, attendeeId)))
        .catch((err) => ctx.logger.warn({ err }, 'presence update failed'));
    });

    counted
      .then(() => o.attendees.stateAndMatch(me))
      .then(({ state, match }) => {
        socket.emit('state', state);
        const reminder = dueOnConnect(state, match);
        if (reminder) socket.emit('match:reminder', reminder);
        // A phone back while looking (a reload, a lost signal) needs the queue hint too: the
        // ticker sends it only when it changes, which in a quiet room can be never.
        if (state.status !== 'looking') return;
        o.store.countLookingFor(eventId, attendeeId, o.now()).then(
          (counts) => socket.emit('match:waiting', o.waiting.forNewcomer(eventId, attendeeId, counts)),
          (err: unknown) => ctx.logger.warn({ err }, 'could not send the wait hint on connect'),
        );
      })
      .catch((err) => {
        ctx.logger.warn({ err }, 'could not send state on connect');
        socket.disconnect(true);
      });
  });
  return presence;
}

/**
 * One phone's handler context. A class rather than an object literal: a literal with a getter
 * is kept in dictionary mode, and with the closure behind its getter it took 779 bytes against
 * the class's 217 (100,000 of each in a scratch script, heap used after a full collection).
 */
class PhoneContext implements HandlerContext {
  readonly onUnavailable: (() => void) | undefined;
  private readonly parent: Logger;
  private log: Logger | undefined;

  constructor(
    readonly socket: Socket,
    o: AttendeeNamespaceOptions,
    private readonly attendeeId: string,
    /** The attendee's bucket, shared by all their connections. */
    readonly limiter: TokenBucket,
  ) {
    this.parent = o.logger;
    this.onUnavailable = o.onUnavailable;
  }

  /** A pino child apiece costs memory at 10,000 phones: made when first used. */
  get logger(): Logger {
    return (this.log ??= this.parent.child({ attendeeId: this.attendeeId }));
  }
}

type Me = AttendeeSocketData;

/**
 * `err` as the phone should hear it: UNAUTHORIZED when it is a NOT_FOUND because this attendee
 * is gone (forgotten from another tab, removed, or the event's data deleted while the phone
 * stayed connected), so the page signs out and says why instead of "Attendee not found".
 */
async function signedOutIf(store: Store, me: Me, err: unknown): Promise<unknown> {
  // A store that cannot answer now leaves the error as it was.
  const gone = await alreadyGone(store, me, err).catch(() => false);
  return gone ? new AppError('UNAUTHORIZED', 'This phone is no longer signed in to the event.') : err;
}

/** What each attendee event does: one table for the namespace, shared by every socket. */
function attendeeRoutes(o: AttendeeNamespaceOptions): ReadonlyMap<string, Route<Me>> {
  const withState = <S extends z.ZodType>(schema: S, action: (me: Me, p: z.infer<S>) => Promise<State>) =>
    route<Me, S>(schema, async (me, p) => {
      try {
        return { state: await action(me, p) };
      } catch (err) {
        throw await signedOutIf(o.store, me, err);
      }
    });
  // A Record, so the compiler checks every client event has its route.
  const table: Record<keyof ClientToServerEvents, Route<Me>> = {
    'match:find': withState(MatchFindPayload, (me) => o.matches.find(me)),
    'match:cancel': withState(MatchCancelPayload, (me) => o.matches.cancel(me)),
    'match:met': withState(MatchMetPayload, (me, p) => o.matches.met(me, p.matchId)),
    'match:leave': withState(MatchLeavePayload, (me, p) => o.matches.leave(me, p)),
    'match:open': withState(MatchOpenPayload, (me, p) => o.matches.setOpen(me, p)),
    'profile:update': withState(ProfileUpdate, (me, p) => o.attendees.updateProfile(me, p)),
    'contact:share': withState(ContactSharePayload, (me, p) => o.aftercare.shareContact(me, p.matchId, p.contact)),
    'contact:withdraw': withState(ContactWithdrawPayload, (me, p) => o.aftercare.withdrawContact(me, p.matchId)),
    'match:feedback': withState(MatchFeedbackPayload, (me, p) => o.aftercare.feedback(me, p.matchId, p.good)),
    'attendee:block': withState(BlockPayload, (me, p) => o.aftercare.block(me, p.attendeeId)),
    'attendee:report': withState(ReportPayload, (me, p) => o.aftercare.report(me, p.attendeeId, p.reason, p.text)),
    'me:forget': route<Me, typeof EmptyPayload>(EmptyPayload, async (me) => {
      // Already gone (say, the event's data deleted) is a forget that succeeded: see forget.
      const disconnect = await o.aftercare.forget(me);
      setImmediate(disconnect); // after the ack has been queued on this connection
      return {};
    }),
  };
  return new Map(Object.entries(table));
}
