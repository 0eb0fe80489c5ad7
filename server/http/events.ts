import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CreateEventBody, EventCodeParams, JoinBody } from '../../shared/schemas';
import { AppError, parseBody, parseWith, retryIn } from '../errors';
import type { AttendeeService } from '../services/attendees';
import type { EventService } from '../services/events';
import { hasBearer, sentBearer } from './bearer';
import { addressKey, JoinCodeGuard, type CodeGuard } from './join-code-guard';
import { QrCache } from './qr-cache';
import { MemoryWindowCounter, type WindowCounter } from './window-counter';

export interface EventRoutesOptions {
  events: EventService;
  attendees: AttendeeService;
  organiserKey: string | undefined;
  /** Joins per minute to one event from one address (`JOIN_RATE_LIMIT_PER_MINUTE`). */
  joinRateLimitPerMinute: number;
  /** Events one address may create in an hour (`EVENTS_PER_HOUR_PER_ADDRESS`). */
  eventsPerHourPerAddress: number;
  /**
   * Counts events created per address, in windows of an hour. On Redis, a RedisWindowCounter,
   * so the cap holds over every instance. @default a MemoryWindowCounter
   */
  eventCreations?: WindowCounter;
  /**
   * How lookups of unknown join codes are limited per address. On Redis, a SharedJoinCodeGuard.
   * @default a JoinCodeGuard (this process)
   */
  codeGuard?: CodeGuard;
  /** Rendered QR codes kept. @default 200 */
  qrCacheSize?: number;
}

/**
 * A join link's QR code depends on PUBLIC_URL as well as the code, and a restart may change the
 * first (say, from localhost to the laptop's address): browsers check again each time, which the
 * server's own cache of drawings (qr-cache.ts) keeps cheap.
 */
const QR_CACHE_CONTROL = 'no-cache';

const HOUR = 3_600_000;

/**
 * The join limit's key: the event and the address (an IPv6 address by its /64, as every limit
 * counts). Keying on the address alone would turn a venue away, as its Wi-Fi puts every phone in
 * the room behind one NAT address. The code is read as the route reads it (upper-cased), so
 * `abc234` and `ABC234` share one budget; a malformed code gets a key of its own, and the route
 * refuses it anyway.
 */
function joinLimitKey(request: FastifyRequest): string {
  const params = EventCodeParams.safeParse(request.params);
  return `join:${params.success ? params.data.code : '-'}:${addressKey(request.ip)}`;
}

/** Event and join routes: parse, call a service, reply. */
export async function eventRoutes(app: FastifyInstance, o: EventRoutesOptions) {
  const writeLimit = { config: { rateLimit: {} } };
  const joinLimit = { config: { rateLimit: { max: o.joinRateLimitPerMinute, keyGenerator: joinLimitKey } } };
  const guard = o.codeGuard ?? new JoinCodeGuard();
  const creations = o.eventCreations ?? new MemoryWindowCounter({ windowMs: HOUR });
  const qr = new QrCache(o.qrCacheSize);

  /** Runs a route's use of a join code, counting the address's misses (see JoinCodeGuard). */
  async function withCode<T>(request: FastifyRequest, reply: FastifyReply, use: (code: string) => Promise<T>): Promise<T> {
    const { code } = parseWith(EventCodeParams, request.params);
    const lookup = await guard.begin(request.ip, code);
    if (!lookup.allowed) {
      void reply.header('retry-after', String(lookup.retryAfter));
      throw new AppError('RATE_LIMITED', `Too many unknown event codes from here; try again ${retryIn(lookup.retryAfter)}.`);
    }
    let result: T;
    try {
      result = await use(code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') {
        await lookup.end('missed'); // before the 404, so the address's next lookup sees it
      } else {
        // Only frees the lookup's place: the answer (say, a 503 while Redis hangs) need not wait.
        void lookup.end('failed');
      }
      throw err;
    }
    await lookup.end('found');
    return result;
  }

  /**
   * Counts an event about to be created from the request's address (an IPv6 address by its /64,
   * as the guard counts), refusing past the hourly cap, then creates it. Only requests that would
   * create one are counted: a wrong key or a bad body is the write limit's business. A create
   * that fails (say, 503 while the store is away) gives its count back: it created nothing.
   */
  async function createCounted(request: FastifyRequest, reply: FastifyReply, body: CreateEventBody) {
    const address = addressKey(request.ip);
    const counted = await creations.add(address);
    if (counted.count > o.eventsPerHourPerAddress) {
      const retryAfter = Math.max(1, Math.ceil(counted.resetInMs / 1000));
      void reply.header('retry-after', String(retryAfter));
      throw new AppError('RATE_LIMITED', `Too many events created from here; try again ${retryIn(retryAfter)}.`);
    }
    try {
      return await o.events.create(body);
    } catch (err) {
      void creations.remove(address, counted); // the failure's answer need not wait for it
      throw err;
    }
  }

  app.post('/api/events', writeLimit, async (request, reply) => {
    const { authorization } = request.headers;
    if (o.organiserKey && !hasBearer(authorization, o.organiserKey)) {
      // One code for both, but words that say what to fix: give a key, or check the one given.
      // The refusal never echoes what was sent.
      const message = sentBearer(authorization) ? "That organiser key isn't right." : 'Creating events needs the organiser key.';
      throw new AppError('UNAUTHORIZED', message);
    }
    const body = parseBody(CreateEventBody, request.body);
    return reply.status(201).send(await createCounted(request, reply, body));
  });

  app.get('/api/events/:code', async (request, reply) =>
    withCode(request, reply, async (code) => ({ event: await o.events.publicByCode(code) })),
  );

  app.get('/api/events/:code/qr.svg', async (request, reply) => {
    const svg = await withCode(request, reply, async (code) => qr.svg(o.events.joinUrl((await o.events.byCode(code)).code)));
    return reply.type('image/svg+xml').header('cache-control', QR_CACHE_CONTROL).send(svg);
  });

  app.get('/api/events/:code/qr.png', async (request, reply) => {
    const png = await withCode(request, reply, async (code) => qr.png(o.events.joinUrl((await o.events.byCode(code)).code)));
    return reply.type('image/png').header('cache-control', QR_CACHE_CONTROL).send(png);
  });

  app.post('/api/events/:code/attendees', joinLimit, async (request, reply) => {
    const joined = await withCode(request, reply, (code) => o.attendees.join(code, parseBody(JoinBody, request.body)));
    return reply.status(201).send(joined);
  });
}
