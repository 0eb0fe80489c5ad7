/**
 * The checks every run ends with. Each is sound: it reports only what the bounds on when the
 * server read its store (see journal.ts) prove, never an artefact of message order or load.
 */
import type { Journal, Membership } from './journal';

export interface InvariantResult {
  name: string;
  ok: boolean;
  /** How many things were checked (matches, attendees, actions). */
  checked: number;
  violations: number;
  /** Up to five, for the report. */
  examples: string[];
  /** Things that could not be checked (e.g. a phone that never got through an overloaded server). */
  unverified?: number;
}

export interface InvariantContext {
  journal: Journal;
  /** Every attendee whose join was acknowledged. */
  joined: Set<string>;
  /** When the crowd stopped acting (local clock): matches seen later are not held to "everyone told". */
  stoppedAt: number;
  /** Largest group a match may grow to (server default). */
  maxGroupSize: number;
  /** Extra results, e.g. from the drills. */
  extra?: InvariantResult[];
}

class Finding {
  violations = 0;
  checked = 0;
  unverified = 0;
  readonly examples: string[] = [];
  constructor(readonly name: string) {}
  fail(example: string): void {
    this.violations++;
    if (this.examples.length < 5) this.examples.push(example);
  }
  result(): InvariantResult {
    const r: InvariantResult = { name: this.name, ok: this.violations === 0, checked: this.checked, violations: this.violations, examples: this.examples };
    if (this.unverified) r.unverified = this.unverified;
    return r;
  }
}

/**
 * X was in M1 at τa, in M2 at τb and in M1 again at τc, with τa < τb < τc proved by the bounds,
 * and no second `match:found` of M1 (a rejoin) after τb: X was in two matches at once.
 */
function twoAtOnce(c: InvariantContext): InvariantResult {
  const f = new Finding('nobody was in two matches at once');
  for (const a of c.journal.attendees.values()) {
    f.checked++;
    if (a.memberships.size < 2) continue;
    const all = [...a.memberships].map(([id, ms]) => ({ id, ms, maxLo: maxLo(ms) }));
    let found = false;
    for (const m2 of all) {
      for (let i = 0; i < m2.ms.bounded.length && !found; i += 2) {
        const lo = m2.ms.bounded[i]!;
        const hi = m2.ms.bounded[i + 1]!;
        for (const m1 of all) {
          if (m1.id === m2.id || !(m1.ms.firstHi < lo) || !(m1.maxLo > hi)) continue;
          if (m1.ms.founds.some((r) => r > lo)) continue; // rejoined M1 later: a new stay
          f.fail(`${a.id} in ${m1.id} before and after a read showing ${m2.id}`);
          found = true;
          break;
        }
      }
    }
  }
  return f.result();
}

function maxLo(ms: Membership): number {
  let best = -Infinity;
  for (let i = 0; i < ms.bounded.length; i += 2) best = Math.max(best, ms.bounded[i]!);
  return best;
}

/** Same beacon, spot, icebreaker and time on every phone; partners that agree; everyone told. */
function sameMatch(c: InvariantContext): InvariantResult {
  const f = new Finding('every phone of a match saw the same match');
  for (const m of c.journal.matches.values()) {
    f.checked++;
    for (const x of m.fingerprintMismatches) f.fail(`${m.id}: ${x}`);
    if (m.largest > c.maxGroupSize) f.fail(`${m.id} had ${m.largest} members`);
    for (const [viewer, seen] of m.observers) {
      for (const other of seen) {
        if (other === viewer) continue;
        if (!c.joined.has(other)) f.fail(`${viewer} saw unknown partner ${other} in ${m.id}`);
        const theirs = m.observers.get(other);
        if (m.largest <= 2 && theirs && !theirs.has(viewer)) f.fail(`${viewer} saw ${other} in ${m.id}, who did not see them`);
      }
    }
    for (const [member, at] of m.members) {
      if (m.observers.has(member) || at + 10_000 > c.stoppedAt) continue;
      if (c.journal.connectedThroughout(member, at - 30_000, at + 10_000)) {
        f.fail(`${member} was connected throughout but never told of ${m.id}`);
      }
    }
  }
  return f.result();
}

/** A pair one of them blocked is never matched again (a match created after the block's ack). */
function blockedNeverMatched(c: InvariantContext): InvariantResult {
  const f = new Finding('no blocked pair was matched again');
  for (const b of c.journal.blocks) {
    f.checked++;
    const mine = c.journal.attendee(b.by).memberships;
    const theirs = c.journal.attendee(b.blocked).memberships;
    for (const id of mine.keys()) {
      const m = c.journal.matches.get(id);
      if (id === b.matchId || !theirs.has(id) || !m || m.createdAt <= b.acked) continue;
      f.fail(`${b.by} blocked ${b.blocked} in ${b.matchId}, matched again in ${id}`);
    }
  }
  return f.result();
}

/** Acked joins, finds, "we met"s and leaves all stick. */
function nothingLost(c: InvariantContext): InvariantResult {
  const f = new Finding('no acknowledged action was lost');
  for (const id of c.joined) {
    f.checked++;
    const a = c.journal.attendee(id);
    if (a.refused > 0) f.fail(`${id}'s acked join: token refused ${a.refused} time(s)`);
    else if (a.online.length === 0) f.unverified++; // never got through (timeouts): not proof of a loss
    const reads = [...a.reads].sort((x, y) => x.lo - y.lo);
    const after = (t: number) => reads.find((r) => r.lo > t);
    for (const [sent, acked] of a.finds) {
      f.checked++;
      const r = after(acked);
      if (!r || r.status !== 'idle') continue;
      const cancelled = a.cancels.some((t) => t > sent && t <= r.hi);
      const matched = [...a.memberships.values()].some((ms) => ms.firstHi > sent);
      const ended = [...a.ended.values()].some((t) => t > sent);
      if (!cancelled && !matched && !ended) f.fail(`${id}'s find acked at ${acked} read back idle with no match in between`);
    }
    for (const [matchId, acked] of a.mets) {
      f.checked++;
      if (reads.some((r) => r.lo > acked && r.matchId === matchId && r.matchStatus === 'matched')) {
        f.fail(`${id}'s "we met" in ${matchId} read back as not met`);
      }
    }
    for (const [matchId, acked] of a.leaves) {
      f.checked++;
      const rejoined = a.memberships.get(matchId)?.founds.some((t) => t > acked);
      if (!rejoined && reads.some((r) => r.lo > acked && r.matchId === matchId)) f.fail(`${id}'s leave of ${matchId} read back still in it`);
    }
  }
  return f.result();
}

export function checkInvariants(c: InvariantContext): InvariantResult[] {
  return [twoAtOnce(c), sameMatch(c), blockedNeverMatched(c), nothingLost(c), ...(c.extra ?? [])];
}
