import { holds, type Crowd, type Lists } from './crowd';
import { groupFit, type GroupProfile } from './score';
import type { ActiveGroup, MatchHistory, MatchOptions } from './types';
import { GROUP_RULES, WEIGHTS } from './weights';
import { joinKind } from './joinable';

const { sharedTopicsCap: TOPICS_CAP, complement: NEED, complementCap: NEEDS_CAP } = WEIGHTS;
// Read once (see score.ts): checked for every seeker touched by every open circle.
const { strongCircleFit: STRONG_FIT, strongCircleMargin: STRONG_MARGIN } = GROUP_RULES;

/**
 * An active match that may take newcomers this tick.
 *
 * - `circle`: status chatting, tapped "Open to one more", smaller than `maxGroupSize`. Takes
 *   newcomers up to `maxGroupSize`.
 * - `trio`: any other match formed within `recentMatchMs`, still matched or chatting, with
 *   fewer than three people. Takes one leftover who has waited `trioAfterMs`.
 */
export interface Joinable {
  group: ActiveGroup;
  kind: 'circle' | 'trio';
  /** How many more people it may take this tick. */
  room: number;
  profile: GroupProfile;
  /** Seekers (indices) who may never join it: members, or blocked or on cooldown with one. */
  never: Set<number> | null;
  /** Seekers who met one of its members earlier in the event. */
  met: Set<number> | null;
  /** Seekers (indices) planned to join it this tick: a later joiner must get on with them too. */
  joiners: number[];
}

/** The event's active matches that could take someone, with their members' topics indexed. */
export function joinableGroups(
  c: Crowd,
  active: ActiveGroup[],
  history: MatchHistory,
  options: MatchOptions,
): Joinable[] {
  const out: Joinable[] = [];
  const byMember = new Map<string, Joinable[]>();
  // buildCrowd gave every member topic an id, under its topicKey.
  // Sorted insertion without repeats, into one working array: a group picked a few dozen topics
  // at most. (An emptied JS array frees its storage, and growing it again allocates each time.)
  let picked = new Int32Array(64);
  const ids = (members: ActiveGroup['members'], field: 'interests' | 'offers' | 'asks'): Int32Array => {
    let total = 0;
    for (const m of members) total += m[field].length;
    if (picked.length < total) picked = new Int32Array(2 * total);
    let len = 0;
    for (const m of members) {
      for (const t of m[field]) {
        const id = c.topicId(t);
        let p = len;
        while (p > 0 && picked[p - 1]! > id) p--;
        if (p > 0 && picked[p - 1] === id) continue;
        for (let q = len; q > p; q--) picked[q] = picked[q - 1]!;
        picked[p] = id;
        len++;
      }
    }
    return picked.slice(0, len);
  };
  // By id, not as given (a Redis set has no order): ties between groups go the same way every time.
  const byId = [...active].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const group of byId) {
    const fit = joinKind({ open: group.open, status: group.status, size: group.members.length, createdAt: group.createdAt, arriving: group.arriving }, options);
    if (!fit) continue;
    const { kind, room } = fit;
    const profile = {
      interests: ids(group.members, 'interests'),
      offers: ids(group.members, 'offers'),
      asks: ids(group.members, 'asks'),
    };
    const target: Joinable = { group, kind, room, profile, never: null, met: null, joiners: [] };
    out.push(target);
    for (const m of group.members) {
      const seeker = c.indexOf.get(m.id);
      if (seeker !== undefined) (target.never ??= new Set()).add(seeker);
      const list = byMember.get(m.id);
      if (list) list.push(target);
      else byMember.set(m.id, [target]);
    }
  }
  // One pass over the history, keeping the pairs of a member and a seeker.
  const noteOne = (member: string, other: string, field: 'never' | 'met'): void => {
    const targets = byMember.get(member);
    const seeker = targets && c.indexOf.get(other);
    if (seeker === undefined || !targets) return;
    for (const t of targets) (t[field] ??= new Set()).add(seeker);
  };
  const note = (pairs: Array<[string, string]>, field: 'never' | 'met'): void => {
    if (byMember.size === 0) return;
    for (const [a, b] of pairs) {
      noteOne(a, b, field);
      noteOne(b, a, field);
    }
  };
  note(history.blocked, 'never');
  note(history.cooldown, 'never');
  note(history.met, 'met');
  return out;
}

/**
 * How seeker i stands with a group: 'never' (blocked, on cooldown, or a member), 'met' or
 * 'fresh', with its members and with everyone already planned to join it this tick.
 */
export function standing(c: Crowd, i: number, target: Joinable): 'never' | 'met' | 'fresh' {
  if (target.never?.has(i)) return 'never';
  let met = target.met?.has(i) === true;
  for (const j of target.joiners) {
    if (holds(c.never, i, j)) return 'never';
    if (holds(c.met, i, j)) met = true;
  }
  return met ? 'met' : 'fresh';
}

/** Plans seeker i into a group: it has one place less, and i is among its joiners. */
function take(target: Joinable, i: number): void {
  target.room--;
  target.joiners.push(i);
}

/** A planned join, by seeker index. */
export interface PlannedJoin {
  seeker: number;
  target: Joinable;
  fit: number;
  met: boolean;
}

/**
 * Strong circle fits, decided before pairing: seeker i goes to an open circle instead of being
 * paired when the circle's fit is at least `strongCircleFit` and beats `bestPairFit(i)` (their
 * best pair on offer) by `strongCircleMargin`. Best fits are placed first, while room lasts.
 * Candidates are found through the topic indexes, so only seekers who share something with a
 * circle are ever scored against it.
 */
export function strongCircleJoins(
  c: Crowd,
  circles: Joinable[],
  bestPairFit: (i: number) => number,
  scan: number,
): PlannedJoin[] {
  const offers: PlannedJoin[] = [];
  const stamp = new Int32Array(c.n).fill(-1);
  const topics = new Float64Array(c.n);
  const needs = new Int32Array(c.n);
  // Who circle `gi` touched: a typed array and a count, not a list emptied per circle (V8 frees an
  // emptied array's storage, and growing it again allocated about 3 MB a tick at 5000 seekers).
  const touched = new Int32Array(c.n);
  let count = 0;
  let gi = -1;
  // Adds up what each seeker shares with circle `gi` through one index: at most `scan` of each
  // list, from a seeded start.
  const read = (lists: Lists, ids: Int32Array, weighted: boolean): void => {
    for (let r = 0; r < ids.length; r++) {
      const t = ids[r]!;
      const from = t + 1 < lists.at.length ? lists.at[t]! : 0;
      const L = t + 1 < lists.at.length ? lists.at[t + 1]! - from : 0;
      let at = L > scan ? Math.floor(c.random() * L) : 0;
      const weight = weighted ? c.topicWeight[t]! : 0;
      for (let k = 0, end = Math.min(L, scan); k < end; k++, at++) {
        if (at === L) at = 0;
        const i = lists.ids[from + at]!;
        if (stamp[i] !== gi) {
          stamp[i] = gi;
          topics[i] = 0;
          needs[i] = 0;
          touched[count++] = i;
        }
        if (weighted) topics[i]! += weight;
        else needs[i]!++;
      }
    }
  };
  for (const target of circles) {
    gi++;
    if (target.kind !== 'circle' || target.room <= 0) continue;
    // Then score exactly only those who could reach a strong fit.
    count = 0;
    read(c.interestPostings, target.profile.interests, true);
    read(c.askPostings, target.profile.offers, false);
    read(c.offerPostings, target.profile.asks, false);
    for (let k = 0; k < count; k++) {
      const i = touched[k]!;
      const rough = Math.min(TOPICS_CAP, topics[i]!) + Math.min(NEEDS_CAP, needs[i]! * NEED);
      if (rough < STRONG_FIT) continue;
      const best = bestPairFit(i) + STRONG_MARGIN;
      if (rough < best) continue;
      const fit = groupFit(c, i, target.profile);
      if (fit < STRONG_FIT || fit < best) continue;
      if (standing(c, i, target) !== 'fresh') continue;
      offers.push({ seeker: i, target, fit, met: false });
    }
  }
  offers.sort((x, y) => y.fit - x.fit || c.wait[y.seeker]! - c.wait[x.seeker]! || x.seeker - y.seeker);
  return place(c, offers);
}

/**
 * Joins for seekers who would otherwise keep waiting. The longest waiting choose first, each
 * taking the best-fitting group that still has room and that `eligible` allows.
 */
export function leftoverJoins(
  c: Crowd,
  leftovers: number[],
  targets: Joinable[],
  eligible: (i: number, target: Joinable) => boolean,
  allowMet: boolean,
): PlannedJoin[] {
  const order = [...leftovers].sort((x, y) => c.wait[y]! - c.wait[x]! || x - y);
  const planned: PlannedJoin[] = [];
  for (const i of order) {
    let best: PlannedJoin | null = null;
    for (const target of targets) {
      if (target.room <= 0 || !eligible(i, target)) continue;
      const s = standing(c, i, target);
      if (s === 'never' || (s === 'met' && !allowMet)) continue;
      const fit = groupFit(c, i, target.profile);
      if (!best || fit > best.fit) best = { seeker: i, target, fit, met: s === 'met' };
    }
    if (best) {
      take(best.target, i);
      planned.push(best);
    }
  }
  return planned;
}

/** Takes offers in order, one join per seeker, while the target has room and they all still fit. */
function place(c: Crowd, offers: PlannedJoin[]): PlannedJoin[] {
  const placed = new Set<number>();
  const out: PlannedJoin[] = [];
  for (const o of offers) {
    if (placed.has(o.seeker) || o.target.room <= 0 || standing(c, o.seeker, o.target) !== 'fresh') continue;
    placed.add(o.seeker);
    take(o.target, o.seeker);
    out.push(o);
  }
  return out;
}
