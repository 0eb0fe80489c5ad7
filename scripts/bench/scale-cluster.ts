/**
 * Two in-process Mingle instances on one Redis, phones on each, and the timed actions of
 * `npm run bench:scale`. Every wait is on a real event with a deadline, never a sleep.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import { buildApp, type MingleApp } from '../../server/app';
import { testConfig } from '../../server/config';
import type { RedisStore } from '../../server/store/redis';
import type { Ack } from '../../shared/events';
import type { JoinBody, Match, State } from '../../shared/schemas';
import { call, connectAttendee, waitFor, type AttendeeSocket } from '../../test/helpers/server';
import { redisInstanceDeps, type CommandLog } from './scale-redis';

/** A bench-only event on `/attendee` whose handler only acks: the floor of an emit+ack. */
const ECHO = 'bench:echo';
const DEADLINE_MS = 3_000;

export interface Instance {
  name: string;
  app: MingleApp;
  url: string;
  store: RedisStore;
}

export interface Phone {
  attendeeId: string;
  on: Instance;
  socket: AttendeeSocket;
}

/**
 * Builds an instance as main.ts would on Redis, listens on port 0, and stops its matching loop
 * so the bench decides when a tick runs.
 */
export async function startInstance(name: string, redisUrl: string, prefix: string, log: CommandLog): Promise<Instance> {
  const deps = await redisInstanceDeps(redisUrl, prefix);
  log.label(deps.store.redis, `store ${name}`);
  // The HTTP rate limit is per IP and every bench phone is 127.0.0.1.
  const config = testConfig({ instanceId: `bench-${name.toLowerCase()}`, rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000_000 });
  const app = await buildApp(config, deps);
  app.io.of('/attendee').on('connection', (socket) => socket.on(ECHO, (ack: () => void) => ack()));
  const url = await app.listen(0, '127.0.0.1');
  await app.ticker.stop();
  return { name, app, url, store: deps.store };
}

const TOPICS = ['AI', 'Climbing', 'Startups', 'Design', 'Music', 'Open source', 'Coffee', 'Travel', 'Rust', 'Jazz'];

/** Joins `count` attendees through the service and connects each one's phone to `on`. */
export async function joinPhones(on: Instance, code: string, count: number, random: () => number): Promise<Phone[]> {
  const phones: Phone[] = [];
  for (let i = 0; i < count; i++) {
    const interests = TOPICS.filter(() => random() < 0.3);
    const body: JoinBody = { name: `${on.name}${i}`, interests, solo: random() < 0.5, lookFor: '', offers: [], asks: [] };
    const { attendee, token } = await on.app.services.attendees.join(code, body);
    phones.push({ attendeeId: attendee.id, on, socket: await connectAttendee(on.url, token) });
  }
  return phones;
}

/** Rejects when `promise` has not settled within `ms`, naming what never came. */
export function within<T>(promise: Promise<T>, what: string, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function must(ack: Ack, what: string): State {
  if (!ack.ok) throw new Error(`${what} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.state;
}

export interface PairTiming {
  matchId: string;
  /** Second tap's emit until both phones have `match:found`. */
  totalMs: number;
  /** Second tap's emit until its ack. */
  ackMs: number;
  /** Ack until `tick()` resolved (it also pushes both phones' state). */
  tickMs: number;
  /** Ack until `match:found` on each phone: [first tapper, second tapper]. */
  foundAfterAckMs: [number, number];
}

/** Hooks for the command count: `tickStarts`/`tickEnds` mark the claim path inside the flow. */
export interface FlowHooks {
  tickStarts?: () => void;
  tickEnds?: () => void;
}

/**
 * One match: `first` taps find and is acked, then `second` taps, and right after its ack the
 * bench runs one tick on `ticker`. Also waits for both phones' post-match `state`, so the next
 * flow starts on a quiet app.
 */
export async function matchPair(ticker: Instance, first: Phone, second: Phone, hooks: FlowHooks = {}): Promise<PairTiming> {
  must(await call(first.socket, 'match:find'), 'first match:find');
  const arrival = (p: Phone, partner: Phone) =>
    waitFor(p.socket, 'match:found', (m: Match) => m.partners.some((q) => q.id === partner.attendeeId)).then((m) => ({
      at: performance.now(),
      matchId: m.id,
    }));
  const found = Promise.all([arrival(first, second), arrival(second, first)]);
  const matchedState = Promise.all([first, second].map((p) => waitFor(p.socket, 'state', (s) => s.status === 'matched')));

  const t0 = performance.now();
  const ack = await call(second.socket, 'match:find');
  const tAck = performance.now();
  must(ack, 'second match:find');
  hooks.tickStarts?.();
  await ticker.app.ticker.tick();
  const tTick = performance.now();
  hooks.tickEnds?.();
  const [f1, f2] = await within(found, 'match:found on both phones');
  await within(matchedState, 'post-match state on both phones');
  return {
    matchId: f1.matchId,
    totalMs: Math.max(f1.at, f2.at) - t0,
    ackMs: tAck - t0,
    tickMs: tTick - tAck,
    foundAfterAckMs: [f1.at - tAck, f2.at - tAck],
  };
}

/** Ends the pair's match and waits until both phones hold their idle state. */
export async function unmatch(first: Phone, second: Phone, matchId: string): Promise<void> {
  const idle = Promise.all([first, second].map((p) => waitFor(p.socket, 'state', (s) => s.status === 'idle')));
  must(await call(first.socket, 'match:leave', { matchId, reason: 'done' }), 'match:leave');
  await within(idle, 'idle state after match:leave');
}

/** Round trip of the bench-only echo: Socket.IO, the event loop and nothing of Mingle's. */
export async function echo(phone: Phone): Promise<number> {
  const raw = phone.socket as unknown as ClientSocket;
  const t0 = performance.now();
  await within(new Promise<void>((resolve) => raw.emit(ECHO, () => resolve())), 'echo ack');
  return performance.now() - t0;
}

/** Round trip of `profile:update {}`: the cheapest real action (a no-change write, then a state read). */
export async function profileNoop(phone: Phone): Promise<number> {
  const pushed = waitFor(phone.socket, 'state');
  const t0 = performance.now();
  must(await within(call(phone.socket, 'profile:update', {}), 'profile:update ack'), 'profile:update');
  const ms = performance.now() - t0;
  await within(pushed, 'state after profile:update');
  return ms;
}
