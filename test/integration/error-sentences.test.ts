import request from 'supertest';
import type { WireError } from '../../shared/errors';
import {
  call,
  connectAttendee,
  connectOrganiser,
  control,
  createEvent,
  joinAndConnect,
  joinEvent,
  startServer,
  type AttendeeSocket,
  type OrganiserSocket,
  type TestServer,
  waitFor,
} from '../helpers/server';

/**
 * The dashboard and the phones show a refusal's `message` as it is, beside their own copy, which
 * is in full sentences: so every message is one too, in sentence case (or a field's path and its
 * words: "name: must not be empty."). Only the codes and reasons are the contract.
 */
const FINISHED = /^(?:[A-Z]|[\w.]+: \S)[\s\S]*[.?!]$/;

/** Each refusal, by what brought it, so a failure names the one that reads unfinished. */
type Refusals = Record<string, WireError>;

/** Every message that does not read as a finished sentence, with what brought it. */
function unfinished(refusals: Refusals): Record<string, string> {
  return Object.fromEntries(Object.entries(refusals).filter(([, e]) => !FINISHED.test(e.message)).map(([what, e]) => [what, e.message]));
}

/** Issues' words are about their field ("must not be empty"); those that are sentences (a capital first) end as one. */
function unfinishedIssues(refusals: Refusals): string[] {
  return Object.values(refusals)
    .flatMap((e) => e.issues ?? [])
    .map((i) => i.message)
    .filter((words) => /^[A-Z]/.test(words) && !/[.?!]$/.test(words));
}

const body = (res: { body: { error?: WireError } }): WireError => {
  if (!res.body.error) throw new Error(`not refused: ${JSON.stringify(res.body)}`);
  return res.body.error;
};
const refusedAck = (ack: { ok: boolean; error?: WireError }): WireError => {
  if (ack.ok || !ack.error) throw new Error(`not refused: ${JSON.stringify(ack)}`);
  return ack.error;
};

describe('every refusal a person may read is a finished sentence', () => {
  let server: TestServer;
  /** A second Mingle, with low HTTP limits, whose phones' event buckets never refill. */
  let still: TestServer;
  let stillEvent: Awaited<ReturnType<typeof createEvent>>['event'];
  let cyToken: string;
  const sockets: AttendeeSocket[] = [];
  const dashboards: OrganiserSocket[] = [];
  const KEY = 'organiser-key-1';
  beforeAll(async () => {
    server = await startServer({ organiserKey: KEY, metricsToken: 'metrics-token-1', maxAttendeesPerEvent: 2 });
    await server.app.ticker.stop(); // nobody is matched unless the test says so
    const now = Date.now();
    still = await startServer({ rateLimitPerMinute: 2, eventsPerHourPerAddress: 1 }, { attendeeLimits: { now: () => now } });
    stillEvent = (await createEvent(still.url, { name: 'Still' })).event;
    // Joined before the HTTP test's unknown codes, which close joins from this address for a minute.
    cyToken = (await joinEvent(still.url, stillEvent.code, { name: 'Cy' })).token;
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    dashboards.splice(0).forEach((s) => s.disconnect());
    await Promise.all([server.close(), still.close()]);
  });

  const create = (name: string) => createEventWithKey(server.url, KEY, name);

  test('over HTTP', async () => {
    const api = request(server.url);
    const auth = { authorization: `Bearer ${KEY}` };
    const { event, organiserToken } = await create('Sentences');
    const other = await create('Another');
    const joined = await joinEvent(server.url, event.code, { name: 'Ann' });
    const ended = await create('Over');
    await api.post(`/api/events/${ended.event.id}/end`).set({ authorization: `Bearer ${ended.organiserToken}` }).expect(200);

    const refusals: Refusals = {
      'no organiser key': body(await api.post('/api/events').send({ name: 'X' })),
      'a wrong organiser key': body(await api.post('/api/events').set({ authorization: 'Bearer not-the-key-1' }).send({ name: 'X' })),
      'a field refused': body(await api.post('/api/events').set(auth).send({ name: '' })),
      'a field missing': body(await api.post('/api/events').set(auth).send({})),
      'an unknown field': body(await api.post('/api/events').set(auth).send({ name: 'X', isAdmin: true })),
      'a planned end in the past': body(await api.post('/api/events').set(auth).send({ name: 'X', endsAt: '2001-01-01T10:00:00Z' })),
      'a body that is not an object': body(await api.post('/api/events').set(auth).set('content-type', 'application/json').send('[1]')),
      'a body too large': body(await api.post('/api/events').set(auth).send({ name: 'x'.repeat(20_000) })),
      'a bad address': body(await api.get('/api/events/%zz')),
      'an address too long': body(await api.get(`/api/events/${'x'.repeat(120)}`)),
      'no route': body(await api.get('/api/nothing-here')),
      'an unknown code': body(await api.get('/api/events/ZZZZZZ')),
      'no attendee token': body(await api.get('/api/me')),
      'an organiser token as an attendee': body(await api.get('/api/me').set({ authorization: `Bearer ${organiserToken}` })),
      'an attendee token as an organiser': body(await api.get(`/api/events/${event.id}/organiser`).set({ authorization: `Bearer ${joined.token}` })),
      "another event's token": body(await api.get(`/api/events/${other.event.id}/organiser`).set({ authorization: `Bearer ${organiserToken}` })),
      'nothing shared': body(await api.get('/api/me/connections.vcf').query({ id: 'nobody' }).set({ authorization: `Bearer ${joined.token}` })),
      'no metrics token': body(await api.get('/metrics')),
      'joining an ended event': body(await api.post(`/api/events/${ended.event.code}/attendees`).send({ name: 'Bob' })),
    };
    await joinEvent(server.url, event.code, { name: 'Bob' });
    refusals['joining a full event'] = body(await api.post(`/api/events/${event.code}/attendees`).send({ name: 'Cy' }));
    // The limits, on the Mingle that has them low.
    const limited = request(still.url);
    refusals['too many events'] = body(await limited.post('/api/events').send({ name: 'Again' }));
    /** Sends `send` until it is refused RATE_LIMITED (well within `tries`), and returns that refusal. */
    const untilLimited = async (send: () => PromiseLike<{ status: number; body: { error?: WireError } }>, tries = 40) => {
      for (let i = 0; i < tries; i++) {
        const res = await send();
        if (res.status === 429) return body(res);
      }
      throw new Error(`not rate limited after ${tries} requests`);
    };
    // Its token is not needed: the limit counts before it is checked.
    refusals['too many writes'] = await untilLimited(() => limited.post(`/api/events/${stillEvent.id}/pause`));
    refusals['too many unknown codes'] = await untilLimited(() => limited.get('/api/events/ZZZZZZ'));

    expect(unfinished(refusals)).toEqual({});
    expect(unfinishedIssues(refusals)).toEqual([]);
  });

  test('over sockets', async () => {
    const { event, organiserToken } = await create('Sockets');
    const ann = await joinAndConnect(server, event.code, { name: 'Ann' }, sockets);
    const bob = await joinAndConnect(server, event.code, { name: 'Bob' }, sockets);
    const dashboard = await connectOrganiser(server.url, organiserToken, event.id);
    dashboards.push(dashboard);

    const refusals: Refusals = {};
    /** Takes each refusal in turn, by what brought it. */
    const refused = async (steps: Record<string, () => Promise<{ ok: boolean; error?: WireError }>>) => {
      for (const [what, step] of Object.entries(steps)) {
        refusals[what] = refusedAck(await step());
      }
    };
    await refused({
      'a payload refused': () => call(ann.socket, 'profile:update', { name: '' }),
      'an unknown field': () => call(ann.socket, 'profile:update', { isAdmin: true }),
      'an unknown match': () => call(ann.socket, 'match:met', { matchId: 'no-such-match' }),
      'a contact refused': () => call(ann.socket, 'contact:share', { matchId: 'm1', contact: { phone: 'call me' } }),
      'no contact at all': () => call(ann.socket, 'contact:share', { matchId: 'm1', contact: {} }),
      'blocking oneself': () => call(ann.socket, 'attendee:block', { attendeeId: ann.attendee.id }),
      'removing nobody': () => control(dashboard, 'attendee:remove', { attendeeId: 'nobody' }),
      'an announcement refused': () => control(dashboard, 'event:announce', { message: '' }),
    });
    const found = waitFor(ann.socket, 'match:found');
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
    expect(await call(bob.socket, 'match:find')).toMatchObject({ ok: true });
    await server.app.ticker.tick();
    const match = await found;
    await refused({
      'looking while matched': () => call(ann.socket, 'match:find'),
      'cancelling while matched': () => call(ann.socket, 'match:cancel'),
      'opening a circle before meeting': () => call(ann.socket, 'match:open', { matchId: match.id, open: true }),
    });
    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    await refused({
      'an edit after the end': () => control(dashboard, 'event:update', { name: 'Later' }),
      'a pause after the end': () => control(dashboard, 'event:pause'),
    });

    expect(unfinished(refusals)).toEqual({});
    expect(unfinishedIssues(refusals)).toEqual([]);
  });

  test('a phone past its burst of events', async () => {
    const cy = await connectAttendee(still.url, cyToken);
    sockets.push(cy);
    // Its bucket's clock stands still (no refill), so past 30 at once some are refused, however slow the machine.
    const acks = await Promise.all(Array.from({ length: 40 }, () => call(cy, 'profile:update', {})));
    const refusals: Refusals = Object.fromEntries(acks.filter((a) => !a.ok).map((a, i) => [`event ${i}`, refusedAck(a)]));
    expect(Object.keys(refusals)).toHaveLength(10);
    expect(unfinished(refusals)).toEqual({});
  });
});

/** Creates an event on a Mingle that asks for the organiser key. */
async function createEventWithKey(url: string, key: string, name: string) {
  const res = await request(url).post('/api/events').set({ authorization: `Bearer ${key}` }).send({ name }).expect(201);
  return res.body as Awaited<ReturnType<typeof createEvent>>;
}
