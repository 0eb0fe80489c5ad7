import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { buildApp, type AppDeps, type MingleApp } from '../../server/app';
import { testConfig, type Config } from '../../server/config';
import { MemoryStore } from '../../server/store/memory';
import type { ClientToServerEvents, ServerToClientEvents, Ack } from '../../shared/events';
import type { CreateEventResponse, JoinResponse, Match, MatchReminder } from '../../shared/schemas';
import { sampleMatch } from '../store/samples';

export type AttendeeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: MingleApp;
  url: string;
  close(): Promise<void>;
}

/** A real Mingle on port 0 with a memory store (unless one is given) and fast matching. */
export async function startServer(
  config: Partial<Config> = {},
  deps: Partial<AppDeps> = {},
): Promise<TestServer> {
  const app = await buildApp(testConfig({ matchIntervalMs: 20, ...config }), {
    store: deps.store ?? new MemoryStore(),
    ...deps,
  });
  const address = await app.listen(0, '127.0.0.1');
  return { app, url: address, close: () => app.close() };
}

/** A real Mingle (`startServer`) new for each test, and the sockets the test opened, closed after it. */
export function serverPerTest(config: Partial<Config> = {}): { server: TestServer; sockets: AttendeeSocket[] } {
  const rig = { server: undefined as unknown as TestServer, sockets: [] as AttendeeSocket[] };
  beforeEach(async () => {
    rig.server = await startServer(config);
  });
  afterEach(async () => {
    rig.sockets.splice(0).forEach((s) => s.disconnect());
    await rig.server.close();
  });
  return rig;
}

/**
 * A real Mingle with matching stopped: nobody is matched unless the test ticks
 * (`app.ticker.tick()`), so who is looking stays as the test left it. On a clock the test moves
 * by hand (`now`), waits and minutes are exact too.
 */
export async function startServerOnClock(now?: () => number, deps: Partial<AppDeps> = {}): Promise<TestServer> {
  const server = await startServer({ matchIntervalMs: 10_000 }, { ...deps, ...(now ? { now } : {}) });
  await server.app.ticker.stop();
  return server;
}

/**
 * A server on a hand clock with matching stepped by the test (startServerOnClock), new for each
 * test, its sockets closed after it. The test moves `clock`, keeps its sockets in `sockets`, and
 * calls `tick()` for what one matching interval would do: refresh presence, then plan.
 */
export function steppedServerPerTest(deps: () => Promise<Partial<AppDeps>>, after: () => Promise<void> = async () => {}) {
  const start = 1_800_000_000_000;
  const t = {
    server: undefined as unknown as TestServer,
    clock: start,
    sockets: [] as AttendeeSocket[],
    async tick(): Promise<void> {
      await t.server.app.presence.refresh();
      await t.server.app.ticker.tick();
    },
    /** `a` then `b` tap find and a tick runs: the match `a` is told of. */
    async pair(a: { socket: AttendeeSocket }, b: { socket: AttendeeSocket }): Promise<Match> {
      const found = waitFor(a.socket, 'match:found');
      await call(a.socket, 'match:find');
      await call(b.socket, 'match:find');
      await t.tick();
      return (await found) as Match;
    },
    /**
     * These people join a new event, tap find, and are put in one match that has met (claimed
     * straight through the store, as a tick would, so any number of them).
     */
    async chatting(names: string[], eventName = 'Group') {
      const { event, organiserToken } = await createEvent(t.server.url, { name: eventName });
      const people: Array<Awaited<ReturnType<typeof joinAndConnect>>> = [];
      for (const n of names) people.push(await joinAndConnect(t.server, event.code, { name: n, interests: ['Tea'] }, t.sockets));
      for (const p of people) await call(p.socket, 'match:find');
      const match = sampleMatch(event.id, people.map((p) => p.attendee.id), { createdAt: t.clock, sharedTopics: ['Tea'], icebreaker: 'Tea?' });
      expect(await t.server.app.store.claimMatch(match)).toBe(true);
      expect(await call(people[0]!.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
      return { event, people, matchId: match.id, organiserToken };
    },
    /** Everyone taps find, then the matcher runs five ticks 30 s apart: past every wait (trio, repeat pair, cooldown). */
    async lookAndTick(...people: Array<{ socket: AttendeeSocket }>): Promise<void> {
      for (const p of people) expect(await call(p.socket, 'match:find')).toMatchObject({ ok: true });
      for (let i = 0; i < 5; i++) {
        t.clock += 30_000;
        await t.tick();
      }
    },
  };
  beforeEach(async () => {
    t.clock = start;
    t.server = await startServerOnClock(() => t.clock, await deps());
  });
  afterEach(async () => {
    t.sockets.splice(0).forEach((s) => s.disconnect());
    await t.server.close();
    await after();
  });
  return t;
}

export async function createEvent(
  url: string,
  body: Record<string, unknown> = { name: 'Test meetup' },
): Promise<CreateEventResponse> {
  const res = await request(url).post('/api/events').send(body).expect(201);
  return res.body as CreateEventResponse;
}

export async function joinEvent(
  url: string,
  code: string,
  body: Record<string, unknown>,
): Promise<JoinResponse> {
  const res = await request(url).post(`/api/events/${code}/attendees`).send(body).expect(201);
  return res.body as JoinResponse;
}

/**
 * Connects a real socket.io-client to /attendee and waits for its first `state`. `listen` adds
 * listeners before it connects, for what comes with that state.
 */
export async function connectAttendee(url: string, token: string, listen?: (socket: AttendeeSocket) => void): Promise<AttendeeSocket> {
  const socket: AttendeeSocket = connect(`${url}/attendee`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  listen?.(socket);
  await waitFor(socket, 'state');
  return socket;
}

/**
 * A new connection of the attendee with `token` (a reload, a signal back), pushed to `sockets`:
 * the `match:reminder`s it got with its first `state`, once everything sent with that has come.
 */
export async function remindersOnConnect(url: string, token: string, sockets: AttendeeSocket[]): Promise<MatchReminder[]> {
  const got: MatchReminder[] = [];
  const socket = await connectAttendee(url, token, (fresh) => fresh.on('match:reminder', (r) => got.push(r)));
  sockets.push(socket);
  await call(socket, 'profile:update', {}); // answered after anything sent with its state
  return got;
}

/** Resolves with the next payload of `event`; rejects on a connect error. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: AttendeeSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      cleanup();
      resolve(args[0]);
    };
    const cleanup = () => {
      socket.off(event, listener as never);
      socket.off('connect_error', onError);
    };
    socket.on(event, listener as never);
    socket.on('connect_error', onError);
  });
}

/** Emits an event and resolves with its ack. */
export function call<E extends keyof ClientToServerEvents>(
  socket: AttendeeSocket,
  event: E,
  payload: unknown = {},
): Promise<Ack> {
  return new Promise((resolve) => {
    (socket.emit as (...args: unknown[]) => void)(event, payload, (ack: Ack) => resolve(ack));
  });
}

export type OrganiserSocket = Socket<
  import('../../shared/events').OrganiserServerToClientEvents,
  import('../../shared/events').OrganiserClientToServerEvents
>;

/** Connects a dashboard to /organiser and waits for its first `stats`. */
export async function connectOrganiser(url: string, token: string, eventId?: string): Promise<OrganiserSocket> {
  const socket: OrganiserSocket = connect(`${url}/organiser`, {
    auth: { token, eventId },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('stats', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits an organiser control and resolves with its ack. */
export function control(socket: OrganiserSocket, event: string, payload: unknown = {}): Promise<import('../../shared/events').OrganiserAck> {
  return new Promise((resolve) => {
    (socket.emit as (...args: unknown[]) => void)(event, payload, resolve);
  });
}

/** Joins an event and connects a phone; the socket goes into `sockets` for the test to close. */
export async function joinAndConnect(server: TestServer, code: string, body: Record<string, unknown>, sockets: AttendeeSocket[]) {
  const joined = await joinEvent(server.url, code, body);
  const socket = await connectAttendee(server.url, joined.token);
  sockets.push(socket);
  const { eventId } = await server.app.services.attendees.authenticate(joined.token);
  return { ...joined, socket, ref: { eventId, attendeeId: joined.attendee.id } };
}

/** Both tap find; resolves with the match as the first one sees it (once the server ticks). */
export async function findEachOther(a: AttendeeSocket, b: AttendeeSocket) {
  const found = waitFor(a, 'match:found');
  await call(a, 'match:find');
  await call(b, 'match:find');
  return found as Promise<import('../../shared/schemas').Match>;
}

/** Polls a condition until it holds: each poll is a real check, not a sleep for luck. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
