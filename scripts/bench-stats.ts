/**
 * `npm run bench:stats [-- --sizes 2000,5000,10000 --stores memory,redis]`: what the organiser's
 * live figures cost a server. A watched event's stats are worked out again every second for its
 * dashboards, so this is a cost paid all evening.
 *
 * For each store and size it fills one event through the store's own API (n attendees, about 1.3
 * matches per attendee, most ended and met, as late in a long evening), then calls the
 * organiser service's `stats` (the dashboard's path) 9 times and reports the medians of
 * - the wall time of one call (Redis: including its round trips);
 * - the event loop's busy time during it (`performance.eventLoopUtilization`): the CPU this
 *   process spent, which phones on the same instance wait behind;
 * - the longest single block of the event loop during the calls (`monitorEventLoopDelay`, max);
 * - on Redis, the CPU time Redis itself spent per call (`INFO cpu`, over all the calls): Redis
 *   serves every instance, so time it spends here, others wait for.
 * Redis must be at REDIS_URL (default redis://127.0.0.1:6379); the bench deletes its keys after.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { testConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { Metrics } from '../server/metrics';
import { createServices } from '../server/services';
import type { Notifier } from '../server/services/notifier';
import { MemoryStore } from '../server/store/memory';
import type { AttendeeRecord, MatchRecord } from '../server/store/records';
import { RedisStore } from '../server/store/redis';
import type { Store } from '../server/store/store';
import { machineLine } from './bench/machine';
import { readFlags } from './lib/flags';

const USAGE = `npm run bench:stats -- [options]
  --sizes N,N,...         attendees in the event (default 2000,5000,10000)
  --stores memory,redis   the stores to measure (default both; redis at REDIS_URL)`;
const args = readFlags(process.argv.slice(2), USAGE, ['sizes', 'stores']);
const SIZES = (args.get('sizes') ?? '2000,5000,10000').split(',').map(Number);
const STORES = (args.get('stores') ?? 'memory,redis').split(',');
const RUNS = 9;
const TOPICS = Array.from({ length: 80 }, (_, i) => `Topic ${i}`);

const silent: Notifier = { toAttendee() {}, toAttendees() {}, toEvent() {}, eventToDashboards() {}, disconnectAttendee() {} };

/** Runs `tasks` at most `width` at a time. */
async function inBatches<T>(items: T[], width: number, task: (item: T, k: number) => Promise<unknown>) {
  for (let k = 0; k < items.length; k += width) await Promise.all(items.slice(k, k + width).map((item, j) => task(item, k + j)));
}

async function fill(store: Store, n: number): Promise<string> {
  const now = Date.now();
  const eventId = `benchstats${now.toString(36)}`;
  await store.createEvent(
    { id: eventId, code: eventId.toUpperCase(), name: 'Stats bench', topics: [], spots: ['By the bar'], status: 'open', endsAt: null, createdAt: now - 4 * 3_600_000, announcement: null, pausedAt: null },
    `orghash-${eventId}`,
  );
  const people: AttendeeRecord[] = Array.from({ length: n }, (_, i) => ({
    id: `${eventId}a${i}`,
    eventId,
    name: `Guest ${i}`,
    interests: [TOPICS[i % 80]!, TOPICS[(i * 7 + 3) % 80]!, TOPICS[(i * 13 + 5) % 80]!],
    solo: i % 3 === 0,
    lookFor: 'Red scarf, by the stairs',
    offers: ['Hiring'],
    asks: ['Fundraising'],
    status: 'looking',
    matchId: null,
    lookingSince: now - (i % 600) * 1000,
    joinedAt: now - 3 * 3_600_000,
    online: 1,
    seenAt: now,
  }));
  await inBatches(people, 500, (a) => store.createAttendee(a, `tok-${a.id}`, n + 1));
  // Rounds of pairs over everyone: every round but the last ends, as a night of conversations does.
  const rounds = 3;
  for (let r = 0; r < rounds; r++) {
    const pairs = Array.from({ length: Math.floor(n / 2) }, (_, k) => [people[(2 * k + r) % n]!.id, people[(2 * k + 1 + 3 * r) % n]!.id]);
    await inBatches(pairs, 500, async ([a, b], k) => {
      if (a === b) return;
      const match: MatchRecord = {
        id: `${eventId}m${r}x${k}`,
        eventId,
        memberIds: [a!, b!],
        status: 'matched',
        createdAt: now - (rounds - r) * 3_000_000 + k,
        metAt: null,
        endedAt: null,
        endReason: null,
        sharedTopics: ['Topic 1'],
        icebreaker: 'What brought you here tonight?',
        spot: 'By the bar',
        beacon: { color: '#7c3aed', emoji: '🦊', colorName: 'purple' },
        reasons: { [a!]: ['You both picked Topic 1', "You're both here on your own"], [b!]: ['You both picked Topic 1'] },
        waits: { [a!]: 4000 + (k % 90) * 1000, [b!]: 2000 + (k % 50) * 1000 },
        open: false,
      };
      if (!(await store.claimMatch(match))) return;
      if (r === rounds - 1 && k % 3 === 0) return; // still matched
      const back = { status: 'looking' as const, lookingSince: now };
      await store.endMatch(eventId, match.id, k % 10 === 0 ? 'cant_find' : 'done', now, { [a!]: back, [b!]: back });
    });
  }
  return eventId;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function measure(kind: string, n: number): Promise<string> {
  const prefix = `benchstats${Date.now().toString(36)}:`;
  const store: Store = kind === 'memory' ? new MemoryStore() : new RedisStore({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix });
  if (store instanceof RedisStore) await store.connect();
  try {
    const eventId = await fill(store, n);
    const config = testConfig();
    const services = createServices({ config, store, notifier: silent, logger: createLogger(config), metrics: new Metrics(), now: Date.now });
    let stats = await services.organisers.stats(eventId); // warm-up
    stats = await services.organisers.stats(eventId);
    const wall: number[] = [];
    const busy: number[] = [];
    const redisCpu = async () => {
      if (!(store instanceof RedisStore)) return 0;
      const info = await store.redis.info('cpu');
      const seconds = (field: string) => Number(new RegExp(`${field}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
      return 1000 * (seconds('used_cpu_user') + seconds('used_cpu_sys'));
    };
    const cpuBefore = await redisCpu();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    for (let r = 0; r < RUNS; r++) {
      const elu = performance.eventLoopUtilization();
      const started = performance.now();
      stats = await services.organisers.stats(eventId);
      wall.push(performance.now() - started);
      busy.push(performance.eventLoopUtilization(elu).active);
      // A turn of the loop between calls, so the delay monitor's timer records the last one.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    delay.disable();
    const longest = delay.max / 1e6;
    const cpu = store instanceof RedisStore ? ((await redisCpu()) - cpuBefore) / RUNS : null;
    return `| ${kind} | ${n} | ${stats.matchesTotal} | ${median(wall).toFixed(1)} | ${median(busy).toFixed(1)} | ${longest.toFixed(0)} | ${cpu === null ? '–' : cpu.toFixed(1)} |`;
  } finally {
    if (store instanceof RedisStore) {
      let cursor = '0';
      do {
        const [next, keys] = await store.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        if (keys.length) await store.redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    await store.close();
  }
}

async function main() {
  console.log(machineLine());
  console.log('');
  console.log('| store | attendees | matches | stats wall ms | event loop busy ms | longest block ms | Redis CPU ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const kind of STORES) for (const n of SIZES) console.log(await measure(kind, n));
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
