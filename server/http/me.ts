import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VcfQuery } from '../../shared/schemas';
import { forbidden, parseWith, unauthorized } from '../errors';
import type { AftercareService } from '../services/aftercare';
import type { AttendeeRef, AttendeeService } from '../services/attendees';

/** The bearer token of a request, or UNAUTHORIZED. */
export function bearer(request: FastifyRequest): string {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
  if (!match) throw unauthorized();
  return match[1]!;
}

/** Routes for the attendee holding the token: their state, the people they met, forget me. */
export async function meRoutes(app: FastifyInstance, o: { attendees: AttendeeService; aftercare: AftercareService }) {
  const me = async (request: FastifyRequest): Promise<AttendeeRef> => {
    const grant = await o.attendees.grant(bearer(request));
    if (grant.kind !== 'attendee') throw forbidden('This route needs an attendee token.');
    // The attendee may have been removed or forgotten: their token then opens nothing.
    await o.attendees.holder(grant);
    return grant;
  };

  app.get('/api/me', async (request) => o.attendees.state(await me(request)));

  // Revealed contact details: never kept by a cache, as with the vCards below.
  app.get('/api/me/connections', async (request, reply) => {
    return reply.header('cache-control', 'no-store').send(await o.aftercare.connections(await me(request)));
  });

  app.get('/api/me/connections.vcf', async (request, reply) => {
    const ref = await me(request);
    const { id, except } = parseWith(VcfQuery, request.query);
    return reply
      .type('text/vcard; charset=utf-8')
      .header('content-disposition', `attachment; filename="${id ? 'contact' : 'mingle-contacts'}.vcf"`)
      .header('cache-control', 'no-store')
      .send(await o.aftercare.vcards(ref, id, except));
  });

  // Idempotent: a token that opens nothing any more (forgotten already, removed by the organiser,
  // past the retention period) has nothing left behind it to delete, so a retry answers 204 too.
  app.delete('/api/me', async (request, reply) => {
    const grant = await o.attendees.findGrant(bearer(request));
    if (grant?.kind === 'organiser') throw forbidden('This route needs an attendee token.');
    if (grant) {
      const disconnect = await o.aftercare.forget(grant);
      disconnect();
    }
    return reply.status(204).send();
  });
}
