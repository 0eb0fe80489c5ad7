/**
 * The fault drills: kill an instance, restart Redis, a reconnect storm. Each measures how long
 * until every phone it knocked off has its state back, and checks that state: the same as just
 * before the drop, or changed only in a way something else explains (a tick matched them, a
 * partner left, an action of theirs in flight).
 */
import type { State } from '../../shared/schemas';
import type { Crowd } from './crowd';
import type { InvariantResult } from './invariants';
import type { Drop } from './link';
import { getText } from './loopback';
import type { OwnRedis, ServerHandle } from './servers';
import { now } from './stats';

export interface DrillResult {
  name: 'kill-instance' | 'restart-redis' | 'reconnect-storm';
  /** Seconds into the run. */
  atS: number;
  /** When it started (epoch ms). */
  atEpochMs: number;
  /** Phones knocked off. */
  affected: number;
  /** Of those, how many had their state back, and how long until the last did (ms). */
  back: number;
  recoveryMs: number | null;
  exact: number;
  explained: number;
  unexplained: number;
  examples: string[];
  /** Drill-specific figures. */
  figures: Record<string, number | string | null>;
}

const WAIT_MS = 60_000;
/** MATCH_TIMEOUT_MS of the servers the simulator starts (the server default). */
const MATCH_TIMEOUT_MS = 180_000;

/** Whether `next` follows from the state at the drop, given what else happened. */
export function explain(drop: Drop, next: State, crowd: Crowd, at: number): 'exact' | 'explained' | 'unexplained' {
  const status = next.status;
  const matchId = next.match?.id ?? null;
  const matchStatus = next.match?.status ?? null;
  if (status === drop.status && matchId === drop.matchId && matchStatus === drop.matchStatus) return 'exact';
  const sent = (e: string) => drop.inflight.includes(e);
  if (drop.status === 'looking' && matchId) return 'explained'; // a tick matched them
  if (drop.status === 'looking' && status === 'idle' && sent('match:cancel')) return 'explained';
  if (drop.status === 'idle' && status !== 'idle' && sent('match:find')) return 'explained';
  if (drop.matchId && matchId === drop.matchId && drop.matchStatus === 'matched' && matchStatus === 'chatting') return 'explained';
  if (drop.matchId && matchId !== drop.matchId) {
    const m = crowd.journal.matches.get(drop.matchId);
    if (m && (m.leaves.length > 0 || m.createdAt + MATCH_TIMEOUT_MS <= at)) return 'explained';
  }
  return 'unexplained';
}

/** Collects state-backs for one drill. */
class Recovery {
  back = 0;
  lastAt = 0;
  exact = 0;
  explained = 0;
  unexplained = 0;
  readonly examples: string[] = [];
  private resolveAll: () => void = () => {};
  readonly all = new Promise<void>((r) => (this.resolveAll = r));

  private readonly seen = new Set<string>();
  readonly affected: number;

  /** `ids`: the phones the drill knocks off. */
  constructor(
    readonly at: number,
    private readonly ids: Set<string>,
  ) {
    this.affected = ids.size;
  }

  onBack(drop: Drop, state: State, at: number, crowd: Crowd): void {
    if (drop.at < this.at || !this.ids.has(drop.id) || this.seen.has(drop.id)) return;
    this.seen.add(drop.id);
    this.back++;
    this.lastAt = Math.max(this.lastAt, at);
    const verdict = explain(drop, state, crowd, at);
    this[verdict]++;
    if (verdict === 'unexplained' && this.examples.length < 5) {
      this.examples.push(`${drop.status}/${drop.matchId ?? '-'}/${drop.matchStatus ?? '-'} -> ${state.status}/${state.match?.id ?? '-'}/${state.match?.status ?? '-'}`);
    }
    if (this.back >= this.affected) this.resolveAll();
  }

  async result(name: DrillResult['name'], startedAt: number, figures: DrillResult['figures'], crowd: Crowd): Promise<DrillResult> {
    if (this.affected > 0) await Promise.race([this.all, new Promise((r) => setTimeout(r, WAIT_MS))]);
    for (const id of this.ids) {
      if (this.seen.has(id) || this.examples.length >= 5) continue;
      const a = crowd.attendees.find((x) => x.id === id);
      this.examples.push(`${id} not back: ${a ? `phase ${a.phase}, ${a.url}` : 'unknown'}`);
    }
    return {
      name,
      atS: Math.round((this.at - startedAt) / 100) / 10,
      atEpochMs: this.at,
      affected: this.affected,
      back: this.back,
      recoveryMs: this.back >= this.affected ? Math.max(0, this.lastAt - this.at) : null,
      exact: this.exact,
      explained: this.explained,
      unexplained: this.unexplained,
      examples: this.examples,
      figures,
    };
  }
}

function listen(crowd: Crowd, r: Recovery): () => void {
  crowd.onStateBack = (drop, state, at) => r.onBack(drop, state, at, crowd);
  return () => (crowd.onStateBack = () => {});
}

/** SIGKILL one instance; its phones reconnect to the others. */
export async function killInstance(crowd: Crowd, victim: ServerHandle, startedAt: number): Promise<DrillResult> {
  const at = now();
  const ids = new Set(crowd.attendees.filter((a) => a.connected && a.url === victim.url).map((a) => a.id));
  const r = new Recovery(at, ids);
  const stop = listen(crowd, r);
  victim.killedOnPurpose = true;
  await victim.kill('SIGKILL');
  const result = await r.result('kill-instance', startedAt, { instance: victim.name }, crowd);
  stop();
  return result;
}

/** Fills in, once the run is over, how long after each drill the next match was formed. */
export function firstMatchesAfter(drills: DrillResult[], crowd: Crowd): void {
  for (const d of drills) {
    let next = Infinity;
    for (const m of crowd.journal.matches.values()) if (m.createdAt > d.atEpochMs && m.createdAt < next) next = m.createdAt;
    d.figures.firstMatchAfterMs = Number.isFinite(next) ? Math.round(next - d.atEpochMs) : null;
  }
}

/** Every connected phone drops and comes back within 2 s. */
export async function reconnectStorm(crowd: Crowd, startedAt: number): Promise<DrillResult> {
  const at = now();
  const online = crowd.attendees.filter((a) => a.connected);
  const r = new Recovery(at, new Set(online.map((a) => a.id)));
  const stop = listen(crowd, r);
  for (const a of online) a.stormDrop(crowd.random() * 2_000);
  const result = await r.result('reconnect-storm', startedAt, {}, crowd);
  stop();
  return result;
}

/** Polls `/readyz` until it answers 200; ms after `from`, or null after a minute. */
async function readyAfter(url: string, from: number): Promise<number | null> {
  while (now() - from < WAIT_MS) {
    const res = await getText(`${url}/readyz`, 1_000);
    if (res?.status === 200) return now() - from;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/**
 * Stops the simulator's own redis-server for `downMs`, starts it again (AOF, fsync always), and
 * measures how long until each instance is ready, the first action is acked, and every phone
 * that met UNAVAILABLE is served again (an ok ack, or its state on a reconnect).
 */
export async function restartRedis(crowd: Crowd, redis: OwnRedis, servers: ServerHandle[], downMs: number, startedAt: number): Promise<DrillResult> {
  const at = now();
  await redis.stop();
  const stopped = now();
  await new Promise((resolve) => setTimeout(resolve, downMs));
  const starting = now();
  await redis.start();
  const up = now();
  crowd.firstOk.clear();
  crowd.okSince = up;
  const ready = await Promise.all(servers.filter((s) => s.alive()).map((s) => readyAfter(s.url, up)));
  const hurt = () => crowd.attendees.filter((a) => a.lastUnavailable >= at);
  const deadline = up + WAIT_MS;
  // Each phone that met UNAVAILABLE asks again every 250 ms until it is served (an ok ack or a
  // state on connect), so the figure is the service's recovery, not the crowd's pace.
  const asking = new Set<string>();
  while (now() < deadline && hurt().some((a) => !crowd.firstOk.has(a.id))) {
    for (const a of hurt()) {
      if (crowd.firstOk.has(a.id) || asking.has(a.id) || !a.connected) continue;
      asking.add(a.id);
      void a.probe().finally(() => asking.delete(a.id));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  crowd.okSince = null;
  const affected = hurt();
  const oks = affected.flatMap((a) => crowd.firstOk.get(a.id) ?? []);
  const firstOk = Math.min(...crowd.firstOk.values());
  return {
    name: 'restart-redis',
    atS: Math.round((at - startedAt) / 100) / 10,
    atEpochMs: at,
    affected: affected.length,
    back: oks.length,
    recoveryMs: oks.length === affected.length && oks.length ? Math.round(Math.max(...oks) - up) : affected.length ? null : 0,
    exact: 0,
    explained: 0,
    unexplained: 0,
    examples: [],
    figures: {
      redisStopMs: Math.round(stopped - at),
      redisDownMs: Math.round(starting - stopped),
      redisStartMs: Math.round(up - starting),
      readyAfterRedisMs: ready.every((x) => x !== null) ? Math.round(Math.max(...(ready as number[]))) : null,
      firstAckAfterRedisMs: Number.isFinite(firstOk) ? Math.round(firstOk - up) : null,
      crashed: servers.filter((s) => !s.alive() && !s.killedOnPurpose).map((s) => s.name).join(', ') || 'none',
    },
  };
}

/** The drills' share of the invariant checks: nothing unexplained, everyone back, nobody crashed. */
export function drillInvariants(drills: DrillResult[], servers: ServerHandle[]): InvariantResult[] {
  const out: InvariantResult[] = [];
  if (drills.length) {
    const bad = drills.flatMap((d) => d.examples.map((e) => `${d.name}: ${e}`));
    const unexplained = drills.reduce((n, d) => n + d.unexplained, 0);
    const missing = drills.reduce((n, d) => n + Math.max(0, d.affected - d.back), 0);
    out.push({
      name: 'every phone a drill knocked off got its state back, as it was or as others changed it',
      ok: unexplained === 0 && missing === 0,
      checked: drills.reduce((n, d) => n + d.affected, 0),
      violations: unexplained + missing,
      examples: [...bad.slice(0, 4), ...(missing ? [`${missing} phone(s) not back within ${WAIT_MS / 1000} s`] : [])],
    });
  }
  const crashed = servers.filter((s) => !s.alive() && !s.killedOnPurpose);
  out.push({
    name: 'no server process crashed',
    ok: crashed.length === 0,
    checked: servers.length,
    violations: crashed.length,
    examples: crashed.map((s) => `${s.name}: ${s.tail().split('\n').slice(-3).join(' | ')}`),
  });
  return out;
}
