import request from 'supertest';
import type { Stats } from '../../shared/schemas';
import { onMemoryAndRedis, type redisDeps } from '../helpers/redis';
import {
  connectOrganiser,
  control,
  createEvent,
  joinAndConnect,
  joinEvent,
  startServer,
  waitFor,
  type AttendeeSocket,
  type OrganiserSocket,
  type TestServer,
} from '../helpers/server';

jest.setTimeout(20_000);

/**
 * Two organisers at one event, each with a dashboard, take the same person out: the second
 * (or a retry) must read as done, not NOT_FOUND, on every client; an id that was never removed
 * from the event stays NOT_FOUND.
 */
function removeTwice(name: string, deps: () => Promise<Awaited<ReturnType<typeof redisDeps>> | Record<string, never>>, after?: () => Promise<void>) {
  describe(`removing someone already removed (${name})`, () => {
    let server: TestServer;
    const sockets: Array<AttendeeSocket | OrganiserSocket> = [];
    beforeEach(async () => {
      server = await startServer({}, await deps());
    });
    afterEach(async () => {
      sockets.splice(0).forEach((s) => s.disconnect());
      await server.close();
      await after?.();
    });

    async function twoDashboards() {
      const made = await createEvent(server.url, { name: 'Two organisers' });
      const dashboards: OrganiserSocket[] = [];
      for (let i = 0; i < 2; i++) dashboards.push(await connectOrganiser(server.url, made.organiserToken, made.event.id));
      sockets.push(...dashboards);
      const del = (attendeeId: string) =>
        request(server.url).delete(`/api/events/${made.event.id}/attendees/${attendeeId}`).set('authorization', `Bearer ${made.organiserToken}`);
      const stats = async () =>
        (await request(server.url).get(`/api/events/${made.event.id}/stats`).set('authorization', `Bearer ${made.organiserToken}`).expect(200)).body as Stats;
      return { ...made, dashboards, del, stats };
    }

    test('one after the other, over both transports: every removal after the first is a success that changes nothing', async () => {
      const { event, dashboards, del, stats } = await twoDashboards();
      const rex = await joinAndConnect(server, event.code, { name: 'Rex' }, sockets);
      const told = waitFor(rex.socket, 'attendee:removed');
      expect(await control(dashboards[0]!, 'attendee:remove', { attendeeId: rex.attendee.id })).toMatchObject({ ok: true });
      await told;

      expect(await control(dashboards[1]!, 'attendee:remove', { attendeeId: rex.attendee.id })).toMatchObject({ ok: true, event: { id: event.id } });
      await del(rex.attendee.id).expect(204);
      // Counted once, whoever asked again.
      expect(await stats()).toMatchObject({ attendees: 0, removedTotal: 1 });
    });

    test('at the same moment, from two dashboards and the HTTP route: all succeed, and they are removed once', async () => {
      const { event, dashboards, del, stats } = await twoDashboards();
      const rex = await joinAndConnect(server, event.code, { name: 'Rex' }, sockets);
      const answers = await Promise.all([
        control(dashboards[0]!, 'attendee:remove', { attendeeId: rex.attendee.id }),
        control(dashboards[1]!, 'attendee:remove', { attendeeId: rex.attendee.id }),
        del(rex.attendee.id).then((r) => r.status),
      ]);
      expect(answers).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true }), 204]);
      expect(await stats()).toMatchObject({ attendees: 0, removedTotal: 1 });
    });

    test('an id never removed from the event stays NOT_FOUND: never in it, or left by themselves', async () => {
      const { event, dashboards, del } = await twoDashboards();
      const nobody = 'A'.repeat(16);
      expect(await control(dashboards[0]!, 'attendee:remove', { attendeeId: nobody })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect((await del(nobody).expect(404)).body.error.code).toBe('NOT_FOUND');

      // Someone who deleted themselves left nothing behind to tell them from nobody.
      const sam = await joinEvent(server.url, event.code, { name: 'Sam' });
      await request(server.url).delete('/api/me').set('authorization', `Bearer ${sam.token}`).expect(204);
      expect(await control(dashboards[0]!, 'attendee:remove', { attendeeId: sam.attendee.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

      // Someone removed from another event is not someone removed from this one.
      const other = await createEvent(server.url, { name: 'Next door' });
      const tom = await joinEvent(server.url, other.event.code, { name: 'Tom' });
      await request(server.url).delete(`/api/events/${other.event.id}/attendees/${tom.attendee.id}`).set('authorization', `Bearer ${other.organiserToken}`).expect(204);
      expect((await del(tom.attendee.id).expect(404)).body.error.code).toBe('NOT_FOUND');
    });
  });
}

onMemoryAndRedis(removeTwice);
