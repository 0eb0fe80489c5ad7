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
import type { ServerHandle } from './servers';
import { now, summarise } from './stats';

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

/** How long a drill waits for every phone to be back. */
export const WAIT_MS = 60_000;
/** MATCH_TIMEOUT_MS of the servers the simulator starts (the server default). */
const MATCH_TIMEOUT_MS = 180_000;

type Verdict = 'exact' | 'explained' | 'unexplained';

/**
 * Whether `next` follows from the state the phone held at the drop, or from the last state it
 * read in an ack (a pushed state may be older than an ack that overtook it).
 */
export function explain(drop: Drop, next: State, crowd: Crowd, at: number): Verdict {
  const held = explainFrom(drop, drop, next, crowd, at);
  if (held !== 'unexplained' || !drop.read) return held;
  return explainFrom({ ...drop.read }, drop, next, crowd, at);
}

function explainFrom(from: NonNullable<Drop['read']>, drop: Drop, next: State, crowd: Crowd, at: number): Verdict {
  const status = next.status;
  const matchId = next.match?.id ?? null;
  const matchStatus = next.match?.status ?? null;
  if (status === from.status && matchId === from.matchId && matchStatus === from.matchStatus) return 'exact';
  const sent = (e: string) => drop.inflight.includes(e);
  if (from.status === 'looking' && matchId) return 'explained'; // a tick matched them
  if (from.status === 'looking' && status === 'idle' && sent('match:cancel')) return 'explained';
  if (from.status === 'idle' && status !== 'idle' && sent('match:find')) return 'explained';
  if (from.matchId && matchId === from.matchId && from.matchStatus === 'matched' && matchStatus === 'chatting') return 'explained';
  if (from.matchId && matchId !== from.matchId) {
    const m = crowd.journal.matches.get(from.matchId);
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
  affected: number;

  /** `ids`: the phones the drill knocks off. */
  constructor(
    readonly at: number,
    private readonly ids: Set<string>,
  ) {
    this.affected = ids.size;
  }

  /** Phones that locked before the drill reached them: back, but with no drop to compare. */
  locked = 0;
  /** Each phone's time from the drill to its state back. */
  private readonly delays: number[] = [];

  onBack(id: string, drop: Drop | null, state: State, at: number, crowd: Crowd): void {
    if (at < this.at || !this.ids.has(id) || this.seen.has(id)) return;
    this.seen.add(id);
    this.back++;
    this.delays.push(at - this.at);
    this.lastAt = Math.max(this.lastAt, at);
    if (this.back >= this.affected) this.resolveAll();
    if (!drop || drop.at < this.at) {
      this.locked++;
      return;
    }
    const verdict = explain(drop, state, crowd, at);
    this[verdict]++;
    if (verdict === 'unexplained' && this.examples.length < 5) {
      this.examples.push(`${drop.status}/${drop.matchId ?? '-'}/${drop.matchStatus ?? '-'} -> ${state.status}/${state.match?.id ?? '-'}/${state.match?.status ?? '-'}`);
    }
  }

  async result(name: DrillResult['name'], startedAt: number, figures: DrillResult['figures'], crowd: Crowd): Promise<DrillResult> {
    // A phone its owner locked before it was back is waiting on its owner, not on the service:
    // stop waiting once only such phones are left, and leave them out of the count.
    const unseen = () => [...this.ids].filter((id) => !this.seen.has(id));
    const deadline = now() + WAIT_MS;
    while (this.back < this.affected && now() < deadline && !unseen().every((id) => lockedByOwner(crowd, id))) {
      await Promise.race([this.all, new Promise((r) => setTimeout(r, 250))]);
    }
    const locked = unseen().filter((id) => lockedByOwner(crowd, id));
    this.affected -= locked.length;
    for (const id of locked) this.ids.delete(id);
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
      figures: {
        ...figures,
        ...backTimes(this.delays),
        ...(this.locked ? { lockedBeforeDrop: this.locked } : {}),
        ...(locked.length ? { lockedByOwnerNotBack: locked.length } : {}),
      },
    };
  }
}

/** Whether a phone is offline because its owner locked it (it comes back when they unlock it). */
export function lockedByOwner(crowd: Crowd, id: string): boolean {
  return crowd.attendee(id)?.phase === 'offline';
}

/** Percentiles of the phones' times to their state back, for the report. */
export function backTimes(ms: number[]): Record<string, number> {
  const s = summarise(ms);
  return s.n ? { backP50Ms: Math.round(s.p50), backP95Ms: Math.round(s.p95), backP99Ms: Math.round(s.p99) } : {};
}

function listen(crowd: Crowd, r: Recovery): () => void {
  crowd.onStateBack = (id, drop, state, at) => r.onBack(id, drop, state, at, crowd);
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
