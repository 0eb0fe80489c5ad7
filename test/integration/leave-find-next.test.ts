import type { Match } from '../../shared/schemas';
import { call, createEvent, findEachOther, joinAndConnect, serverPerTest, waitFor } from '../helpers/server';

/**
 * `match:leave` with `findNext` ("Find someone new"): the partner's `match:ended` says the one
 * who left went to look for someone new (`partnerFinding`), not that they left the event.
 */
describe('leaving a match to find someone new', () => {
  const rig = serverPerTest({ matchIntervalMs: 10 });

  async function pairThatMet(name: string) {
    const { event } = await createEvent(rig.server.url, { name });
    const ann = await joinAndConnect(rig.server, event.code, { name: 'Ann', interests: ['Jazz'] }, rig.sockets);
    const bob = await joinAndConnect(rig.server, event.code, { name: 'Bob', interests: ['Jazz'] }, rig.sockets);
    const match: Match = await findEachOther(ann.socket, bob.socket);
    expect(await call(ann.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
    return { event, ann, bob, match };
  }

  test('tells the partner `partnerFinding: true`; a plain leave does not', async () => {
    const first = await pairThatMet('Find Next');
    const told = waitFor(first.bob.socket, 'match:ended');
    expect(await call(first.ann.socket, 'match:leave', { matchId: first.match.id, reason: 'done', findNext: true })).toMatchObject({ ok: true });
    expect(await told).toEqual({ matchId: first.match.id, reason: 'partner_left', partnerFinding: true });

    const second = await pairThatMet('Plain Leave');
    const plain = waitFor(second.bob.socket, 'match:ended');
    expect(await call(second.ann.socket, 'match:leave', { matchId: second.match.id, reason: 'done', findNext: false })).toMatchObject({ ok: true });
    expect(await plain).toEqual({ matchId: second.match.id, reason: 'partner_left' });
  });

  test('once the event has ended nobody new is found, so the partner is not told so', async () => {
    const { event, ann, bob, match } = await pairThatMet('Last Orders');
    await rig.server.app.services.events.setStatus(event.id, 'ended');
    const told = waitFor(bob.socket, 'match:ended');
    expect(await call(ann.socket, 'match:leave', { matchId: match.id, reason: 'done', findNext: true })).toMatchObject({ ok: true });
    expect(await told).toEqual({ matchId: match.id, reason: 'partner_left' });
  });

  test('`findNext` must be a boolean', async () => {
    const { ann, match } = await pairThatMet('Bad Flag');
    const ack = await call(ann.socket, 'match:leave', { matchId: match.id, reason: 'done', findNext: 'yes' } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(ann.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true, state: { status: 'chatting' } });
  });
});
