import net from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { CONNECTION_TIMEOUTS } from '../../server/app';
import { call, connectAttendee, createEvent, joinEvent, startServer, type AttendeeSocket, type TestServer } from '../helpers/server';

/** What a raw TCP connection got back, once the server closed it (or `deadlineMs` passed). */
function closedWithin(socket: net.Socket, deadlineMs: number): Promise<{ closed: boolean; received: string }> {
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ closed: false, received }), deadlineMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, received });
    });
  });
}

/** Writes one more byte every 50 ms, as a slowloris client keeps a request alive. */
function trickle(socket: net.Socket, byte: string): () => void {
  const timer = setInterval(() => socket.writable && socket.write(byte), 50);
  return () => clearInterval(timer);
}

/**
 * Connections that ask for nothing: a request trickled a byte at a time, a Socket.IO connection
 * parked on the main namespace. Each used to be held for as long as the client liked.
 */
describe('connections that ask for nothing are not held', () => {
  let server: TestServer;
  const raw: net.Socket[] = [];
  const sockets: Socket[] = [];

  // Short timeouts, so each case takes under a second; the defaults are checked below.
  beforeAll(async () => {
    server = await startServer({}, { timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 50, socketConnectMs: 500 } });
  });
  afterEach(() => {
    raw.splice(0).forEach((s) => s.destroy());
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(() => server.close());

  const port = () => Number(new URL(server.url).port);
  const open = () => {
    const socket = net.connect(port(), '127.0.0.1');
    raw.push(socket);
    return socket;
  };

  test('by default a request has 20 s, its headers 10 s, checked every second', async () => {
    const plain = await startServer();
    try {
      expect(CONNECTION_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 20_000, checkEveryMs: 1_000, socketConnectMs: 10_000 });
      expect(plain.app.http.server.requestTimeout).toBe(20_000);
      expect(plain.app.http.server.headersTimeout).toBe(10_000);
    } finally {
      await plain.close();
    }
  });

  test('a body trickled a byte at a time gets 408 and the connection closes', async () => {
    const { event } = await createEvent(server.url);
    const socket = open();
    socket.write(
      `POST /api/events/${event.code}/attendees HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"name":"`,
    );
    const stop = trickle(socket, 'a');
    const outcome = await closedWithin(socket, 5_000);
    stop();
    // Before the fix: still open after 5 s (and for ever), however slowly the bytes came.
    expect(outcome.closed).toBe(true);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
    // Nobody joined: the request never reached the route.
    expect(await server.app.store.listAttendees(event.id)).toHaveLength(0);
  });

  test('headers trickled a byte at a time get 408 too', async () => {
    const socket = open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const stop = trickle(socket, 'b');
    const outcome = await closedWithin(socket, 5_000);
    stop();
    expect(outcome.closed).toBe(true);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
  });

  test('a phone on a WebSocket outlives the request timeout', async () => {
    const { event } = await createEvent(server.url);
    const { token } = await joinEvent(server.url, event.code, { name: 'Ann' });
    const phone: AttendeeSocket = await connectAttendee(server.url, token);
    sockets.push(phone as unknown as Socket);
    // A slow request opened after the phone is timed out: by then the phone is older than the
    // request timeout, and the checks have run.
    const slow = open();
    slow.write('POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{');
    const stop = trickle(slow, ' ');
    expect((await closedWithin(slow, 5_000)).closed).toBe(true);
    stop();
    expect(phone.connected).toBe(true);
    const ack = await call(phone, 'match:find');
    expect(ack.ok).toBe(true);
  });

  test('the main namespace refuses everyone, with or without a token', async () => {
    const { event } = await createEvent(server.url);
    const { token } = await joinEvent(server.url, event.code, { name: 'Ann' });
    for (const auth of [{}, { token }]) {
      const socket = connect(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      // Before the fix: `connect`, and the connection stayed for as long as it answered pings.
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (err) => resolve(err.message));
      });
      expect(outcome).toBe('NOT_FOUND');
    }
  });

  test('a connection that joins no namespace is closed after the connect timeout', async () => {
    const socket = connect(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    sockets.push(socket);
    // The underlying connection, opened without asking for any namespace.
    const engine = socket.io;
    const closed = new Promise<string>((resolve) => engine.once('close', (reason) => resolve(String(reason))));
    engine.open();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still open'), 5_000)));
    // Cleared, not left to run out: a pending timer kept the Jest worker alive after its last file.
    const outcome = await Promise.race([closed, deadline]).finally(() => clearTimeout(timer));
    expect(outcome).toBe('transport close');
  });

  test('the API and the pages still answer', async () => {
    await request(server.url).get('/healthz').expect(200);
    const { event } = await createEvent(server.url);
    await request(server.url).post(`/api/events/${event.code}/attendees`).send({ name: 'Bob' }).expect(201);
  });
});
