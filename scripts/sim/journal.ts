/**
 * What the crowd saw, kept for the invariant checks at the end of a run. Every observation of a
 * match is a claim "this attendee was in this active match at some moment τ". For a pushed event
 * (`state`, `match:found`) we know only τ ≤ receipt; for an ack or the state sent on connect
 * the server read the store after we sent, so τ lies in [sent, receipt]. Those bounds are what
 * make the checks sound whatever order messages arrive in.
 */
import type { Match, State } from '../../shared/schemas';

/** A bounded read: the server read the store at some time in [lo, hi] (local clock, ms). */
export interface Read {
  lo: number;
  hi: number;
}

/** One attendee's reads of their own state, from acks and connects. */
export interface StatusRead extends Read {
  status: State['status'];
  matchId: string | null;
  matchStatus: 'matched' | 'chatting' | null;
}

/** Everything seen of one attendee's membership in one match. */
export interface Membership {
  /** Earliest receipt of any observation showing them in it. */
  firstHi: number;
  /** Bounded observations, flattened [lo, hi, lo, hi, ...]. */
  bounded: number[];
  /** Receipts of `match:found` for this match on their own phone. */
  founds: number[];
}

export interface MatchSeen {
  id: string;
  createdAt: number;
  /** Beacon, spot, icebreaker and createdAt: what every phone of a match must agree on. */
  fingerprint: string;
  fingerprintMismatches: string[];
  firstSeen: number;
  /** What each observer saw of the members (themselves included). */
  observers: Map<string, Set<string>>;
  /** Members ever seen, and when someone first saw them in it. */
  members: Map<string, number>;
  /** Largest member count any phone saw. */
  largest: number;
  /** When a member sent `match:leave` or `attendee:block` while in it (for drill explanations). */
  leaves: number[];
}

export interface AttendeeSeen {
  id: string;
  memberships: Map<string, Membership>;
  reads: StatusRead[];
  /** Acked finds: [sent, acked]. */
  finds: Array<[number, number]>;
  cancels: number[];
  /** Acked "we met" per match: [matchId, acked]. */
  mets: Array<[string, number]>;
  /** Acked leaves per match: [matchId, acked]. */
  leaves: Array<[string, number]>;
  /** `match:ended` receipts. */
  ended: Map<string, number>;
  /** Connected intervals: [start, end], end Infinity while connected. */
  online: Array<[number, number]>;
  /** Refusals of the token (UNAUTHORIZED on connect). */
  refused: number;
  /** Had at least one conversation (saw themselves chatting). */
  conversed: boolean;
}

export interface BlockSeen {
  by: string;
  blocked: string;
  /** The match they were in together when the block was sent. */
  matchId: string;
  acked: number;
}

export class Journal {
  readonly matches = new Map<string, MatchSeen>();
  readonly attendees = new Map<string, AttendeeSeen>();
  readonly blocks: BlockSeen[] = [];

  attendee(id: string): AttendeeSeen {
    let a = this.attendees.get(id);
    if (!a) {
      a = {
        id,
        memberships: new Map(),
        reads: [],
        finds: [],
        cancels: [],
        mets: [],
        leaves: [],
        ended: new Map(),
        online: [],
        refused: 0,
        conversed: false,
      };
      this.attendees.set(id, a);
    }
    return a;
  }

  /** A match as `viewer` saw it, in a push (`lo` −Infinity), a found, an ack or a connect. */
  sawMatch(viewer: string, m: Match, lo: number, hi: number, found = false): void {
    const createdAt = Date.parse(m.createdAt);
    const fingerprint = `${m.beacon.color}|${m.beacon.emoji}|${m.spot ?? ''}|${m.icebreaker}|${createdAt}`;
    let seen = this.matches.get(m.id);
    if (!seen) {
      seen = {
        id: m.id,
        createdAt,
        fingerprint,
        fingerprintMismatches: [],
        firstSeen: hi,
        observers: new Map(),
        members: new Map(),
        largest: 0,
        leaves: [],
      };
      this.matches.set(m.id, seen);
    } else if (seen.fingerprint !== fingerprint && seen.fingerprintMismatches.length < 5) {
      seen.fingerprintMismatches.push(`${viewer} saw ${fingerprint}, first seen ${seen.fingerprint}`);
    }
    const ids = [viewer, ...m.partners.map((p) => p.id)];
    let mine = seen.observers.get(viewer);
    if (!mine) seen.observers.set(viewer, (mine = new Set()));
    seen.largest = Math.max(seen.largest, ids.length);
    for (const id of ids) {
      mine.add(id);
      if (!seen.members.has(id)) seen.members.set(id, hi);
      const a = this.attendee(id);
      let ms = a.memberships.get(m.id);
      if (!ms) a.memberships.set(m.id, (ms = { firstHi: hi, bounded: [], founds: [] }));
      ms.firstHi = Math.min(ms.firstHi, hi);
      if (Number.isFinite(lo)) ms.bounded.push(lo, hi);
      if (found && id === viewer) ms.founds.push(hi);
    }
  }

  /** A state as `viewer` got it; bounded when `lo` is finite (an ack, or the state on connect). */
  sawState(viewer: string, s: State, lo: number, hi: number): void {
    if (s.status === 'chatting') this.attendee(viewer).conversed = true;
    if (s.match) this.sawMatch(viewer, s.match, lo, hi);
    if (!Number.isFinite(lo)) return;
    this.attendee(viewer).reads.push({
      lo,
      hi,
      status: s.status,
      matchId: s.match?.id ?? null,
      matchStatus: s.match?.status ?? null,
    });
  }

  /** A member is leaving (or blocking in) this match: partners may lose it legitimately. */
  leaving(matchId: string, at: number): void {
    this.matches.get(matchId)?.leaves.push(at);
  }

  online(id: string, at: number): void {
    const a = this.attendee(id);
    const last = a.online.at(-1);
    if (!last || last[1] !== Infinity) a.online.push([at, Infinity]);
  }

  offline(id: string, at: number): void {
    const last = this.attendee(id).online.at(-1);
    if (last && last[1] === Infinity) last[1] = at;
  }

  /** Whether `id` was connected for the whole of [from, to]. */
  connectedThroughout(id: string, from: number, to: number): boolean {
    return this.attendee(id).online.some(([s, e]) => s <= from && e >= to);
  }
}
