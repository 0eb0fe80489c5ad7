import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AnnouncePayload, AttendeeIdParams, EventIdParams, EventUpdatePayload } from '../../shared/schemas';
import { parseBody, parseWith } from '../errors';
import type { OrganiserService } from '../services/organiser';
import { bearer } from './me';

/** The organiser's controls and exports over HTTP, the same as the `/organiser` socket events. */
export async function organiserRoutes(app: FastifyInstance, o: { organisers: OrganiserService }) {
  const org = o.organisers;
  /** The event id of the route, once the bearer token is shown to be its organiser's. */
  const authorised = async (request: FastifyRequest) => {
    const { id } = parseWith(EventIdParams, request.params);
    return org.authorise(bearer(request), id);
  };
  const write = { config: { rateLimit: {} } };
  // The figures read every attendee and match of the event (about 90 ms of CPU at 20,000
  // attendees) and the export every match: a client asking in a loop would hog the event loop
  // every phone shares, so both reads count against the write routes' budget. A dashboard is
  // sent its figures over its socket (StatsPusher, which paces them by their cost) instead.
  const costlyRead = write;

  // The figures name people, say how to spot them and quote reports, and the export is the
  // organiser's alone: no cache on the way (a venue proxy, the browser's disk) may keep either,
  // as the .vcf route already asks for contacts.
  app.get('/api/events/:id/stats', costlyRead, async (request, reply) => {
    const stats = await org.stats(await authorised(request));
    return reply.header('cache-control', 'no-store').send(stats);
  });

  // The event as its organiser sees it, for a page that only needs to know the token still opens
  // it (the home page's list of this laptop's events): one read, where the figures read everything.
  app.get('/api/events/:id/organiser', async (request, reply) => {
    const event = await org.event(await authorised(request));
    return reply.header('cache-control', 'no-store').send({ event });
  });

  app.get('/api/events/:id/export.csv', costlyRead, async (request, reply) => {
    const eventId = await authorised(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="mingle-${eventId}.csv"`)
      .send(await org.exportCsv(eventId));
  });

  app.post('/api/events/:id/pause', write, async (request) => ({ event: await org.setStatus(await authorised(request), 'paused') }));
  app.post('/api/events/:id/resume', write, async (request) => ({ event: await org.setStatus(await authorised(request), 'open') }));
  app.post('/api/events/:id/end', write, async (request) => ({ event: await org.setStatus(await authorised(request), 'ended') }));

  app.post('/api/events/:id/announce', write, async (request) => {
    const eventId = await authorised(request);
    return { event: await org.announce(eventId, parseBody(AnnouncePayload, request.body)) };
  });

  app.delete('/api/events/:id/announcement', write, async (request) => {
    const eventId = await authorised(request);
    return { event: await org.withdrawAnnouncement(eventId) };
  });

  app.patch('/api/events/:id', write, async (request) => {
    const eventId = await authorised(request);
    return { event: await org.update(eventId, parseBody(EventUpdatePayload, request.body)) };
  });

  app.delete('/api/events/:id/attendees/:attendeeId', write, async (request, reply) => {
    const eventId = await authorised(request);
    const { attendeeId } = parseWith(AttendeeIdParams, request.params);
    await org.removeAttendee(eventId, attendeeId);
    return reply.status(204).send();
  });
}
