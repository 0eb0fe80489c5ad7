/**
 * `npm run bench:scale`: two in-process Mingle instances on one Redis (a fresh key prefix,
 * dropped at the end), both with the Redis Streams adapter. Measures, in one run and
 * interleaved: tap→`match:found` with both phones on one instance, the same across two
 * instances, a raw Socket.IO emit+ack, and the Redis commands per match. Prints a summary and
 * writes Markdown and JSON to bench-results/. `--pairs N` sets the measured pairs per condition.
 *
 * Needs a Redis at REDIS_URL (default redis://127.0.0.1:6379/0).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../server/matching/rng';
import { testConfig } from '../server/config';
import {
  echo,
  joinPhones,
  matchPair,
  profileNoop,
  startInstance,
  unmatch,
  type Instance,
  type PairTiming,
  type Phone,
} from './bench/scale-cluster';
import { CommandLog, countCommands, redisFacts, type CommandCount } from './bench/scale-redis';
import { dropPrefix } from './lib/drop-prefix';
import { readFlags } from './lib/flags';
import { medianCount, summarise, thisMachine, toMarkdown, type ScaleResult } from './bench/scale-report';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PHONES_A = 64;
const PHONES_B = 32;
const WARMUP_PAIRS = 50;
const COUNTED_FLOWS = 40; // per condition
const GAP_TARGET_MS = 5;
const ROUND_TRIP_TARGET = 3;
const GIVE_UP_MS = 150_000;

type Condition = 'same' | 'cross';
type Phase = 'warmup' | 'measure' | 'count';

const USAGE = `npm run bench:scale -- [options]
  --pairs N   measured pairs per condition (default 1000); Redis at REDIS_URL`;
const flags = readFlags(process.argv.slice(2), USAGE, ['pairs']);

function argNumber(flag: 'pairs', fallback: number): number {
  const given = flags.get(flag);
  const n = given !== undefined ? Number(given) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} wants a positive whole number`);
  return n;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Pairs that have never met, so the matcher pairs them at once (repeats wait 20 s). */
function freshPairs(a: Phone[], b: Phone[] | null, random: () => number): Array<[Phone, Phone]> {
  const pairs: Array<[Phone, Phone]> = [];
  if (b) for (const x of a) for (const y of b) pairs.push([x, y]);
  else for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) pairs.push([a[i]!, a[j]!]);
  return shuffle(pairs, random);
}

/** Blocks of one same and one cross pair, each block in random order. */
function schedule(perCondition: number, random: () => number): Condition[] {
  const out: Condition[] = [];
  for (let i = 0; i < perCondition; i++) out.push(...(random() < 0.5 ? (['same', 'cross'] as const) : (['cross', 'same'] as const)));
  return out;
}

async function main() {
  const giveUp = setTimeout(() => {
    console.error(`bench:scale did not finish within ${GIVE_UP_MS / 1000} s; giving up.`);
    process.exit(1);
  }, GIVE_UP_MS);
  giveUp.unref();
  const pairsPerCondition = argNumber('pairs', 1000);
  const random = seededRandom(20_240_601);
  const machine = thisMachine('?');
  const facts = await redisFacts(REDIS_URL).catch(() => {
    throw new Error(`No Redis answered at ${REDIS_URL}. Start one (redis-server) or set REDIS_URL.`);
  });
  const prefix = `mingle-bench:${randomBytes(4).toString('hex')}:`;
  const log = new CommandLog();
  log.install();

  const instances: Instance[] = [];
  const phones: Phone[] = [];
  try {
    const a = await startInstance('A', REDIS_URL, prefix, log);
    instances.push(a);
    const b = await startInstance('B', REDIS_URL, prefix, log);
    instances.push(b);
    const { event } = await a.app.services.events.create({ name: 'Scale bench', spots: ['By the window', 'At the bar'] });
    const onA = await joinPhones(a, event.code, PHONES_A, random);
    const onB = await joinPhones(b, event.code, PHONES_B, random);
    phones.push(...onA, ...onB);
    console.log(`${PHONES_A} phones on A, ${PHONES_B} on B, Redis ${facts.version} at ${REDIS_URL} (prefix ${prefix})`);

    const unused: Record<Condition, Array<[Phone, Phone]>> = {
      same: freshPairs(onA, null, random),
      cross: freshPairs(onA, onB, random),
    };
    const timings: Record<Condition, PairTiming[]> = { same: [], cross: [] };
    const localFound: Record<Condition, number[]> = { same: [], cross: [] };
    const remoteFound: number[] = [];
    const echoMs: number[] = [];
    const profileMs: number[] = [];
    const counts: Array<{ tick: CommandCount; flowStore: CommandCount; flowAdapter: CommandCount }> = [];

    const run = async (condition: Condition, phase: Phase) => {
      const pair = unused[condition].pop();
      if (!pair) throw new Error(`ran out of fresh ${condition} pairs`);
      const [first, second] = random() < 0.5 ? pair : ([pair[1], pair[0]] as const);
      let tickFrom = 0;
      let tickTo = 0;
      if (phase === 'count') log.start();
      const t = await matchPair(a, first, second, {
        tickStarts: () => (tickFrom = log.mark()),
        tickEnds: () => (tickTo = log.mark()),
      });
      if (phase === 'count') {
        await log.drained();
        const sent = log.stop();
        counts.push({
          tick: countCommands(sent.slice(tickFrom, tickTo), 'store', 'store A'),
          flowStore: countCommands(sent, 'store'),
          flowAdapter: countCommands(sent, 'adapter'),
        });
      }
      await unmatch(first, second, t.matchId);
      if (phase !== 'measure') return;
      timings[condition].push(t);
      [first, second].forEach((p, i) => (p.on === a ? localFound[condition] : remoteFound).push(t.foundAfterAckMs[i]!));
      echoMs.push(await echo(first), await echo(second));
      profileMs.push(await profileNoop(random() < 0.5 ? first : second));
    };

    const started = performance.now();
    for (const c of schedule(WARMUP_PAIRS, random)) await run(c, 'warmup');
    for (const c of schedule(pairsPerCondition, random)) await run(c, 'measure');
    for (const c of schedule(COUNTED_FLOWS, random)) await run(c, 'count');
    console.log(`${(2 * (WARMUP_PAIRS + pairsPerCondition + COUNTED_FLOWS))} matches in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const same = summarise(timings.same.map((t) => t.totalMs));
    const cross = summarise(timings.cross.map((t) => t.totalMs));
    const flowStore = medianCount(counts.map((c) => c.flowStore));
    const result: ScaleResult = {
      date: new Date().toISOString(),
      machine: { ...machine, redis: facts.version },
      otherRedisClients: facts.clients,
      setup: {
        phonesA: PHONES_A,
        phonesB: PHONES_B,
        warmupPairs: WARMUP_PAIRS,
        pairs: pairsPerCondition,
        countedFlows: 2 * COUNTED_FLOWS,
        matchIntervalMs: testConfig().matchIntervalMs,
      },
      latency: { same, cross, echo: summarise(echoMs), profileUpdate: summarise(profileMs) },
      breakdown: {
        same: {
          ack: summarise(timings.same.map((t) => t.ackMs)),
          tick: summarise(timings.same.map((t) => t.tickMs)),
          foundAfterAck: summarise(localFound.same),
        },
        cross: {
          ack: summarise(timings.cross.map((t) => t.ackMs)),
          tick: summarise(timings.cross.map((t) => t.tickMs)),
          foundAfterAckLocal: summarise(localFound.cross),
          foundAfterAckRemote: summarise(remoteFound),
        },
      },
      redis: {
        tick: medianCount(counts.map((c) => c.tick)),
        flowStore,
        flowAdapter: medianCount(counts.map((c) => c.flowAdapter)),
      },
      verdict: {
        p50GapMs: cross.p50 - same.p50,
        p95GapMs: cross.p95 - same.p95,
        p99GapMs: cross.p99 - same.p99,
        gapTargetMs: GAP_TARGET_MS,
        gapMet: cross.p99 - same.p99 <= GAP_TARGET_MS,
        roundTrips: flowStore.serialRoundTrips,
        roundTripTarget: ROUND_TRIP_TARGET,
        roundTripsMet: flowStore.serialRoundTrips <= ROUND_TRIP_TARGET,
      },
    };

    const markdown = `# Scale-out on Redis\n\n${toMarkdown(result)}\n`;
    const dir = join(__dirname, '..', 'bench-results');
    const stem = `scale-${result.date.slice(0, 19).replace(/:/g, '-')}Z`;
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${stem}.md`), markdown);
    await writeFile(join(dir, `${stem}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${markdown}\nWrote bench-results/${stem}.md and .json`);
  } finally {
    for (const p of phones) p.socket.disconnect();
    for (const i of instances) await i.app.close();
    await dropPrefix(REDIS_URL, prefix);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
