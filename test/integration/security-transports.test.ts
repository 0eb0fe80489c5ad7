import { io as connect } from 'socket.io-client';
import request from 'supertest';
import { connectAttendee, createEvent, joinEvent, startServer, type TestServer } from '../helpers/server';

/**
 * Socket.IO speaks only the WebSocket transport, as both clients do. Long-polling is a series of
 * requests that must all reach the instance holding the session, and the load balancer
 * (deploy/nginx.conf) has no stickiness: several instances would split a polling session between
 * them. So it is refused rather than left to work on one instance and break on two.
 */
describe('Socket.IO transports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  test('a long-polling handshake is refused', async () => {
    // Before the fix: 200 and a session id.
    const res = await request(server.url).get('/socket.io/?EIO=4&transport=polling').expect(400);
    expect(res.text).not.toMatch(/"sid"/);
    expect(res.body).toEqual({ code: 0, message: 'Transport unknown' });
  });

  test('a client that starts with long-polling (Socket.IO’s default) cannot connect', async () => {
    const { event } = await createEvent(server.url);
    const { token } = await joinEvent(server.url, event.code, { name: 'Poll' });
    const socket = connect(`${server.url}/attendee`, { auth: { token }, transports: ['polling'], reconnection: false, forceNew: true });
    try {
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(err.message));
      });
      expect(outcome).toBe('xhr poll error');
    } finally {
      socket.disconnect();
    }
  });

  test('a WebSocket client connects and gets its state', async () => {
    const { event } = await createEvent(server.url);
    const { token } = await joinEvent(server.url, event.code, { name: 'Web' });
    const socket = await connectAttendee(server.url, token);
    expect(socket.io.engine.transport.name).toBe('websocket');
    socket.disconnect();
  });
});
