import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { CreateEventBody, EventCodeParams, JoinBody } from '../../shared/schemas';
import { AppError, parseWith } from '../errors';
import type { AttendeeService } from '../services/attendees';
import type { EventService } from '../services/events';

export interface EventRoutesOptions {
  events: EventService;
  attendees: AttendeeService;
  organiserKey: string | undefined;
}

/** Event and join routes: parse, call a service, reply. */
export async function eventRoutes(app: FastifyInstance, o: EventRoutesOptions) {
  const writeLimit = { config: { rateLimit: {} } };

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

  app.post('/api/events/:code/attendees', writeLimit, async (request, reply) => {
    const { code } = parseWith(EventCodeParams, request.params);
    const body = parseWith(JoinBody, request.body);
    return reply.status(201).send(await o.attendees.join(code, body));
  });
}
