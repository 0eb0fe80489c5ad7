import type { CodeGuard, LookupOutcome } from '../../server/http/join-code-guard';
import type { EventService } from '../../server/services/events';

/** One lookup through the guard, ended as `outcome`; fails the test if the guard refuses it. */
export async function lookUp(guard: CodeGuard, ip: string, code: string, outcome: LookupOutcome): Promise<void> {
  const lookup = await guard.begin(ip, code);
  if (!lookup.allowed) throw new Error(`${ip} was refused ${code}`);
  await lookup.end(outcome);
}

/** The seconds the guard refuses `ip` a lookup of `code` for, or null (the lookup then ends as failed). */
export async function refusedFor(guard: CodeGuard, ip: string, code: string): Promise<number | null> {
  const lookup = await guard.begin(ip, code);
  if (!lookup.allowed) return lookup.retryAfter;
  await lookup.end('failed');
  return null;
}

/**
 * Holds every event lookup of these instances until each of `total` requests has either reached
 * the store or been answered, so that all of them are in flight together (the memory store
 * would otherwise answer each before the next arrives). Pass each request through `track`.
 */
export function holdLookups(events: EventService[], total: number) {
  let inStore = 0;
  let answered = 0;
  let release!: () => void;
  const allInFlight = new Promise<void>((resolve) => (release = resolve));
  const check = () => {
    if (inStore + answered === total) release();
  };
  const lookups = events.map((service) => {
    const lookUpNow = service.publicByCode.bind(service);
    return jest.spyOn(service, 'publicByCode').mockImplementation(async (code) => {
      inStore++;
      check();
      await allInFlight;
      return lookUpNow(code);
    });
  });
  return {
    /** How many lookups reached the store. */
    looked: () => lookups.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    track<R>(request: PromiseLike<R>): Promise<R> {
      return Promise.resolve(request).then((r) => {
        answered++;
        check();
        return r;
      });
    },
  };
}

/**
 * What every CodeGuard does with lookups in flight (JoinCodeGuard in this process,
 * SharedJoinCodeGuard in Redis): each holds a place until it ends, one place per distinct code.
 * The guard allows 3 misses a window. Leaves 2 misses counted and C's lookup still in flight,
 * and returns it, for each version's own ending.
 */
export async function inFlightContract(guard: CodeGuard, ip: string) {
  const a = await guard.begin(ip, 'AAAAA2');
  const again = await guard.begin(ip, 'AAAAA2'); // the same code: no second place
  const b = await guard.begin(ip, 'BBBBB2');
  const c = await guard.begin(ip, 'CCCCC2');
  expect([a, again, b, c].map((l) => l.allowed)).toEqual([true, true, true, true]);
  // A fourth code would pass the limit once the three in flight miss: not yet, in a second.
  expect(await guard.begin(ip, 'DDDDD2')).toEqual({ allowed: false, retryAfter: 1 });
  if (!a.allowed || !b.allowed || !c.allowed) throw new Error('unreachable');
  await a.end('missed'); // 1 miss, 2 in flight
  expect((await guard.begin(ip, 'DDDDD2')).allowed).toBe(false);
  await b.end('failed'); // says nothing about the code: frees its place, counts nothing
  await lookUp(guard, ip, 'DDDDD2', 'missed'); // 2 misses, C still in flight
  expect((await guard.begin(ip, 'EEEEE2')).allowed).toBe(false);
  return c;
}
