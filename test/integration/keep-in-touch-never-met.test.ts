import request from 'supertest';
import type { Connection } from '../../shared/schemas';
import { call, createEvent, joinAndConnect, steppedServerPerTest, waitFor } from '../helpers/server';

/**
 * A match that ended before anyone in it found each other (it timed out, or "Can't find them")
 * is in nobody's People I met: nobody could ever share back, so `contact:share` there is refused
 * with the reason NEVER_MET and nothing is kept. A match that met may still swap after it ends.
 * Over real sockets, on a hand clock with matching stepped by the test.
 */
describe('keeping in touch after a match that never met', () => {
  const t = steppedServerPerTest(async () => ({}));
  const contact = { email: 'ann@example.com' };

  async function annAndBob() {
    const { event } = await createEvent(t.server.url, { name: 'Never met' });
    const ann = await joinAndConnect(t.server, event.code, { name: 'Ann' }, t.sockets);
    const bob = await joinAndConnect(t.server, event.code, { name: 'Bob' }, t.sockets);
    const match = await t.pair(ann, bob);
    return { ann, bob, matchId: match.id };
  }
  const connections = (p: { token: string }) =>
    request(t.server.url).get('/api/me/connections').set('authorization', `Bearer ${p.token}`).expect(200).then((r) => r.body.connections as Connection[]);

  test('is refused once the match has timed out, and nothing is kept', async () => {
    const { ann, bob, matchId } = await annAndBob();
    const ended = waitFor(ann.socket, 'match:ended');
    t.clock += 181_000;
    await t.tick();
    expect(await ended).toEqual({ matchId, reason: 'timeout' });
    expect(await call(ann.socket, 'contact:share', { matchId, contact })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NEVER_MET', message: "That match ended before you found each other, so there are no details to swap." },
    });
    expect(await t.server.app.store.getContacts(ann.ref.eventId, matchId)).toMatchObject({ revealed: false, contacts: {} });
    expect(await connections(bob)).toEqual([]);
  });

  test('is refused after "Can\'t find them"', async () => {
    const { ann, bob, matchId } = await annAndBob();
    expect(await call(bob.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'contact:share', { matchId, contact })).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'NEVER_MET' } });
  });

  test('is taken while the match is on, and after a match that met has ended', async () => {
    const { ann, bob, matchId } = await annAndBob();
    expect(await call(ann.socket, 'contact:share', { matchId, contact })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
    const revealed = waitFor(ann.socket, 'contact:revealed');
    expect(await call(bob.socket, 'contact:share', { matchId, contact: { email: 'bob@example.com' } })).toMatchObject({ ok: true });
    expect(await revealed).toMatchObject({ matchId });
  });
});
