import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Server, type ServerOptions } from 'socket.io';
import { MAX_PAYLOAD_BYTES, type Event } from '../shared/schemas';
import type { Config } from './config';
import { AppError } from './errors';
import { clientRoutes } from './http/client';
import { frameworkErrors, registerErrorHandler } from './http/errors';
import { registerSecurityHeaders } from './http/security-headers';
import { eventRoutes } from './http/events';
import { healthRoutes } from './http/health';
import { addressKey, JoinCodeGuard } from './http/join-code-guard';
import { SharedJoinCodeGuard } from './http/shared-join-code-guard';
import { outageWarnings, type LimitHealth, type SharedLimits } from './http/shared-limits';
import { sharedRateStore } from './http/rate-store';
import { MemoryWindowCounter, RedisWindowCounter, type WindowCounter } from './http/window-counter';
import { meRoutes } from './http/me';
import { createLogger, type Logger } from './logger';
import { metricsRoutes } from './http/metrics';
import { organiserRoutes } from './http/organiser';
import type { StatsPusher } from './realtime/stats-pusher';
import { Metrics } from './metrics';
import { attendeeRoom, closeDeletedEvent, eventRoom, registerAttendeeNamespace, type AttendeeNamespace } from './realtime/attendee';
import type { AttendeeLimitsOptions } from './realtime/attendee-limits';
import { HandshakeGuard, type HandshakeLimitsOptions } from './realtime/handshake-guard';
import { organiserRoom, registerOrganiserNamespace, type OrganiserNamespace } from './realtime/organiser';
import { createServices, type Services } from './services';
import type { Notifier } from './services/notifier';
import type { PresenceRefresher } from './realtime/presence';
import type { MatchTicker } from './services/ticker';
import type { Store } from './store/store';

export interface AppDeps {
  store: Store;
  logger?: Logger;
  /** The clock every service reads. @default Date.now */
  now?: () => number;
  /** Directory of the built client. @default client/dist */
  clientDist?: string;
  /** Each attendee's socket budget and connection cap (tests give it a clock of their own). */
  attendeeLimits?: AttendeeLimitsOptions;
  /**
   * How often this instance vouches for its connected phones, and so finds out that an event's
   * data has been deleted (tests shorten it).
   * @default 10000
   */
  presenceRefreshMs?: number;
  /**
   * How often this instance deletes the events past their end plus the retention period (the
   * memory store; Redis keys expire by themselves), and tells their phones here at once (tests
   * shorten it).
   * @default 60000
   */
  retentionSweepMs?: number;
  /** How many failed Socket.IO handshakes one address may make (tests give it a clock of their own). */
  handshakeLimits?: HandshakeLimitsOptions;
  /** A Socket.IO adapter, so several instances reach each other's sockets. @default in-memory */
  adapter?: ServerOptions['adapter'];
  /**
   * Where the HTTP limits count (writes, joins, unknown join codes, events created). Unset, each
   * instance counts for itself; on Redis, give every instance one (`connectSharedLimits`) so that
   * they count together and two instances do not double every limit. Closed with the app.
   * @default counted in this process
   */
  sharedLimits?: SharedLimits;
  /** Called last on close, e.g. to close the adapter's Redis client. */
  onClose?: () => Promise<void>;
  /** How long a client may take to ask for something (tests shorten them). @default CONNECTION_TIMEOUTS */
  timeouts?: Partial<ConnectionTimeouts>;
}

/** How long the server waits for a client to ask for something before it closes the connection. */
export interface ConnectionTimeouts {
  /** An HTTP request's line and headers (then `408`). */
  headersMs: number;
  /** A whole HTTP request, body included (at most 16 KB; then `408`). */
  requestMs: number;
  /** How often the server looks for requests past either (Node's default is 30 s). */
  checkEveryMs: number;
  /** A Socket.IO connection that has not joined `/attendee` or `/organiser` (Socket.IO's default is 45 s). */
  socketConnectMs: number;
}

/**
 * A phone sends a few hundred bytes; even on a crowded venue Wi-Fi that takes seconds, not tens of
 * them. Without a bound (Fastify's default), a client trickling a request a byte at a time held
 * its connection for ever, and enough of them would use up the process's sockets (slowloris). A
 * WebSocket, once upgraded, is no longer a request and is not timed. A phone asks for its
 * namespace at once, answered within the store's timeouts (about 2 s); a connection that never
 * asks, or was refused, is closed after 10 s rather than Socket.IO's 45.
 */
export const CONNECTION_TIMEOUTS: ConnectionTimeouts = { headersMs: 10_000, requestMs: 20_000, checkEveryMs: 1_000, socketConnectMs: 10_000 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A window counter under `<prefix>limit:<name>:` in Redis when the instances share one (so that
 * an address cannot get a budget from each), else in this process. While Redis cannot answer, a
 * shared one counts in this process (see RedisWindowCounter).
 */
function windowCounter(shared: SharedLimits | undefined, name: string, o: { windowMs: number; now: () => number } & LimitHealth): WindowCounter {
  return shared ? new RedisWindowCounter(shared.redis, `${shared.prefix}limit:${name}:`, o) : new MemoryWindowCounter(o);
}

/** The event routes' own limits: shared by the instances when they share a Redis. */
function eventLimits(shared: SharedLimits | undefined, now: () => number, health: LimitHealth) {
  return {
    eventCreations: windowCounter(shared, 'events', { windowMs: HOUR, now, ...health }),
    codeGuard: shared ? new SharedJoinCodeGuard(shared.redis, `${shared.prefix}limit:`, { now, ...health }) : new JoinCodeGuard({ now }),
  };
}

/** Failed Socket.IO handshakes, per address, counted over every instance sharing a Redis. */
function handshakeGuard(
  config: Config,
  shared: SharedLimits | undefined,
  o: HandshakeLimitsOptions & { now: () => number; logger: Logger; health: LimitHealth },
): HandshakeGuard {
  const counter = windowCounter(shared, 'handshakes', { windowMs: o.windowMs ?? MINUTE, now: o.now, ...o.health });
  return new HandshakeGuard(counter, { failuresPerWindow: o.failuresPerWindow, trustProxy: config.trustProxy, logger: o.logger });
}

export interface MingleApp {
  http: FastifyInstance;
  io: Server;
  store: Store;
  ticker: MatchTicker;
  metrics: Metrics;
  services: Services;
  /** Vouches for this instance's connections; `refresh()` does it now. */
  presence: PresenceRefresher;
  /** Pushes the figures to this instance's dashboards, every second while it runs. */
  statsPusher: StatsPusher;
  /** Listens, then starts the matching loop. */
  listen(port: number, host: string): Promise<string>;
  /** Stops matching, closes sockets, the HTTP server and the store. */
  close(): Promise<void>;
}

/** Builds Mingle: Fastify and Socket.IO on one HTTP server, nothing global. */
export async function buildApp(config: Config, deps: AppDeps): Promise<MingleApp> {
  const logger = deps.logger ?? createLogger(config);
  const now = deps.now ?? Date.now;
  const { store } = deps;

  const timeouts = { ...CONNECTION_TIMEOUTS, ...deps.timeouts };
  const http = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: MAX_PAYLOAD_BYTES,
    trustProxy: config.trustProxy,
    requestTimeout: timeouts.requestMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    frameworkErrors,
  });
  const io = new Server(http.server, {
    // WebSocket only, as both clients connect: each connection is then one request that stays on
    // the instance it reached. Long-polling is a series of requests that must all reach the
    // instance holding the session, which a load balancer without stickiness (deploy/nginx.conf)
    // does not do, and stickiness by address would put a whole venue on one instance.
    transports: ['websocket'],
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    serveClient: false,
    cors: { origin: false },
    connectTimeout: timeouts.socketConnectMs,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  const shared = deps.sharedLimits;
  // Every shared limit reports an outage through this one, so it logs a line a minute in all.
  const limitHealth = outageWarnings(logger, { now, timeoutMs: shared?.commandTimeoutMs });
  const handshakes = handshakeGuard(config, shared, { now, ...deps.handshakeLimits, logger, health: limitHealth });
  // Nothing is served on the main namespace, and nothing asks anyone there for a token: left
  // open, it held any number of connections from anyone, for as long as they answered pings.
  // Asking for it is a failed handshake like a bad token.
  io.use(handshakes.guard((_socket, next) => next(new Error('NOT_FOUND'))));
  const attendeeNsp = io.of('/attendee') as AttendeeNamespace;

  const organiserNsp = io.of('/organiser') as OrganiserNamespace;
  const notifier: Notifier = {
    toAttendee: (id, event, ...args) => attendeeNsp.to(attendeeRoom(id)).emit(event, ...args),
    toAttendees: (ids, event, ...args) => {
      if (ids.length > 0) attendeeNsp.to(ids.map(attendeeRoom)).emit(event, ...args);
    },
    toEvent: (id, event, ...args) => {
      attendeeNsp.to(eventRoom(id)).emit(event, ...args);
      // Dashboards follow the event's status too.
      if (event === 'event:updated') organiserNsp.to(organiserRoom(id)).emit('event:updated', ...(args as [{ event: Event }]));
    },
    eventToDashboards: (id, payload) => organiserNsp.to(organiserRoom(id)).emit('event:updated', payload),
    disconnectAttendee: (id) => attendeeNsp.in(attendeeRoom(id)).disconnectSockets(true),
  };
  const metrics = new Metrics();
  const services = createServices({ config, store, notifier, logger, metrics, now });
  const { events, attendees, matches, organisers, aftercare, ticker } = services;

  registerErrorHandler(http, () => metrics.storeErrors.inc());
  registerSecurityHeaders(http);
  await http.register(rateLimit, {
    global: false,
    max: config.rateLimitPerMinute,
    timeWindow: MINUTE,
    // Per route and address, an IPv6 address by its /64 as the other limits count: a host
    // holds its /64 whole, so rotating addresses in it must not buy a fresh budget.
    keyGenerator: (request) => addressKey(request.ip),
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new AppError('RATE_LIMITED', `Too many requests; try again in ${ctx.after}.`), { statusCode: 429 }),
    // On Redis, every instance counts in one place, and while Redis cannot answer, each counts
    // in its own process (rate-store.ts).
    ...(shared ? { store: sharedRateStore(shared, { windowMs: MINUTE, now, ...limitHealth }) } : {}),
  });
  await http.register(healthRoutes, { store });
  await http.register(metricsRoutes, { metrics, token: config.metricsToken });
  await http.register(eventRoutes, {
    events,
    attendees,
    organiserKey: config.organiserKey,
    joinRateLimitPerMinute: config.joinRateLimitPerMinute,
    eventsPerHourPerAddress: config.eventsPerHourPerAddress,
    ...eventLimits(shared, now, limitHealth),
  });
  await http.register(meRoutes, { attendees, aftercare });
  await http.register(organiserRoutes, { organisers });
  await http.register(clientRoutes, { dist: deps.clientDist });
  const presence = registerAttendeeNamespace(attendeeNsp, {
    attendees,
    aftercare,
    matches,
    store,
    waiting: services.waiting,
    reminderDue: (m, attendeeId) => ticker.reminderDue(m, attendeeId),
    logger,
    now,
    onUnavailable: () => metrics.storeErrors.inc(),
    onConnection: (delta) => metrics.connections.inc(delta),
    limits: deps.attendeeLimits,
    presenceRefreshMs: deps.presenceRefreshMs,
    handshakes,
  });
  const statsPusher = registerOrganiserNamespace(organiserNsp, {
    organisers,
    logger,
    handshakes,
    onEventDeleted: (eventId) => closeDeletedEvent(attendeeNsp, eventId),
  });

  // The memory store forgets events past their end plus the retention period; Redis keys expire.
  // Whatever it forgot, this instance's phones of it are told now, not at their next presence
  // refresh: vouching for them is how an instance finds an event gone. (Other instances, on
  // Redis, find out at their own refresh, as ever.)
  let sweeper: NodeJS.Timeout | null = null;
  const sweep = async () => {
    if ((await store.sweep(now())) > 0) await presence.refresh();
  };

  let closed = false;
  return {
    http,
    io,
    store,
    ticker,
    metrics,
    services,
    presence,
    statsPusher,
    async listen(port, host) {
      const address = await http.listen({ port, host });
      ticker.start();
      presence.start();
      statsPusher.start();
      sweeper = setInterval(() => void sweep().catch((err: unknown) => logger.warn({ err }, 'retention sweep failed')), deps.retentionSweepMs ?? 60_000);
      sweeper.unref();
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await ticker.stop();
      presence.stop();
      statsPusher.stop();
      if (sweeper) clearInterval(sweeper);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await http.close().catch(() => {});
      await shared?.close();
      await store.close();
      await deps.onClose?.();
    },
  };
}
