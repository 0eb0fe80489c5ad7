import { io as connect } from 'socket.io-client';
import { call, createEvent, findEachOther, joinAndConnect, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';

describe('a phone that comes back while looking', () => {
  let server: TestServer;
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    // Slow ticks: the hint must come from the reconnect, not from a tick that happens to change it.
    server = await startServer({ matchIntervalMs: 60_000 });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
  });

  it('gets the queue hint with its state, not only when the count next changes', async () => {
    const { event } = await createEvent(server.url);
    const ann = await joinAndConnect(server, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(server, event.code, { name: 'Bob' }, sockets);
    // Ann and Bob blocked each other earlier, so both stay looking.
    expect(await call(ann.socket, 'attendee:block', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
    expect(await call(bob.socket, 'match:find')).toMatchObject({ ok: true });
    ann.socket.disconnect();

    // Listening before connecting: the hint follows the state on the same connection.
    const again: AttendeeSocket = connect(`${server.url}/attendee`, { auth: { token: ann.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(again);
    const [state, hint] = await Promise.all([waitFor(again, 'state'), waitFor(again, 'match:waiting')]);
    expect(state.status).toBe('looking');
    expect(hint.looking).toBe(2);
  });

  it('gets no hint when it is not looking', async () => {
    const { event } = await createEvent(server.url);
    const cy = await joinAndConnect(server, event.code, { name: 'Cy' }, sockets);
    cy.socket.disconnect();
    const again: AttendeeSocket = connect(`${server.url}/attendee`, { auth: { token: cy.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(again);
    const seen: string[] = [];
    again.onAny((name: string) => seen.push(name));
    await waitFor(again, 'state');
    // A round trip after the state: anything sent on connect has arrived by its ack.
    expect(await call(again, 'match:cancel')).toMatchObject({ ok: true });
    expect(seen).not.toContain('match:waiting');
  });
});

describe('the wait hint of someone looking alone', () => {
  let server: TestServer;
  let ahead = 0;
  const sockets: AttendeeSocket[] = [];

  beforeAll(async () => {
    server = await startServer({}, { now: () => Date.now() + ahead });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server.close();
  });

  it('promises no trio with a pair that can no longer take a third', async () => {
    const { event } = await createEvent(server.url);
    const ann = await joinAndConnect(server, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(server, event.code, { name: 'Bob' }, sockets);
    await findEachOther(ann.socket, bob.socket);
    // Unconfirmed for 100 s: past half the 180 s timeout, so no third joins them now.
    ahead += 100_000;
    const cy = await joinAndConnect(server, event.code, { name: 'Cy' }, sockets);
    const hint = waitFor(cy.socket, 'match:waiting', (w) => w.estimateMs !== null);
    expect(await call(cy.socket, 'match:find')).toMatchObject({ ok: true });
    // From the event's match rate (two people placed in five minutes), not the trio wait (~20 s).
    expect((await hint).estimateMs).toBeGreaterThan(60_000);
  });
});
