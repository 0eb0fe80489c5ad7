import Redis from 'ioredis';
import { RedisStore } from '../../server/store/redis';
import { describeRedis, dropPrefix, redisUrl, testPrefix } from '../helpers/redis';
import { storeContract } from './contract';
import { sampleAttendee, sampleEvent, sampleMatch, uid } from './samples';

describeRedis('redis', () => {
  storeContract(
    'redis',
    async () => {
      const store = new RedisStore({ url: redisUrl, prefix: testPrefix() });
      await store.connect();
      return store;
    },
    async (store) => dropPrefix((store as RedisStore).keys.prefix),
    async (store, needles) => {
      // Every key name and every value under the store's prefix.
      const r = new Redis(redisUrl);
      const found = new Set<string>();
      try {
        const keys = await r.keys(`${(store as RedisStore).keys.prefix}*`);
        for (const key of keys) {
          const type = await r.type(key);
          const raw =
            type === 'hash' ? JSON.stringify(await r.hgetall(key))
            : type === 'set' ? JSON.stringify(await r.smembers(key))
            : type === 'zset' ? JSON.stringify(await r.zrange(key, 0, -1))
            : type === 'list' ? JSON.stringify(await r.lrange(key, 0, -1))
            : String(await r.get(key));
          for (const n of needles) if (key.includes(n) || raw.includes(n)) found.add(n);
        }
      } finally {
        r.disconnect();
      }
      return [...found];
    },
    {
      sweeps: false,
      async expiries(store) {
        // Every key under the store's prefix, the busy index and the matcher leases aside.
        const r = new Redis(redisUrl);
        const { keys } = store as RedisStore;
        try {
          const all = (await r.keys(`${keys.prefix}*`)).filter((key) => key !== keys.busy() && !key.endsWith(':lease'));
          return await Promise.all(all.map(async (key) => ({ key, expiresAt: await r.pexpiretime(key) })));
        } finally {
          r.disconnect();
        }
      },
      async lapse(store, at) {
        // What Redis does when its clock reaches `at`: every key due by then is gone.
        const r = new Redis(redisUrl);
        try {
          for (const key of await r.keys(`${(store as RedisStore).keys.prefix}*`)) {
            const expiresAt = await r.pexpiretime(key);
            if (expiresAt > 0 && expiresAt <= at) await r.del(key);
          }
        } finally {
          r.disconnect();
        }
      },
    },
  );
});

describeRedis('redis store: every key of an event expires with it', () => {
  const retentionMs = 60_000;
  let store: RedisStore;
  const raw = new Redis(redisUrl);

  beforeEach(async () => {
    store = new RedisStore({ url: redisUrl, prefix: testPrefix(), retentionMs });
    await store.connect();
  });
  afterEach(async () => {
    await dropPrefix(store.keys.prefix);
    await store.close();
  });
  afterAll(() => raw.disconnect());

  /** Keys of the store whose expiry is missing or later than `limit` (the busy index and the lease aside). */
  async function keysOutliving(limit: number): Promise<Array<{ key: string; expiresAt: number }>> {
    const out = [];
    for (const key of await raw.keys(`${store.keys.prefix}*`)) {
      if (key === store.keys.busy() || key.endsWith(':lease')) continue;
      const expiresAt = await raw.pexpiretime(key);
      if (expiresAt <= 0 || expiresAt > limit) out.push({ key, expiresAt });
    }
    return out;
  }

  async function seed(n: number) {
    const ev = sampleEvent({ endsAt: Date.now() + 3_600_000 });
    await store.createEvent(ev, uid('orghash'));
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = sampleAttendee(ev.id, { status: 'looking', lookingSince: 5 });
      await store.createAttendee(a, uid('tok'));
      ids.push(a.id);
    }
    return { ev, ids, exp: ev.endsAt! + retentionMs };
  }

  test('a removed attendee\'s token is kept with the event\'s expiry, and re-expired when it ends early', async () => {
    const { ev, ids: [a], exp } = await seed(1);
    const tok = (await raw.hget(store.keys.attendee(ev.id, a!), 'tok'))!;
    expect(await store.markRemoved(ev.id, a!)).toBe(true);
    expect(await store.deleteAttendee(ev.id, a!)).not.toBeNull();
    expect(await store.removedFrom(tok)).toBe(ev.id);
    expect(await raw.pexpiretime(store.keys.removedToken(tok))).toBe(exp);
    expect(await raw.pexpiretime(store.keys.removed(ev.id))).toBe(exp);
    const endedAt = Date.now();
    await store.setEventStatus(ev.id, 'ended', endedAt);
    expect(await raw.pexpiretime(store.keys.removedToken(tok))).toBe(endedAt + retentionMs);
    expect(await keysOutliving(endedAt + retentionMs)).toEqual([]);
  });

  test('a join re-creates the met set with the event’s expiry', async () => {
    const { ev, ids: [a, b, c], exp } = await seed(3);
    const m = sampleMatch(ev.id, [a!, b!]);
    expect(await store.claimMatch(m)).toBe(true);
    // The state a forget leaves when it takes the set's last pair: Redis deletes an empty set.
    await raw.del(store.keys.met(ev.id));
    expect(await store.joinMatch(ev.id, m.id, c!, 3, [], 0)).not.toBeNull();
    expect(await raw.scard(store.keys.met(ev.id))).toBe(2);
    expect(await raw.pexpiretime(store.keys.met(ev.id))).toBe(exp);
  });

  test('ending early re-expires every key of the event, tokens and code included, at the actual end plus retention', async () => {
    const orgHash = uid('orghash');
    const ev = sampleEvent({ endsAt: Date.now() + 3_600_000 });
    await store.createEvent(ev, orgHash);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const a = sampleAttendee(ev.id, { status: 'looking', lookingSince: 5 });
      await store.createAttendee(a, uid('tok'));
      ids.push(a.id);
    }
    const [a, b, c, d] = ids as [string, string, string, string];
    const m = sampleMatch(ev.id, [a, b]);
    await store.claimMatch(m);
    await store.shareContact(ev.id, m.id, a, { email: 'a@example.com' });
    await store.setFeedback(ev.id, m.id, b, true);
    await store.addBlock(ev.id, a, c);
    await store.addCooldown(ev.id, c, d, Date.now() + 60_000);
    await store.addReport({ id: uid('r'), eventId: ev.id, reporterId: b, reportedId: a, reason: 'spam', text: null, at: 3 });
    await store.endMatch(ev.id, m.id, 'done', 1, {});
    const planned = ev.endsAt! + retentionMs;
    expect(await keysOutliving(planned)).toEqual([]);
    const before = (await raw.keys(`${store.keys.prefix}*`)).length;

    const endedAt = Date.now();
    await store.setEventStatus(ev.id, 'ended', endedAt);
    expect(await keysOutliving(endedAt + retentionMs)).toEqual([]);
    expect((await raw.keys(`${store.keys.prefix}*`)).length).toBe(before); // re-expired, none lost
    expect(await raw.pexpiretime(store.keys.token(orgHash))).toBe(endedAt + retentionMs);
    expect(await raw.pexpiretime(store.keys.code(ev.code))).toBe(endedAt + retentionMs);
    // What the organiser is told is when it happens.
    expect(store.deletesAt((await store.getEvent(ev.id))!)).toBe(endedAt + retentionMs);
    // Keys written after the end take the new expiry too.
    await store.addBlock(ev.id, b, d);
    expect(await keysOutliving(endedAt + retentionMs)).toEqual([]);
  });

  test('a patch that keeps the planned end as it is leaves every expiry alone; a move re-expires them', async () => {
    const { ev, ids: [a], exp } = await seed(2);
    // Moved by hand, so a re-expiry of the event would show: it would put it back to `exp`.
    const key = store.keys.attendee(ev.id, a!);
    await raw.pexpireat(key, exp + 5_000);
    expect(await store.updateEvent(ev.id, { name: 'Renamed', endsAt: ev.endsAt })).toEqual({ ...ev, name: 'Renamed' });
    expect(await raw.pexpiretime(key)).toBe(exp + 5_000);
    // Cleared and cleared again: the second is no change either.
    await store.updateEvent(ev.id, { endsAt: null });
    const cleared = store.deletesAt({ endsAt: null, createdAt: ev.createdAt });
    expect(await raw.pexpiretime(key)).toBe(cleared);
    await raw.pexpireat(key, cleared + 5_000);
    await store.updateEvent(ev.id, { endsAt: null });
    expect(await raw.pexpiretime(key)).toBe(cleared + 5_000);
    // A real move still re-expires every key.
    const later = ev.endsAt! + 3_600_000;
    await store.updateEvent(ev.id, { endsAt: later });
    expect(await raw.pexpiretime(key)).toBe(later + retentionMs);
    expect(await keysOutliving(later + retentionMs)).toEqual([]);
  });

  test('after a whole evening of writes, forgets included, no key outlives end plus retention', async () => {
    const { ev, ids, exp } = await seed(5);
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    const first = sampleMatch(ev.id, [a, b]);
    await store.claimMatch(first);
    await store.shareContact(ev.id, first.id, a, { email: 'a@example.com' });
    await store.setFeedback(ev.id, first.id, b, true);
    await store.endMatch(ev.id, first.id, 'done', 1, { [a]: { status: 'idle', lookingSince: null }, [b]: { status: 'looking', lookingSince: 2 } });
    await store.addReport({ id: uid('r'), eventId: ev.id, reporterId: b, reportedId: a, reason: 'spam', text: null, at: 3 });
    await store.addBlock(ev.id, a, e);
    await store.addCooldown(ev.id, a, d, Date.now() + 60_000);
    // A forgets: every set that held only their pairs goes.
    expect(await store.deleteAttendee(ev.id, a)).not.toBeNull();
    const circle = sampleMatch(ev.id, [b, c]);
    expect(await store.claimMatch(circle)).toBe(true);
    expect(await store.joinMatch(ev.id, circle.id, d, 4, [], 0)).not.toBeNull();
    await store.updateMatch(ev.id, circle.id, ['matched'], { status: 'chatting', metAt: 4 });
    await store.removeFromMatch(ev.id, circle.id, d, { status: 'looking', lookingSince: 5 });
    await store.addOnline(ev.id, e, 1, 6);
    expect(await keysOutliving(exp)).toEqual([]);
  });
});

describeRedis('redis store: matches written before former members were kept with whom they were with', () => {
  let store: RedisStore;
  const raw = new Redis(redisUrl);

  beforeEach(async () => {
    store = new RedisStore({ url: redisUrl, prefix: testPrefix() });
    await store.connect();
  });
  afterEach(async () => {
    await dropPrefix(store.keys.prefix);
    await store.close();
  });
  afterAll(() => raw.disconnect());

  test('a plain list of former members reads as with nobody, and forgets cleanly', async () => {
    const ev = sampleEvent();
    await store.createEvent(ev, uid('orghash'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = sampleAttendee(ev.id, { status: 'looking', lookingSince: 5 });
      await store.createAttendee(a, uid('tok'));
      ids.push(a.id);
    }
    const [a, b, c] = ids as [string, string, string];
    const m = sampleMatch(ev.id, [a, b, c]);
    await store.claimMatch(m);
    await store.updateMatch(ev.id, m.id, ['matched'], { status: 'chatting', metAt: 1 });
    await store.removeFromMatch(ev.id, m.id, c, { status: 'idle', lookingSince: null });
    // What the previous code left: `former` and no `fw:` lists.
    const key = store.keys.match(ev.id, m.id);
    await raw.hdel(key, `fw:${c}`);
    expect(await raw.hget(key, 'former')).toBe(JSON.stringify([c]));
    expect((await store.getMatch(ev.id, m.id))!.formerMembers).toEqual([{ id: c, with: [] }]);
    expect(await store.shareContact(ev.id, m.id, c, { email: 'c@example.com' })).toBeNull();
    expect(await store.deleteAttendee(ev.id, c)).not.toBeNull();
    expect((await store.getMatch(ev.id, m.id))!.formerMembers).toBeUndefined();
  });
});

describeRedis('redis store: the attendee cap across instances', () => {
  const prefix = testPrefix();
  const instances = [0, 1, 2].map(() => new RedisStore({ url: redisUrl, prefix }));

  beforeAll(() => Promise.all(instances.map((s) => s.connect())));
  afterAll(async () => {
    await dropPrefix(prefix);
    await Promise.all(instances.map((s) => s.close()));
  });

  test('three instances joining one event at once, each on its own connection, never pass the cap', async () => {
    const cap = 25;
    const ev = sampleEvent();
    await instances[0]!.createEvent(ev, uid('orghash'));
    const newcomers = Array.from({ length: 90 }, () => sampleAttendee(ev.id));
    const results = await Promise.all(newcomers.map((a, i) => instances[i % 3]!.createAttendee(a, uid('tok'), cap)));
    expect(results.filter(Boolean)).toHaveLength(cap);
    expect(await instances[1]!.listAttendees(ev.id)).toHaveLength(cap);
    // Full now, whichever instance asks; those admitted are still let back in.
    const admitted = newcomers.filter((_, i) => results[i]);
    expect(await instances[2]!.createAttendee(sampleAttendee(ev.id), uid('tok'), cap)).toBe(false);
    expect(await instances[0]!.createAttendee(admitted[0]!, uid('tok'), cap)).toBe(true);
  });
});

/**
 * Each instance counts its own connections of an attendee. One that dies without taking its
 * phones off (SIGKILL) leaves its count behind; it must not make the person look connected after
 * their later disconnects elsewhere, and it goes once it has not vouched for a minute.
 */
describeRedis('redis store: connections counted per instance', () => {
  const prefix = testPrefix();
  let a: RedisStore;
  let b: RedisStore;

  beforeEach(async () => {
    [a, b] = [new RedisStore({ url: redisUrl, prefix }), new RedisStore({ url: redisUrl, prefix })];
    await Promise.all([a.connect(), b.connect()]);
  });
  afterEach(async () => {
    await dropPrefix(prefix);
    await Promise.all([a.close(), b.close()]);
  });

  test('a dead instance\'s count stops making them connected: seen is its last vouch, and it goes after a minute unvouched', async () => {
    const ev = sampleEvent({ endsAt: Date.now() + 3_600_000 });
    await a.createEvent(ev, uid('orghash'));
    const ann = sampleAttendee(ev.id, { status: 'idle' });
    await a.createAttendee(ann, uid('tok'));

    expect(await a.addOnline(ev.id, ann.id, 1, 1_000)).toMatchObject({ online: 1, seenAt: 1_000 });
    expect(await a.touchOnline(ev.id, [ann.id], 5_000)).toBe(true);
    // Instance a dies here, its phone still counted. Ann's phone comes back on b, then goes.
    expect(await b.addOnline(ev.id, ann.id, 1, 20_000)).toMatchObject({ online: 2, seenAt: 20_000 });
    expect(await b.touchOnline(ev.id, [ann.id], 30_000)).toBe(true);
    // Only a's stale count is left, as of its last vouch: the presence window runs from there.
    expect(await b.addOnline(ev.id, ann.id, -1, 31_000)).toMatchObject({ online: 1, seenAt: 5_000 });
    // Back on b a minute after a's last vouch: a's count is gone for good.
    expect(await b.addOnline(ev.id, ann.id, 1, 65_001)).toMatchObject({ online: 1, seenAt: 65_001 });
    expect(await b.addOnline(ev.id, ann.id, -1, 66_000)).toMatchObject({ online: 0 });
  });

  test("an instance's own count, when given, is set rather than added to: a change lost in a blip is made good by the next", async () => {
    const ev = sampleEvent({ endsAt: Date.now() + 3_600_000 });
    await a.createEvent(ev, uid('orghash'));
    const ann = sampleAttendee(ev.id, { status: 'idle' });
    await a.createAttendee(ann, uid('tok'));

    expect(await a.addOnline(ev.id, ann.id, 1, 1_000, 1)).toMatchObject({ online: 1 });
    expect(await b.addOnline(ev.id, ann.id, 1, 2_000, 1)).toMatchObject({ online: 2 });
    // a's phone went while a could not reach Redis (its -1 never came); a second one of Ann's
    // connects to a: a holds one connection, not two.
    expect(await a.addOnline(ev.id, ann.id, 1, 3_000, 1)).toMatchObject({ online: 2 });
    expect(await a.addOnline(ev.id, ann.id, -1, 4_000, 0)).toMatchObject({ online: 1 });
    expect(await b.addOnline(ev.id, ann.id, -1, 5_000, 0)).toMatchObject({ online: 0 });
  });
});
