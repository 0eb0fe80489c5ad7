import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { CreateEventBody, EventCodeParams, JoinBody } from '../../shared/schemas';
import { AppError, parseWith } from '../errors';
import type { AttendeeService } from '../services/attendees';
import type { EventService } from '../services/events';

export interface EventRoutesOptions {
  events: EventService;
  attendees: AttendeeService;
  organiserKey: string | undefined;
  /** Joins per minute to one event from one address (`JOIN_RATE_LIMIT_PER_MINUTE`). */
  joinRateLimitPerMinute: number;
}

/**
 * The join limit's key: the event and the address. Keying on the address alone would turn a
 * venue away, as its Wi-Fi puts every phone in the room behind one NAT address. The code is
 * read as the route reads it (upper-cased), so `abc234` and `ABC234` share one budget; a
 * malformed code gets a key of its own, and the route refuses it anyway.
 */
function joinLimitKey(request: FastifyRequest): string {
  const params = EventCodeParams.safeParse(request.params);
  return `join:${params.success ? params.data.code : '-'}:${request.ip}`;
}

/** Event and join routes: parse, call a service, reply. */
export async function eventRoutes(app: FastifyInstance, o: EventRoutesOptions) {
  const writeLimit = { config: { rateLimit: {} } };
  const joinLimit = { config: { rateLimit: { max: o.joinRateLimitPerMinute, keyGenerator: joinLimitKey } } };

  app.post('/api/events', writeLimit, async (request, reply) => {
    if (o.organiserKey && request.headers.authorization !== `Bearer ${o.organiserKey}`) {
      throw new AppError('UNAUTHORIZED', 'Creating events needs the organiser key');
    }
    const body = parseWith(CreateEventBody, request.body);
    return reply.status(201).send(await o.events.create(body));
  });

  app.get('/api/events/:code', async (request) => {
    const { code } = parseWith(EventCodeParams, request.params);
    return { event: await o.events.publicByCode(code) };
  });

  app.get('/api/events/:code/qr.svg', async (request, reply) => {
    const { code } = parseWith(EventCodeParams, request.params);
    const event = await o.events.byCode(code);
    const svg = await QRCode.toString(o.events.joinUrl(event.code), { type: 'svg', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
  });

  app.get('/api/events/:code/qr.png', async (request, reply) => {
    const { code } = parseWith(EventCodeParams, request.params);
    const event = await o.events.byCode(code);
    const png = await QRCode.toBuffer(o.events.joinUrl(event.code), { type: 'png', margin: 2, width: 512 });
    return reply.type('image/png').header('cache-control', 'public, max-age=3600').send(png);
  });

  app.post('/api/events/:code/attendees', joinLimit, async (request, reply) => {
    const { code } = parseWith(EventCodeParams, request.params);
    const body = parseWith(JoinBody, request.body);
    return reply.status(201).send(await o.attendees.join(code, body));
  });
}
