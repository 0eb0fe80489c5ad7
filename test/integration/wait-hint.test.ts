import type { Match, Waiting } from '../../shared/schemas';
import { connect } from 'socket.io-client';
import { pairKey } from '../../server/matching/pairs';
import { call, createEvent, findEachOther, joinAndConnect, serverPerTest, steppedServerPerTest, waitFor, waitUntil, type AttendeeSocket } from '../helpers/server';

/**
 * The wait hint (`match:waiting`) promises the next tick only when the next tick can place
 * someone. On a hand clock with a 10 s tick and the default 20 s trio wait.
 */
describe('the wait hint', () => {
  const t = steppedServerPerTest(async () => ({}));
  const TICK = 10_000;

  type Person = Awaited<ReturnType<typeof joinAndConnect>>;
  const person = (code: string, name: string) => joinAndConnect(t.server, code, { name }, t.sockets);
  const hintsOf = (p: Person) => {
    const got: Waiting[] = [];
    p.socket.on('match:waiting', (w) => got.push(w));
    return got;
  };
  /** A round trip: everything sent to the phone before it has arrived. */
  const flushed = (p: Person) => call(p.socket, 'profile:update', {});
  /** Cy and Dee, paired on a tick: a recent pair, so the event has a match rate. */
  const aPair = async (code: string) => {
    const [cy, dee] = [await person(code, 'Cy'), await person(code, 'Dee')];
    await call(cy.socket, 'match:find');
    await call(dee.socket, 'match:find');
    await t.tick();
    expect((await call(cy.socket, 'match:find')).ok).toBe(false); // matched now
  };

  /**
   * Ann alone beside Cy and Dee's recent pair, told on a tick 1 s after she started looking that
   * the pair could take her as a third once she has waited 20 s.
   */
  const aloneBesideAPair = async (code: string) => {
    await aPair(code);
    const ann = await person(code, 'Ann');
    await call(ann.socket, 'match:find');
    t.clock += 1_000;
    const hints = hintsOf(ann);
    await t.tick();
    await flushed(ann);
    expect(hints).toEqual([{ looking: 1, available: 0, estimateMs: 20_000 - 1_000 + TICK }]);
    return ann;
  };

  /** Ann and Bob, paired on a tick; Ann taps "Can't find them": both look again, on a cooldown from each other. */
  const couldNotFindEachOther = async (code: string) => {
    const [ann, bob] = [await person(code, 'Ann'), await person(code, 'Bob')];
    const found = waitFor(ann.socket, 'match:found');
    await call(ann.socket, 'match:find');
    await call(bob.socket, 'match:find');
    await t.tick();
    const { id: matchId } = (await found) as Match;
    expect(await call(ann.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking' } });
    return { ann, bob };
  };

  test('is null for the whole pause, however many are looking', async () => {
    const { event } = await createEvent(t.server.url);
    await t.server.app.services.organisers.setStatus(event.id, 'paused');
    const [ann, bob] = [await person(event.code, 'Ann'), await person(event.code, 'Bob')];
    await call(ann.socket, 'match:find');
    await call(bob.socket, 'match:find');
    const hints = hintsOf(ann);
    await t.tick();
    await flushed(ann);
    expect(hints).toEqual([{ looking: 2, available: 1, estimateMs: null }]);
  });

  test('is null for someone who starts looking during the pause, whatever the last tick worked out', async () => {
    const { event } = await createEvent(t.server.url);
    await aloneBesideAPair(event.code);

    await t.server.app.services.organisers.setStatus(event.id, 'paused');
    const bob = await person(event.code, 'Bob');
    const bobHints = hintsOf(bob);
    await call(bob.socket, 'match:find');
    expect(bobHints).toEqual([{ looking: 2, available: 1, estimateMs: null }]);
  });

  test('promises someone who starts looking the next tick when someone they have not met is free, whatever the last tick worked out', async () => {
    const { event } = await createEvent(t.server.url);
    await aloneBesideAPair(event.code);

    // Bob has met nobody: Ann's wait for a trio is not his. The next tick pairs them.
    const bob = await person(event.code, 'Bob');
    const first = waitFor(bob.socket, 'match:waiting');
    await call(bob.socket, 'match:find');
    expect(await first).toEqual({ looking: 2, available: 1, estimateMs: TICK });
    const found = waitFor(bob.socket, 'match:found');
    await t.tick();
    expect((await found).partners.map((p) => p.name)).toEqual(['Ann']); // as promised
  });

  test('promises no next tick to someone who starts looking when the only one free the last tick saw they met before, or blocked', async () => {
    const { event } = await createEvent(t.server.url);
    const [ann, bob, cy] = [await person(event.code, 'Ann'), await person(event.code, 'Bob'), await person(event.code, 'Cy')];
    const { id: matchId } = await t.pair(ann, bob);
    expect(await call(ann.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true, state: { status: 'idle' } });
    expect(await call(cy.socket, 'attendee:block', { attendeeId: ann.attendee.id })).toMatchObject({ ok: true });
    await call(ann.socket, 'match:find');
    t.clock += 1_000;
    await t.tick();
    // Only Ann is looking. Bob met her: they are paired again only once both have waited 20 s.
    const bobFirst = waitFor(bob.socket, 'match:waiting');
    await call(bob.socket, 'match:find');
    expect(await bobFirst).toMatchObject({ looking: 2, available: 1 });
    expect((await bobFirst).estimateMs).not.toBe(TICK);
    expect(await call(bob.socket, 'match:cancel')).toMatchObject({ ok: true });
    // Cy blocked her: never (the block stays silent: Ann counts as someone looking).
    const cyFirst = waitFor(cy.socket, 'match:waiting');
    await call(cy.socket, 'match:find');
    expect(await cyFirst).toMatchObject({ looking: 2, available: 1 });
    expect((await cyFirst).estimateMs).not.toBe(TICK);
  });

  test('does not promise the next tick to two who blocked each other', async () => {
    const { event } = await createEvent(t.server.url);
    const [ann, bob] = [await person(event.code, 'Ann'), await person(event.code, 'Bob')];
    expect(await call(ann.socket, 'attendee:block', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    await call(ann.socket, 'match:find');
    await call(bob.socket, 'match:find');
    const hints = hintsOf(ann);
    await t.tick();
    await flushed(ann);
    // No match rate to go on. The block stays silent: Bob counts as someone looking.
    expect(hints).toEqual([{ looking: 2, available: 1, estimateMs: null }]);
  });

  test('promises two who met before the repeat pair they get once both have waited 20 s', async () => {
    const { event } = await createEvent(t.server.url);
    const [ann, bob] = [await person(event.code, 'Ann'), await person(event.code, 'Bob')];
    await call(ann.socket, 'match:find');
    await call(bob.socket, 'match:find');
    await t.tick();
    const { state } = (await call(ann.socket, 'match:leave', { matchId: (await t.server.app.services.attendees.state(ann.ref)).match!.id, reason: 'done' })) as { state: { status: string } };
    expect(state.status).toBe('idle');
    // Both look again with nobody else here: the matcher keeps them apart until both have waited.
    await call(ann.socket, 'match:find');
    t.clock += 4_000;
    await call(bob.socket, 'match:find');
    const hints = hintsOf(ann);
    await t.tick();
    await flushed(ann);
    // Having met counts them as available to each other: only a block or a cooldown does not.
    expect(hints.at(-1)).toEqual({ looking: 2, available: 1, estimateMs: 20_000 + TICK });
    t.clock += 20_000;
    await t.tick();
    expect((await call(ann.socket, 'match:find')).ok).toBe(false); // paired again, as promised
  });

  test('promises two who could not find each other the repeat pair they get once the cooldown has run out', async () => {
    const { event } = await createEvent(t.server.url);
    // Kept apart for 60 s, with nobody else here.
    const { ann } = await couldNotFindEachOther(event.code);
    const hints = hintsOf(ann);
    t.clock += 1_000;
    await t.tick();
    await flushed(ann);
    // Not "we don't know": the matcher pairs them again when the cooldown runs out, 59 s from now.
    expect(hints.at(-1)).toEqual({ looking: 2, available: 0, estimateMs: 59_000 + TICK });
    t.clock += 30_000;
    await t.tick();
    await flushed(ann);
    expect(hints.at(-1)).toEqual({ looking: 2, available: 0, estimateMs: 29_000 + TICK });
    expect((await call(ann.socket, 'match:find')).ok).toBe(true); // still looking: not yet
    t.clock += 29_000;
    const again = waitFor(ann.socket, 'match:found');
    await t.tick();
    expect((await again).partners.map((p) => p.name)).toEqual(['Bob']); // as promised
  });

  test('promises a newcomer who could not find the pair they were sent to as a third the place they get back once the cooldown has run out', async () => {
    const { event } = await createEvent(t.server.url);
    const [ann, bob, cy] = [await person(event.code, 'Ann'), await person(event.code, 'Bob'), await person(event.code, 'Cy')];
    const { id: matchId } = await t.pair(ann, bob);
    expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
    // Cy, alone, joins them as a third once she has waited 20 s, and cannot find them.
    await call(cy.socket, 'match:find');
    t.clock += 20_000;
    const sent = waitFor(cy.socket, 'match:found');
    await t.tick();
    expect(await sent).toMatchObject({ id: matchId });
    expect(await call(cy.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking' } });
    const hints = hintsOf(cy);
    t.clock += 1_000;
    await t.tick();
    await flushed(cy);
    // Not the match rate's guess (two placed in five minutes: 150 s, less the 21 s she has
    // waited): Ann and Bob take her back when the 60 s cooldown with them runs out.
    expect(hints.at(-1)).toEqual({ looking: 1, available: 0, estimateMs: 59_000 + TICK });
    t.clock += 59_000;
    const back = waitFor(cy.socket, 'match:found');
    await t.tick();
    expect(await back).toMatchObject({ id: matchId }); // as promised
  });

  test('counts down from how long they have waited, to a trio and then to the next arrival', async () => {
    const { event } = await createEvent(t.server.url);
    await aPair(event.code);
    const [ann, bob] = [await person(event.code, 'Ann'), await person(event.code, 'Bob')];
    expect(await call(ann.socket, 'attendee:block', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    await call(ann.socket, 'match:find');
    t.clock += 1_000;
    await call(bob.socket, 'match:find');
    const hints = hintsOf(bob);
    await t.tick();
    await flushed(bob);
    // Each could join Cy and Dee as a third, once they have waited 20 s; Bob has waited 0.
    expect(hints).toEqual([{ looking: 2, available: 1, estimateMs: 20_000 + TICK }]);

    t.clock += 25_000;
    await t.tick(); // Ann, who has waited longest, joins Cy and Dee
    await flushed(bob);
    // Three placed in five minutes: someone new every 100 s, and Bob has waited 25 s of it.
    expect(hints.at(-1)).toEqual({ looking: 1, available: 0, estimateMs: 100_000 - 25_000 + TICK });
    expect((await call(ann.socket, 'match:find')).ok).toBe(false);

    // Nobody new comes: once Bob has waited past the 100 s, no number (never one tick for good).
    t.clock += 80_000;
    await t.tick();
    await flushed(bob);
    expect(hints.at(-1)).toEqual({ looking: 1, available: 0, estimateMs: null, overdue: true });
    t.clock += 60_000;
    await t.tick();
    await flushed(bob);
    expect(hints.at(-1)).toEqual({ looking: 1, available: 0, estimateMs: null, overdue: true });
  });

  test('counts, for each person, only the others they could be matched with: not two who could not find each other', async () => {
    const { event } = await createEvent(t.server.url);
    const { ann, bob } = await couldNotFindEachOther(event.code);
    expect(await t.server.app.services.attendees.state(bob.ref)).toMatchObject({ status: 'looking' });
    const [annHints, bobHints] = [hintsOf(ann), hintsOf(bob)];
    t.clock += 1_000;
    await t.tick();
    await Promise.all([flushed(ann), flushed(bob)]);
    // Two looking, but nobody either of them could be matched with now.
    expect(annHints.at(-1)).toMatchObject({ looking: 2, available: 0 });
    expect(bobHints.at(-1)).toMatchObject({ looking: 2, available: 0 });

    // Bob stops and looks again: told the same at once, from the store.
    expect(await call(bob.socket, 'match:cancel')).toMatchObject({ ok: true });
    const bobAgain = waitFor(bob.socket, 'match:waiting');
    await call(bob.socket, 'match:find');
    expect(await bobAgain).toMatchObject({ looking: 2, available: 0 });
    // Cy, new, could be matched with either.
    const cy = await person(event.code, 'Cy');
    const cyHint = waitFor(cy.socket, 'match:waiting');
    await call(cy.socket, 'match:find');
    expect(await cyHint).toMatchObject({ looking: 3, available: 2 });
    // Once the cooldown has run out, Bob could be matched with Ann again.
    t.clock += 60_000;
    await call(bob.socket, 'match:cancel');
    const bobLater = waitFor(bob.socket, 'match:waiting');
    await call(bob.socket, 'match:find');
    expect(await bobLater).toMatchObject({ looking: 3, available: 2 });
  });

  test('is sent again only when it changed, and never shows a block', async () => {
    const { event } = await createEvent(t.server.url);
    // Paused, so nobody is matched and everyone stays looking.
    await t.server.app.services.organisers.setStatus(event.id, 'paused');
    const people: Person[] = [];
    for (const name of ['Ann', 'Bob', 'Cy', 'Dee']) people.push(await person(event.code, name));
    const [ann, bob, cy, dee] = people as [Person, Person, Person, Person];
    // Ann blocked Bob, and Cy blocked Ann: silently, so nobody's count shows it.
    expect(await call(ann.socket, 'attendee:block', { attendeeId: bob.attendee.id })).toMatchObject({ ok: true });
    expect(await call(cy.socket, 'attendee:block', { attendeeId: ann.attendee.id })).toMatchObject({ ok: true });
    for (const p of people) await call(p.socket, 'match:find');
    const hints = people.map(hintsOf);
    await t.tick();
    await Promise.all(people.map(flushed));
    expect(hints.map((h) => h.at(-1)?.available)).toEqual([3, 3, 3, 3]);
    expect(hints.map((h) => h.at(-1)?.looking)).toEqual([4, 4, 4, 4]);
    // A tick that changes nothing sends nothing.
    await t.tick();
    await Promise.all(people.map(flushed));
    expect(hints.map((h) => h.length)).toEqual([1, 1, 1, 1]);
    // Dee stops looking: the three left are told.
    await call(dee.socket, 'match:cancel');
    await t.tick();
    await Promise.all(people.map(flushed));
    expect(hints.map((h) => h.length)).toEqual([2, 2, 2, 1]);
    expect(hints.slice(0, 3).map((h) => h.at(-1))).toEqual([
      { looking: 3, available: 2, estimateMs: null },
      { looking: 3, available: 2, estimateMs: null },
      { looking: 3, available: 2, estimateMs: null },
    ]);
  });
  test('counts nobody whose phone is gone as free, and counts them again when it is back', async () => {
    const { event } = await createEvent(t.server.url);
    await t.server.app.services.organisers.setStatus(event.id, 'paused');
    const [ann, bob, cy] = [await person(event.code, 'Ann'), await person(event.code, 'Bob'), await person(event.code, 'Cy')];
    for (const p of [ann, bob, cy]) await call(p.socket, 'match:find');
    const annHints = hintsOf(ann);
    await t.tick();
    await flushed(ann);
    expect(annHints.at(-1)).toEqual({ looking: 3, available: 2, estimateMs: null });

    // Bob's phone goes (asleep, out of signal): still looking, but nobody can be matched with him.
    bob.socket.disconnect();
    const online = async () => (await t.server.app.services.attendees.get({ eventId: event.id, attendeeId: bob.attendee.id })).online;
    await waitUntil(async () => (await online()) === 0);
    await t.tick();
    await flushed(ann);
    expect(annHints.at(-1)).toEqual({ looking: 3, available: 1, estimateMs: null });
    // Dee starts looking meanwhile: her first hint, before any tick, does not count Bob either.
    const dee = await person(event.code, 'Dee');
    const deeHint = waitFor(dee.socket, 'match:waiting');
    await call(dee.socket, 'match:find');
    expect(await deeHint).toEqual({ looking: 4, available: 2, estimateMs: null });

    // Back: his own hint counts the three others, and he is counted again.
    const again: AttendeeSocket = connect(`${t.server.url}/attendee`, { auth: { token: bob.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    t.sockets.push(again);
    expect(await waitFor(again, 'match:waiting')).toEqual({ looking: 4, available: 3, estimateMs: null });
    await waitUntil(async () => (await online()) > 0);
    await t.tick();
    await flushed(ann);
    expect(annHints.at(-1)).toEqual({ looking: 4, available: 3, estimateMs: null });
  });
});

/**
 * The wait hint on a running server: its own clock, and matching every `TICK` ms. Nothing is
 * stepped by hand; the test waits on what the phones are sent.
 */
describe('the wait hint, matching on its own', () => {
  const TICK = 50;
  const rig = serverPerTest({ matchIntervalMs: TICK });
  const person = (code: string, name: string) => joinAndConnect(rig.server, code, { name }, rig.sockets);

  test('tells a newcomer who could not find the circle they were sent to when the cooldown with it runs out, not the trio wait it outlasts', async () => {
    const { event } = await createEvent(rig.server.url);
    const [ann, bob, cy] = [await person(event.code, 'Ann'), await person(event.code, 'Bob'), await person(event.code, 'Cy')];
    // Ann and Bob meet, and open up to one more.
    const { id: matchId } = await findEachOther(ann.socket, bob.socket);
    expect(await call(ann.socket, 'match:met', { matchId })).toMatchObject({ ok: true });
    expect(await call(ann.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true });
    // Cy is sent to join them, and cannot find them.
    const sent = waitFor(cy.socket, 'match:found');
    await call(cy.socket, 'match:find');
    expect(await sent).toMatchObject({ id: matchId });
    const hinted = new Promise<{ estimateMs: number | null; at: number }>((resolve) =>
      cy.socket.once('match:waiting', (w) => resolve({ estimateMs: w.estimateMs, at: Date.now() })),
    );
    expect(await call(cy.socket, 'match:leave', { matchId, reason: 'cant_find' })).toMatchObject({ ok: true, state: { status: 'looking' } });
    const hint = await hinted;
    const snapshot = await rig.server.app.store.loadTick(event.id, Date.now());
    const until = snapshot!.cooldownEnds.get(pairKey(cy.attendee.id, ann.attendee.id))!;
    expect(until).toBeGreaterThan(0);

    // Nobody else to meet: Ann and Bob, closed again by her join, take her back as a third once
    // the cooldown with them has run out (60 s from when she left; the 20 s trio wait is over by
    // then), at the next tick. The tick that worked it out ran after she left and before her
    // phone heard it: the bounds need no clock of the test's own.
    expect(hint.estimateMs).not.toBeNull();
    expect(hint.estimateMs!).toBeLessThanOrEqual(60_000 + TICK);
    expect(hint.estimateMs!).toBeGreaterThanOrEqual(until - hint.at + TICK);
  });
});
