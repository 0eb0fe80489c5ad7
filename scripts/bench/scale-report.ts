/**
 * Figures and write-up of `npm run bench:scale`: percentiles, the per-match Redis counts, the
 * verdicts, and the same result as Markdown and JSON.
 */
import { cpus, availableParallelism, loadavg, totalmem } from 'node:os';
import type { CommandCount } from './scale-redis';
import type { Summary } from '../sim/stats';

export { summarise, type Summary } from '../sim/stats';

/** The median of each count over many flows, and the command names of the median flow. */
export function medianCount(counts: CommandCount[]): CommandCount {
  const mid = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
  const typical = mid(counts, (c) => c.commands);
  return {
    commands: typical.commands,
    requests: mid(counts, (c) => c.requests).requests,
    serialRoundTrips: mid(counts, (c) => c.serialRoundTrips).serialRoundTrips,
    byName: typical.byName,
  };
}

export interface Machine {
  cpus: number;
  /** 1-minute load average when the run started: other work on the machine shows in the tails. */
  loadAtStart: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  redis: string;
}

export function thisMachine(redisVersion: string): Machine {
  return {
    cpus: availableParallelism(),
    loadAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis: redisVersion,
  };
}

export interface ScaleResult {
  date: string;
  machine: Machine;
  otherRedisClients: number;
  setup: { phonesA: number; phonesB: number; warmupPairs: number; pairs: number; countedFlows: number; matchIntervalMs: number };
  latency: { same: Summary; cross: Summary; echo: Summary; profileUpdate: Summary };
  /** Where the time goes, per condition: ack of the second tap, the tick, and found after the ack. */
  breakdown: {
    same: { ack: Summary; tick: Summary; foundAfterAck: Summary };
    cross: { ack: Summary; tick: Summary; foundAfterAckLocal: Summary; foundAfterAckRemote: Summary };
  };
  /** Medians per match over the counted flows. */
  redis: { tick: CommandCount; flowStore: CommandCount; flowAdapter: CommandCount };
  verdict: { p50GapMs: number; p95GapMs: number; p99GapMs: number; gapTargetMs: number; gapMet: boolean; roundTrips: number; roundTripTarget: number; roundTripsMet: boolean };
}

const ms = (v: number) => v.toFixed(2);
const row = (name: string, s: Summary) =>
  `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.mean)} |`;
const names = (c: CommandCount) =>
  Object.entries(c.byName)
    .sort((a, b) => b[1] - a[1])
    .map(([n, k]) => `${n} ×${k}`)
    .join(', ');

/** The report body (no top-level heading), shared by the results file and docs/BENCHMARKS.md. */
export function toMarkdown(r: ScaleResult): string {
  const m = r.machine;
  const v = r.verdict;
  const b = r.breakdown;
  const head = '| | n | p50 | p95 | p99 | max | mean |\n|---|---:|---:|---:|---:|---:|---:|';
  return [
    `Measured ${r.date} on ${m.cpus} × ${m.cpuModel}, ${m.ramGiB} GiB RAM, Node ${m.node}, Redis ${m.redis} on loopback` +
      ` (${r.otherRedisClients} other clients connected to it); 1-minute load average ${m.loadAtStart} at the start. Two instances and every phone (real socket.io-client, websocket)` +
      ` share one Node process. ${r.setup.phonesA} phones on instance A, ${r.setup.phonesB} on B, one event;` +
      ` ${r.setup.warmupPairs} warm-up pairs per condition, then ${r.setup.pairs} per condition, interleaved in random order.`,
    '',
    `**Latency, ms.** Tap→found: from the second phone's \`match:find\` emit until both phones have \`match:found\`.` +
      ` The matching loop is stopped; instance A runs one \`ticker.tick()\` as soon as that find is acked,` +
      ` so the figures exclude the wait for the next tick: in production add 0 to ${r.setup.matchIntervalMs} ms` +
      ` (\`MATCH_INTERVAL_MS\`, mean ${r.setup.matchIntervalMs / 2} ms). Echo is a bench-only event on \`/attendee\` whose` +
      ` handler only acks; \`profile:update {}\` is the cheapest real action. Both are timed on the same connections.`,
    '',
    head,
    row('tap→found, same instance (both on A)', r.latency.same),
    row('tap→found, cross-instance (A and B)', r.latency.cross),
    row('Socket.IO emit+ack (echo)', r.latency.echo),
    row('`profile:update {}` emit+ack', r.latency.profileUpdate),
    '',
    `**Where the time goes, ms** (ack: second find's round trip; tick: ack until \`tick()\` resolved; found: ack until \`match:found\` on a phone on A (local) or B (remote)).`,
    '',
    head,
    row('same: ack', b.same.ack),
    row('same: tick', b.same.tick),
    row('same: found after ack', b.same.foundAfterAck),
    row('cross: ack', b.cross.ack),
    row('cross: tick', b.cross.tick),
    row('cross: found after ack, local phone', b.cross.foundAfterAckLocal),
    row('cross: found after ack, remote phone', b.cross.foundAfterAckRemote),
    '',
    `**Redis per match** (median of ${r.setup.countedFlows} flows; every command the store's and the adapter's ioredis clients send,` +
      ` counted by wrapping \`Redis.prototype.sendCommand\`, so other users of the Redis do not count. A request is a command sent` +
      ` alone or a whole pipeline; serial round trips are requests sent while none of the same side's was in flight, i.e. waits one after another. The adapter's \`xread\`s are its two instances' blocking stream reads: they wait for news, nobody waits on them.)`,
    '',
    '| | commands | requests | serial round trips | commands by name |\n|---|---:|---:|---:|---|',
    `| (a) the tick that forms the match (store, instance A) | ${r.redis.tick.commands} | ${r.redis.tick.requests} | ${r.redis.tick.serialRoundTrips} | ${names(r.redis.tick)} |`,
    `| (b) tap→found flow: two finds, tick, state pushes (store, A+B) | ${r.redis.flowStore.commands} | ${r.redis.flowStore.requests} | ${r.redis.flowStore.serialRoundTrips} | ${names(r.redis.flowStore)} |`,
    `| (b) same flow, Socket.IO adapter (both instances) | ${r.redis.flowAdapter.commands} | ${r.redis.flowAdapter.requests} | ${r.redis.flowAdapter.serialRoundTrips} | ${names(r.redis.flowAdapter)} |`,
    '',
    `**Verdict.** Cross-instance p99 − same-instance p99 = ${ms(v.p99GapMs)} ms: ` +
      (v.gapMet ? `within the ${v.gapTargetMs} ms target` : `**misses** the ${v.gapTargetMs} ms target`) +
      ` (p50 gap ${ms(v.p50GapMs)} ms, p95 gap ${ms(v.p95GapMs)} ms).` +
      ` Store round trips per match (flow, serial): ${v.roundTrips}: ` +
      (v.roundTripsMet ? `within the aim of ≤ ${v.roundTripTarget}.` : `**misses** the aim of ≤ ${v.roundTripTarget}.`),
  ].join('\n');
}
