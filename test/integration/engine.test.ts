import type { Match, State } from '../../shared/schemas';
import {
  call,
  createEvent,
  joinAndConnect,
  startServer,
  waitFor,
  type AttendeeSocket,
  type TestServer,
} from '../helpers/server';

/** The matching engine, end to end over real sockets. */
describe('the matching engine over real sockets', () => {
  let server: TestServer;
  let clock = 1_800_000_000_000;
  const sockets: AttendeeSocket[] = [];

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    server = await startServer({ matchIntervalMs: 60_000 }, { now: () => clock });
    await server.app.ticker.stop(); // each tick is driven by the test
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server.close();
  });

  const join = (code: string, body: Record<string, unknown>) => joinAndConnect(server, code, body, sockets);

  test('ten attendees with known interests get the expected pairs and reasons', async () => {
    const { event } = await createEvent(server.url, { name: 'Ten' });
    const people = [
      { name: 'Ada', interests: ['Rust', 'Jazz'], solo: true },
      { name: 'Ben', interests: ['rust '], solo: true },
      { name: 'Cleo', interests: ['Knitting'], solo: true },
      { name: 'Dev', interests: ['Knitting', 'Tea'], solo: true },
      { name: 'Eli', interests: ['Startups'], solo: false, asks: ['Fundraising'] },
      { name: 'Fay', interests: ['Startups'], solo: false, offers: ['fundraising'] },
      { name: 'Gus', interests: ['Chess', 'Go'], solo: false },
      { name: 'Hana', interests: ['chess', 'go'], solo: false },
      { name: 'Ivo', interests: ['Opera'], solo: true },
      { name: 'Jo', interests: ['Opera'], solo: true },
    ];
    const joined: Array<Awaited<ReturnType<typeof join>> & { name: string }> = [];
    for (const p of people) joined.push({ ...(await join(event.code, p)), name: p.name });
    const found = joined.map((p) => waitFor(p.socket, 'match:found'));
    for (const p of joined) {
      await call(p.socket, 'match:find');
      clock += 1_000;
    }
    await server.app.ticker.tick();
    const matches = (await Promise.all(found)) as Match[];
    const partnerOf = (name: string) => matches[joined.findIndex((p) => p.name === name)]!.partners.map((p) => p.name);
    const reasonsOf = (name: string) => matches[joined.findIndex((p) => p.name === name)]!.reasons;

    expect(partnerOf('Ada')).toEqual(['Ben']);
    expect(partnerOf('Cleo')).toEqual(['Dev']);
    expect(partnerOf('Eli')).toEqual(['Fay']);
    expect(partnerOf('Gus')).toEqual(['Hana']);
    expect(partnerOf('Ivo')).toEqual(['Jo']);

    expect(reasonsOf('Ada')).toEqual(expect.arrayContaining(["You're both here on your own", 'You both picked Rust']));
    expect(reasonsOf('Eli')).toEqual(expect.arrayContaining(['You both picked Startups', 'They can help with fundraising, which you asked about']));
    expect(reasonsOf('Fay')).toEqual(expect.arrayContaining(['You can help with fundraising, which they asked about']));
    expect(reasonsOf('Gus')).toEqual(expect.arrayContaining(['You both picked Chess and Go']));
    expect(reasonsOf('Gus')).not.toContain("You're both here on your own");
    // Both sides of a match see the same match, beacon and spot.
    const beaconOf = (name: string) => matches[joined.findIndex((p) => p.name === name)]!.beacon;
    expect(beaconOf('Ada')).toEqual(beaconOf('Ben'));
    expect(new Set(matches.map((m) => `${m.beacon.color}${m.beacon.emoji}`)).size).toBe(5);
  });

  test('an odd one out who waits past the threshold joins a recent pair as a third, and all three are told', async () => {
    const { event } = await createEvent(server.url, { name: 'Odd' });
    const [a, b, c] = [
      await join(event.code, { name: 'Ann', interests: ['Go'] }),
      await join(event.code, { name: 'Bob', interests: ['Go'] }),
      await join(event.code, { name: 'Cat', interests: ['Go'] }),
    ];
    for (const p of [a, b, c]) await call(p.socket, 'match:find');
    await server.app.ticker.tick();
    const states = await Promise.all([a, b, c].map((p) => server.app.services.attendees.state(p.ref)));
    const left = [a, b, c][states.findIndex((s) => s.status === 'looking')]!;
    const pair = [a, b, c].filter((p) => p !== left);
    expect(pair).toHaveLength(2);

    // Not yet: the leftover has not waited long enough.
    clock += 5_000;
    await server.app.ticker.tick();
    expect((await server.app.services.attendees.state(left.ref)).status).toBe('looking');

    // Past the threshold with nobody new: they join as a third.
    clock += 20_000;
    const third = waitFor(left.socket, 'match:found');
    const pairSees = pair.map((p) => waitFor(p.socket, 'state', (s: State) => (s.match?.partners.length ?? 0) === 2));
    await server.app.presence.refresh();
    await server.app.ticker.tick();
    const trio = (await third) as Match;
    expect(trio.partners.map((p) => p.name).sort()).toEqual(pair.map((p) => p.attendee.name).sort());
    expect(trio.reasons.join(' ')).toMatch(/third/);
    const [s1] = await Promise.all(pairSees);
    expect(s1!.match!.partners.map((p) => p.name)).toContain(left.attendee.name);
    expect(s1!.match!.partners.find((p) => p.name === left.attendee.name)).toMatchObject({ lookFor: '' });

    // One of the three leaves: the other two carry on together.
    const stay = pair[0]!;
    await call(pair[1]!.socket, 'match:leave', { matchId: trio.id, reason: 'done' });
    const after = await server.app.services.attendees.state(stay.ref);
    expect(after.match!.partners.map((p) => p.name)).toEqual([left.attendee.name]);
  });

  test('a circle open to one more takes a newcomer, and sees who is coming over', async () => {
    const { event } = await createEvent(server.url, { name: 'Circle' });
    const a = await join(event.code, { name: 'Ann', interests: ['Climbing', 'Bouldering'] });
    const b = await join(event.code, { name: 'Bob', interests: ['Climbing', 'Bouldering'] });
    await call(a.socket, 'match:find');
    await call(b.socket, 'match:find');
    await server.app.ticker.tick();
    const matchId = (await server.app.services.attendees.state(a.ref)).match!.id;
    expect(await call(a.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await call(a.socket, 'match:met', { matchId });
    expect(await call(b.socket, 'match:open', { matchId, open: true })).toMatchObject({ ok: true, state: { match: { open: true } } });

    const c = await join(event.code, { name: 'Cy', interests: ['climbing', 'bouldering'], lookFor: 'yellow hat' });
    const comingOver = waitFor(a.socket, 'state', (s: State) => (s.match?.partners.length ?? 0) === 2);
    const found = waitFor(c.socket, 'match:found');
    await call(c.socket, 'match:find');
    clock += 25_000;
    await server.app.presence.refresh();
    await server.app.ticker.tick();
    const circle = (await found) as Match;
    expect(circle.id).toBe(matchId);
    expect(circle.partners.map((p) => p.name).sort()).toEqual(['Ann', 'Bob']);
    expect(circle.reasons[0]).toMatch(/circle/);
    const seen = await comingOver;
    expect(seen.match!.partners.find((p) => p.name === 'Cy')).toMatchObject({ lookFor: 'yellow hat' });
  });
});
