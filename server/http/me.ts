import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../errors';
import type { AttendeeService } from '../services/attendees';

/** The bearer token of a request, or UNAUTHORIZED. */
export function bearer(request: FastifyRequest): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
  if (!match) throw unauthorized();
  return match[1]!;
}

/** Routes for the attendee holding the token: their state, for phones that cannot keep a socket. */
export async function meRoutes(app: FastifyInstance, o: { attendees: AttendeeService }) {
  app.get('/api/me', async (request) => {
    const grant = await o.attendees.grant(bearer(request));
    if (grant.kind !== 'attendee') throw forbidden('This route needs an attendee token');
    return o.attendees.state(grant);
  });
}
