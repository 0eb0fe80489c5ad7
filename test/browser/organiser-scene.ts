import type { Browser } from 'playwright-core';
import type { CreateEventBody, CreateEventResponse, JoinBody } from '../../shared/schemas';
import { peopleMetIn } from '../../server/store/match-people';
import { launchBrowser } from '../helpers/browser';
import { call as callNow, createEvent, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';
import { within } from '../helpers/within';
import { simulateAttendee, type SimulatedAttendee } from './organiser-steps';

/** A clock the test moves by hand; pass `now` to startServer's deps. */
export interface FakeClock {
  now(): number;
  set(t: number): void;
}

export function fakeClock(start: number): FakeClock {
  let t = start;
  return { now: () => t, set: (next) => (t = next) };
}

/** The guests of the evening: names, interests, and how to spot them. */
export const GUESTS: Array<Pick<JoinBody, 'name' | 'interests' | 'lookFor'> & { solo?: boolean }> = [
  { name: 'Ann', interests: ['AI', 'Climbing', 'Open source'], lookFor: 'green jumper, by the bar' },
  { name: 'Bob', interests: ['Climbing', 'Coffee'], lookFor: 'red cap' },
  { name: 'Chioma', interests: ['Startups', 'Design', 'AI'], lookFor: 'yellow dress' },
  { name: 'Dev', interests: ['AI', 'Rust'], lookFor: 'tall, glasses, black T-shirt' },
  { name: 'Elif', interests: ['Design', 'Music'], lookFor: 'curly hair, denim jacket' },
  { name: 'Femi', interests: ['Startups', 'AI'], lookFor: 'blue blazer', solo: false },
  { name: 'Greta', interests: ['Coffee', 'Open source', 'AI'], lookFor: 'holding a flat white' },
  { name: 'Hiro', interests: ['Rust', 'Open source'], lookFor: 'Rust-crab hoodie' },
  { name: 'Ines', interests: ['Music', 'Climbing', 'AI'], lookFor: 'silver earrings' },
  { name: 'Jonas', interests: ['AI', 'Startups'], lookFor: 'grey beanie', solo: false },
  { name: 'Kemi', interests: ['Design', 'Coffee'], lookFor: 'orange tote bag' },
  { name: 'Luca', interests: ['Climbing', 'Rust', 'AI'], lookFor: 'by the window' },
  { name: 'Maya', interests: ['Open source', 'AI', 'Design'], lookFor: 'pink glasses' },
  { name: 'Noor', interests: ['Music', 'Startups'], lookFor: 'green headscarf' },
  { name: 'Omar', interests: ['Coffee', 'Design', 'AI'], lookFor: 'white trainers, near the stairs' },
  { name: 'Priya', interests: ['AI', 'Music', 'Startups'], lookFor: 'camera round my neck' },
  { name: 'Rosa', interests: ['Climbing', 'Coffee', 'AI'], lookFor: 'purple raincoat' },
  { name: 'Sam', interests: ['Startups', 'Open source'], lookFor: 'Mingle sticker on laptop', solo: false },
];

/** The last guests arrive just now, and have not talked to anyone yet. */
const LATE_ARRIVALS = 2;

/** How many matches each minute of the evening makes: a slow start, a busy middle. */
const MATCHES_PER_MINUTE = [1, 1, 2, 1, 3, 2, 4, 3, 4, 5, 3, 4, 2, 0, 1, 3, 4, 3, 2, 3, 2, 3, 2];

/** Sends an action and insists it worked (each phone's rate limit is 10 a second: stay under it). */
async function call(socket: AttendeeSocket, event: Parameters<typeof callNow>[1], payload: unknown = {}) {
  const ack = await within(callNow(socket, event, payload), `ack for ${event} ${JSON.stringify(payload)}`);
  if (!ack.ok) throw new Error(`${event} ${JSON.stringify(payload)} refused: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

/** A small seeded random source, so the evening is the same every run. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * Plays a believable evening through the real services and sockets, with the test's clock and
 * matching driven by hand (the ticker must be stopped): matches minute by minute, most meeting,
 * a few not finding each other or timing out; then three people left waiting, two phones asleep.
 */
export async function playEvening(server: TestServer, clock: FakeClock, created: CreateEventResponse): Promise<SimulatedAttendee[]> {
  const { id: eventId, code } = created.event;
  const { store, ticker } = server.app;
  const random = seeded(7);
  // Its own source, so answering "Good chat?" leaves the evening's matches as they were.
  const mood = seeded(11);
  const start = clock.now();
  const people: SimulatedAttendee[] = [];
  const byId = new Map<string, SimulatedAttendee>();
  const arrive = async (guests: typeof GUESTS) => {
    for (const guest of guests) {
      const person = await simulateAttendee(server.url, code, guest);
      people.push(person);
      byId.set(person.id, person);
    }
  };
  await arrive(GUESTS.slice(0, -LATE_ARRIVALS));
  const paired = new Set<string>();
  const pairKey = (a: string, b: string) => [a, b].sort().join(':');
  const outcomes = new Map<string, { a: SimulatedAttendee; outcome: 'met' | 'cant_find' | 'timeout'; chatFor: number; met?: boolean }>();

  /** Moves the clock and vouches for every open socket, as the presence refresher would. */
  const at = async (t: number) => {
    clock.set(t);
    await store.touchOnline(eventId, people.filter((p) => p.socket.connected).map((p) => p.id), t);
  };
  const idle = async () =>
    (await store.listAttendees(eventId)).filter((a) => a.status === 'idle' && byId.get(a.id)?.socket.connected).map((a) => byId.get(a.id)!);

  /** Everyone in a match leaves it; after "can't find" they stop looking, to be paired by hand again. */
  async function leave(matchId: string, reason: 'done' | 'cant_find') {
    const match = await store.getMatch(eventId, matchId);
    for (const [i, id] of (match?.memberIds ?? []).entries()) {
      // One leave ends a pair; in a group of three or more each leaves in turn.
      if ((await store.getMatch(eventId, matchId))?.status === 'ended') break;
      await call(byId.get(id)!.socket, 'match:leave', { matchId, reason: i === 0 ? reason : 'done' });
    }
    for (const id of match?.memberIds ?? []) {
      if ((await store.getAttendee(eventId, id))?.status === 'looking') await call(byId.get(id)!.socket, 'match:cancel');
      // After a chat, most answer "Good chat?", and most say yes.
      if (reason === 'done' && match?.metAt && mood() < 0.7) await call(byId.get(id)!.socket, 'match:feedback', { matchId, good: mood() < 0.88 });
    }
  }

  /** Two people tap Find, `waitA` and `waitB` before `t`; one tick at `t` pairs them. */
  async function match(a: SimulatedAttendee, b: SimulatedAttendee, t: number, waitA: number, waitB: number) {
    await at(t - waitA);
    await call(a.socket, 'match:find');
    await at(t - waitB);
    await call(b.socket, 'match:find');
    await at(t);
    const found = waitFor(a.socket, 'match:found');
    for (let tries = 0; tries < 5 && (await store.getAttendee(eventId, a.id))?.status === 'looking'; tries++) {
      await ticker.tick();
      await at(clock.now() + 2_000);
    }
    if ((await store.getAttendee(eventId, a.id))?.status === 'looking') {
      // The matcher would not pair these two: no harm, they simply stop looking.
      await call(a.socket, 'match:cancel');
      await call(b.socket, 'match:cancel');
      return;
    }
    const matchId = (await within(found, `match:found for ${a.name} and ${b.name}`)).id;
    const roll = random();
    const outcome = roll < 0.78 ? 'met' : roll < 0.9 ? 'cant_find' : 'timeout';
    outcomes.set(matchId, { a, outcome, chatFor: 1 + Math.floor(random() * 3) });
  }

  const waitOf = () => {
    const r = random();
    return Math.round(r < 0.55 ? 2_000 + r * 30_000 : r < 0.85 ? 20_000 + r * 50_000 : 60_000 + r * 200_000);
  };

  for (const [minute, count] of MATCHES_PER_MINUTE.entries()) {
    const t0 = start + minute * 60_000;
    await at(t0);
    // Last minute's matches play out: found each other (and later part), or not.
    for (const [matchId, o] of outcomes) {
      if (o.outcome === 'met') {
        if (!o.met) await call(o.a.socket, 'match:met', { matchId });
        o.met = true;
        if (o.chatFor-- <= 0) {
          await leave(matchId, 'done');
          outcomes.delete(matchId);
        }
      } else if (o.outcome === 'cant_find') {
        await leave(matchId, 'cant_find');
        outcomes.delete(matchId);
      } else {
        outcomes.delete(matchId); // left to time out on a later tick
      }
    }
    await ticker.tick();
    let free = await idle();
    for (let i = 0; i < count && free.length >= 2; i++) {
      const a = free[Math.floor(random() * free.length)]!;
      const b = free.find((p) => p !== a && !paired.has(pairKey(a.id, p.id)));
      if (!b) break;
      paired.add(pairKey(a.id, b.id));
      const waitA = waitOf();
      await match(a, b, t0 + 8_000 + i * 12_000, waitA, Math.round(waitA * random() * 0.3));
      free = free.filter((p) => p !== a && p !== b);
    }
  }

  // Now: a few chats wrap up, latecomers arrive; three people wait (a host should go over)
  // and two phones are asleep in pockets.
  const end = start + MATCHES_PER_MINUTE.length * 60_000 + 20_000;
  await at(end - 160_000);
  for (const [matchId, o] of outcomes) {
    if ((await idle()).length >= 3) break;
    if (o.outcome === 'met') await leave(matchId, 'done');
  }
  await arrive(GUESTS.slice(-LATE_ARRIVALS));
  const [sleepy1, sleepy2, ...awake] = (await idle()).reverse();
  for (const [i, p] of awake.slice(0, 3).entries()) {
    await at(end - [154_000, 71_000, 23_000][i]!);
    await call(p.socket, 'match:find');
  }
  await at(end - 5 * 60_000);
  // One guest tells the organisers about someone they were matched with (no one else can be
  // reported), so a host has something to look into.
  const reported = byId.get(people[14]!.id)!;
  const metThem = (await store.listMatches(eventId)).flatMap((m) => peopleMetIn(m, reported.id));
  const reporter = byId.get(metThem[0] ?? '');
  if (!reporter) throw new Error(`${reported.name} was never matched, so nobody can report them`);
  await call(reporter.socket, 'attendee:report', {
    attendeeId: reported.id,
    reason: 'spam',
    text: 'Kept pitching his app after I said no thanks, twice.',
  });
  await at(end);
  sleepy1?.socket.disconnect();
  sleepy2?.socket.disconnect();
  return people;
}

/** What the tests of a suite about a full evening share (see {@link useEvening}). */
export interface EveningRig {
  /** The test's clock, which the server reads; the evening ends at its "now". */
  clock: FakeClock;
  server: TestServer;
  browser: Browser;
  created: CreateEventResponse;
  /** The guests' phones (sockets), disconnected after the suite. */
  people: SimulatedAttendee[];
}

/**
 * Before the suite's tests: Mingle on a clock set 24 minutes back, with its ticker stopped, a
 * launched Chromium, the event `o.event`, and {@link playEvening} played on it up to now. After
 * them, the phones, Chromium and the server are closed. With `o.host`, the pages show that host
 * (`PUBLIC_URL`) and Chromium resolves it to the test server. Call it in a `describeInBrowser`
 * body; the rig's fields are set once `beforeAll` has run.
 */
export function useEvening(o: { event: CreateEventBody; host?: string }): EveningRig {
  const rig = { clock: fakeClock(Date.now() - 24 * 60_000), people: [] as SimulatedAttendee[] } as EveningRig;
  beforeAll(async () => {
    rig.server = await startServer(o.host ? { publicUrl: `http://${o.host}` } : {}, { now: rig.clock.now });
    // The evening's matching is driven tick by tick, on the test's clock.
    await rig.server.app.ticker.stop();
    rig.browser = await launchBrowser(o.host ? [`--host-resolver-rules=MAP ${o.host} ${new URL(rig.server.url).host}`] : []);
    rig.created = await createEvent(rig.server.url, o.event);
    rig.people = await playEvening(rig.server, rig.clock, rig.created);
  });
  afterAll(async () => {
    rig.people.forEach((p) => p.socket.disconnect());
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}
