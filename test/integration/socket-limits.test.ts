import { io as connect } from 'socket.io-client';
import { AttendeeLimits } from '../../server/realtime/attendee-limits';
import type { Ack } from '../../shared/events';
import { call, connectAttendee, createEvent, joinEvent, startServer, waitUntil, type AttendeeSocket, type TestServer } from '../helpers/server';

const codes = (acks: Ack[]) => acks.map((a) => (a.ok ? 'ok' : a.error.code));
const count = (acks: Ack[], code: string) => codes(acks).filter((c) => c === code).length;

/**
 * A phone's event budget (10 a second, bursts of 30) belongs to the attendee, not to each of
 * their connections: twenty sockets on one token must not get twenty budgets, nor a reconnect a
 * fresh burst. And one attendee holds at most three connections at once.
 */
describe('socket limits are per attendee', () => {
  let server: TestServer;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    // The buckets' clock stands still: no refill, so each count is exact however slow the machine.
    const still = Date.now();
    server = await startServer({ matchIntervalMs: 60_000 }, { attendeeLimits: { now: () => still } });
    await server.app.ticker.stop();
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  async function attendee(name: string) {
    const { event } = await createEvent(server.url, { name: 'Limits' });
    return joinEvent(server.url, event.code, { name });
  }

  async function phone(token: string) {
    const socket = await connectAttendee(server.url, token);
    sockets.push(socket);
    return socket;
  }

  /** Sends `n` harmless events at once and gathers their acks. */
  const burst = (socket: AttendeeSocket, n: number) => Promise.all(Array.from({ length: n }, () => call(socket, 'profile:update', {})));

  /** Resolves once the server has counted this many connections on /attendee. */
  const serverSockets = (n: number) => waitUntil(() => server.app.io.of('/attendee').sockets.size === n);

  test('three sockets on one token share one burst of 30', async () => {
    const { token } = await attendee('Ann');
    const three = [await phone(token), await phone(token), await phone(token)];
    // 25 each is under a per-socket burst of 30, so before the fix every one was accepted.
    const acks = (await Promise.all(three.map((s) => burst(s, 25)))).flat();
    expect(count(acks, 'ok')).toBe(30);
    expect(count(acks, 'RATE_LIMITED')).toBe(45);

    // Someone else's budget is their own.
    const bob = await phone((await attendee('Bob')).token);
    expect(count(await burst(bob, 20), 'ok')).toBe(20);
  });

  test('a reconnect does not refill the burst', async () => {
    const { token } = await attendee('Ann');
    const first = await phone(token);
    expect(count(await burst(first, 30), 'ok')).toBe(30);
    first.disconnect();
    await serverSockets(0);
    const again = await phone(token);
    // A fresh bucket would accept all ten.
    expect(count(await burst(again, 10), 'RATE_LIMITED')).toBe(10);
  });

  test('a fourth connection of one attendee is refused with RATE_LIMITED; the others carry on', async () => {
    const { token } = await attendee('Ann');
    const three = [await phone(token), await phone(token), await phone(token)];
    // The reason beside the code lets the phone say "too many tabs" rather than "offline".
    await expect(connectAttendee(server.url, token)).rejects.toMatchObject({ message: 'RATE_LIMITED', data: { reason: 'TOO_MANY_CONNECTIONS' } });
    expect(three.every((s) => s.connected)).toBe(true);
    expect(await call(three[0]!, 'profile:update', {})).toMatchObject({ ok: true });

    // Once one closes, there is room again.
    three[0]!.disconnect();
    await serverSockets(2);
    await phone(token);
    await serverSockets(3);
  });

  test('twenty handshakes at once on one token: three get in', async () => {
    const { token } = await attendee('Ann');
    const tries = Array.from({ length: 20 }, () =>
      connect(`${server.url}/attendee`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }),
    );
    sockets.push(...(tries as AttendeeSocket[]));
    // Each either stays connected with its `state`, or is refused (at the handshake or, if it
    // raced another, just after it).
    const outcomes = await Promise.all(
      tries.map(
        (s) =>
          new Promise<string>((resolve) => {
            s.once('state', () => resolve('in'));
            s.once('connect_error', (err) => resolve(err.message));
            s.once('disconnect', () => resolve('dropped'));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'in')).toHaveLength(3);
    expect(outcomes.filter((o) => o !== 'in').every((o) => o === 'RATE_LIMITED' || o === 'dropped')).toBe(true);
    await serverSockets(3);
  });
});

describe('AttendeeLimits', () => {
  test('forgets an attendee with no connection once their bucket has refilled: memory stays bounded', () => {
    let t = 1_000_000;
    const limits = new AttendeeLimits({ perSecond: 10, burst: 30, now: () => t });
    for (let i = 0; i < 1000; i++) {
      const bucket = limits.connect(`a${i}`)!;
      bucket.take();
      limits.disconnect(`a${i}`);
    }
    // Each used a token, so each bucket is still refilling: kept, so a reconnect finds it.
    expect(limits.size).toBe(1000);
    t += 10_000;
    limits.connect('late');
    expect(limits.size).toBe(1);
  });

  test('an unused bucket goes as its last connection closes; a drained one stays until refilled', () => {
    const limits = new AttendeeLimits({ perSecond: 10, burst: 30, maxSockets: 2, now: () => 0 });
    limits.connect('calm');
    limits.disconnect('calm');
    expect(limits.size).toBe(0);

    const bucket = limits.connect('busy')!;
    while (bucket.take());
    limits.disconnect('busy');
    expect(limits.size).toBe(1);
    // Back within the refill: the same, still empty, bucket.
    expect(limits.connect('busy')).toBe(bucket);
    expect(bucket.take()).toBe(false);
    expect(limits.connect('busy')).toBe(bucket);
    expect(limits.mayConnect('busy')).toBe(false);
    expect(limits.connect('busy')).toBeNull();
  });
});
