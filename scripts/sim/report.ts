/**
 * The figures of a run, worked out from what the crowd saw and what the servers reported, and
 * compared with the targets of issue 7.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { EVENT_LOOP_SAMPLE_MS } from '../../server/metrics';
import type { ControlLag } from './control';
import type { Crowd, TimelinePoint } from './crowd';
import type { DrillResult } from './drills';
import type { InvariantResult } from './invariants';
import type { Pace } from './link';
import type { ServerLoad } from './scraper';
import { maxOf, summarise, type Summary } from './stats';

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  redis: string | null;
  /** 1, 5 and 15-minute load averages: other work on the machine shows in the tails. */
  loadAtStart: number[];
  loadAtEnd: number[];
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  /** null: this run does not test it (e.g. no drill, or too small a crowd). */
  met: boolean | null;
}

export interface Report {
  ok: boolean;
  date: string;
  durationS: number;
  machine: Machine;
  setup: {
    attendees: number;
    instances: number;
    urls: string[];
    redis: string | null;
    ownRedis: boolean;
    matchIntervalMs: number;
    minutes: number;
    findsPerSecondTarget: number | null;
    sourceAddresses: number;
    openFiles: { generator: number | null; servers: Array<number | null> };
    seed: number;
    pace: Pace;
    /** The commit the servers ran (and uncommitted changes), when the simulator started them. */
    serverRevision: string;
    /** Extra Node flags the servers ran with. */
    nodeFlags: string[];
    /** The servers' HEAP_GROWING_PERCENT (from this environment, which they inherit); null with --url. */
    heapGrowingPercent: number | null;
  };
  latency: {
    /** Tap on find → `match:found`, for the tap that completed a new pair at the first tick after it. */
    tapToFound: Summary;
    tapToFoundMinusInterval: { p50: number; p95: number; p99: number };
    /** `match:found` receipt − the match's createdAt (the tick's start): tick work plus delivery. */
    foundAfterTick: Summary;
    /** Every tap → found, including waiting for a partner. */
    timeToMatch: Summary;
    /** `profile:update {}` emit → ack: the baseline. */
    emitAck: Summary;
    acks: Record<string, Summary>;
  };
  load: {
    servers: ServerLoad[];
    generator: { lagP99Ms: number; lagMaxMs: number; rssBytes: number };
    /** An idle Node process on the same machine: the scheduling noise floor. */
    control: ControlLag;
  };
  throughput: {
    steadyFromS: number;
    findsPerSecond: number;
    findEmitsPerSecond: number;
    peakConnected: number;
    receivedPerSecond: Record<string, number>;
    reconnects: number;
    locks: number;
  };
  outcomes: {
    joined: number;
    matches: number;
    matchesPerMinute: number;
    conversedShare: number;
    longestWaitWhileOthersLookingMs: number;
    waits: Summary;
  };
  errors: Record<string, number>;
  drills: DrillResult[];
  invariants: InvariantResult[];
  targets: Target[];
  timeline: TimelinePoint[];
}

export function machine(redis: string | null, loadAtStart: number[]): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis,
    loadAtStart,
    loadAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** Tap latency, counted only where the tap completed a pair at the first tick after it. */
export function tapLatency(crowd: Crowd, intervalMs: number) {
  const ticks = [...new Set([...crowd.journal.matches.values()].map((m) => m.createdAt))].sort((a, b) => a - b);
  const tickBetween = (from: number, to: number) => {
    let lo = 0;
    let hi = ticks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ticks[mid]! <= from) lo = mid + 1;
      else hi = mid;
    }
    return lo < ticks.length && ticks[lo]! < to;
  };
  const byMatch = new Map<string, typeof crowd.stats.taps>();
  for (const t of crowd.stats.taps) if (t.pair) (byMatch.get(t.matchId) ?? byMatch.set(t.matchId, []).get(t.matchId)!).push(t);
  const counted: number[] = [];
  for (const taps of byMatch.values()) {
    if (taps.length !== 2) continue;
    const last = taps[0]!.ack >= taps[1]!.ack ? taps[0]! : taps[1]!;
    if (!tickBetween(last.ack, last.createdAt)) counted.push(last.receipt - last.emit);
  }
  const tapToFound = summarise(counted);
  return {
    tapToFound,
    tapToFoundMinusInterval: {
      p50: tapToFound.p50 - intervalMs,
      p95: tapToFound.p95 - intervalMs,
      p99: tapToFound.p99 - intervalMs,
    },
    foundAfterTick: summarise(crowd.stats.taps.filter((t) => t.pair).map((t) => t.receipt - t.createdAt)),
    timeToMatch: summarise(crowd.stats.taps.map((t) => t.receipt - t.emit)),
  };
}

/** Average per-second rates over the timeline from `fromS` to its end. */
export function steadyRates(timeline: TimelinePoint[], fromS: number) {
  const steady = timeline.filter((p) => p.t >= fromS);
  const first = steady[0];
  const last = steady.at(-1);
  const span = first && last ? last.t - first.t : 0;
  return {
    findsPerSecond: span > 0 ? (last!.findSessions - first!.findSessions) / span : NaN,
    findEmitsPerSecond: span > 0 ? (last!.findEmits - first!.findEmits) / span : NaN,
  };
}

const kb = (bytes: number | null) => (bytes === null || !Number.isFinite(bytes) ? '–' : `${(bytes / 1024).toFixed(1)} KB`);
const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(x < 100 ? 1 : 0)} ms`);

/** The targets, each with what this run measured. */
export function targets(r: Omit<Report, 'targets' | 'ok'>): Target[] {
  const single = r.setup.instances === 1 && r.load.servers.length === 1;
  const s0 = r.load.servers[0];
  // The load targets are for 10,000 attendees on one instance; smaller runs only report figures.
  const big = single && r.setup.attendees >= 10_000;
  const worstLag = maxOf(r.load.servers.map((s) => s.lagP99WorstMs));
  const drill = (n: DrillResult['name']) => r.drills.find((d) => d.name === n);
  const kill = drill('kill-instance');
  const redis = drill('restart-redis');
  const storm = drill('reconnect-storm');
  const inv = (prefix: string) => r.invariants.find((i) => i.name.startsWith(prefix));
  const out: Target[] = [
    { name: 'connected attendees on one instance', target: '10,000', measured: single ? String(s0?.peakConnections ?? 0) : `${r.throughput.peakConnected} over ${r.load.servers.length} instances`, met: big ? (s0?.peakConnections ?? 0) >= 10_000 : null },
    { name: 'finds per second held (steady state)', target: '200', measured: r.throughput.findsPerSecond.toFixed(1), met: big ? r.throughput.findsPerSecond >= 200 : null },
    { name: `event-loop delay p99 beyond the ${EVENT_LOOP_SAMPLE_MS} ms sampling interval (worst scrape window, each server)`, target: '≤ 50 ms', measured: r.load.servers.map((s) => `${s.name} ${ms(s.lagP99WorstMs)}`).join(', '), met: big ? worstLag <= 50 : null },
    {
      name: 'server RSS per connected attendee above idle (at peak connections; at the run\'s highest RSS)',
      target: '≤ 30 KB',
      measured: r.load.servers.map((s) => `${s.name} ${kb(s.bytesPerAttendee)}; ${kb(s.highestBytesPerAttendee)}`).join(', '),
      met: big && s0 ? Math.max(s0.bytesPerAttendee ?? Infinity, s0.highestBytesPerAttendee ?? Infinity) <= 30 * 1024 : null,
    },
    {
      name: 'tap→found p99 − interval vs 3 × emit+ack p99',
      target: '≤ 3×',
      measured: `${ms(r.latency.tapToFoundMinusInterval.p99)} vs 3 × ${ms(r.latency.emitAck.p99)} = ${ms(3 * r.latency.emitAck.p99)}`,
      met: r.latency.tapToFound.n > 0 ? r.latency.tapToFoundMinusInterval.p99 <= 3 * r.latency.emitAck.p99 : null,
    },
  ];
  if (kill) {
    const clean = !!inv('nobody')?.ok && !!inv('no acknowledged')?.ok && kill.unexplained === 0;
    out.push({ name: 'kill one instance: every phone has its exact state back', target: '≤ 10 s, 0 double matches, 0 lost', measured: `${ms(kill.recoveryMs)} (${kill.back}/${kill.affected} back, ${kill.unexplained} unexplained)`, met: kill.recoveryMs !== null && kill.recoveryMs <= 10_000 && clean });
  }
  if (redis) {
    const back = Math.max(Number(redis.figures.readyAfterRedisMs ?? Infinity), Number(redis.figures.firstAckAfterRedisMs ?? Infinity));
    out.push({ name: 'Redis restart: no crash, service back after Redis', target: '≤ 5 s', measured: `ready ${ms(Number(redis.figures.readyAfterRedisMs))}, first ack ${ms(Number(redis.figures.firstAckAfterRedisMs))}, crashed: ${redis.figures.crashed}`, met: redis.figures.crashed === 'none' && back <= 5_000 });
  }
  if (storm) {
    out.push({ name: 'reconnect storm: every phone has its state back', target: '≤ 15 s', measured: `${ms(storm.recoveryMs)} (${storm.back}/${storm.affected})`, met: storm.recoveryMs !== null && storm.recoveryMs <= 15_000 });
  }
  return out;
}
