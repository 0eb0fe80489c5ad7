import { AppError } from '../../server/errors';
import type { MatchRecord } from '../../server/store/records';
import { MemoryStore } from '../../server/store/memory';
import { call, createEvent, findEachOther, joinAndConnect, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';

/**
 * A store whose next claim or join is applied but answered otherwise: with UNAVAILABLE, as
 * ioredis reports a command Redis ran after the client's timeout (say, during a slow fsync), or
 * with a refusal, as a command ioredis resent after a reconnect finds its own write done.
 */
class LateAnswerStore extends MemoryStore {
  lose: 'claim' | 'join' | null = null;
  answer: 'error' | 'refusal' = 'error';

  override async claimMatch(match: MatchRecord) {
    const done = await super.claimMatch(match);
    if (!this.lost('claim')) return done;
    return this.answer === 'refusal' ? false : this.fail();
  }

  override async joinMatch(...args: Parameters<MemoryStore['joinMatch']>) {
    const done = await super.joinMatch(...args);
    if (!this.lost('join')) return done;
    return this.answer === 'refusal' ? null : this.fail();
  }

  private lost(which: 'claim' | 'join'): boolean {
    if (this.lose !== which) return false;
    this.lose = null;
    return true;
  }

  private fail(): never {
    throw new AppError('UNAVAILABLE', 'Command timed out');
  }
}

describe('a store answer lost after the store applied it', () => {
  let server: TestServer;
  let store: LateAnswerStore;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    store = new LateAnswerStore();
    server = await startServer({}, { store });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  it.each(['error', 'refusal'] as const)('still tells both people about the match the store saved (answered with: %s)', async (answer) => {
    store.answer = answer;
    const { event } = await createEvent(server.url);
    const ann = await joinAndConnect(server, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(server, event.code, { name: 'Bob' }, sockets);
    store.lose = 'claim';
    const bobFound = waitFor(bob.socket, 'match:found');
    const match = await findEachOther(ann.socket, bob.socket);
    expect(store.lose).toBeNull(); // the claim did fail
    expect((await bobFound).id).toBe(match.id);
    expect((await server.app.services.attendees.state(ann.ref)).status).toBe('matched');
  });

  it.each(['error', 'refusal'] as const)('still tells a newcomer about the circle the store added them to (answered with: %s)', async (answer) => {
    store.answer = answer;
    const { event } = await createEvent(server.url);
    const ann = await joinAndConnect(server, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(server, event.code, { name: 'Bob' }, sockets);
    const match = await findEachOther(ann.socket, bob.socket);
    expect(await call(ann.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'match:open', { matchId: match.id, open: true })).toMatchObject({ ok: true });

    const cy = await joinAndConnect(server, event.code, { name: 'Cy' }, sockets);
    store.lose = 'join';
    const found = waitFor(cy.socket, 'match:found');
    expect(await call(cy.socket, 'match:find')).toMatchObject({ ok: true });
    expect((await found).id).toBe(match.id);
    expect(store.lose).toBeNull();
  });
});
