import type { Crowd } from './crowd';
import { pairScore } from './score';
import { CANDIDATES, WEIGHTS, type MatchBudget } from './weights';

// Read once (see score.ts): these are used in the innermost loops.
const { random: RANDOM_PICKS } = CANDIDATES;
const { bothSolo: BOTH_SOLO, sharedTopicsCap: TOPICS_CAP, complement: NEED, complementCap: NEEDS_CAP } = WEIGHTS;

/**
 * The candidate graph: for each seeker, the few people worth considering, found through the
 * interest, needs and solo indexes instead of by comparing everyone with everyone (which is
 * 12.5 million pairs at 5000 seekers). Only fresh pairs (allowed, not met before) are edges.
 */
export interface CandidateGraph {
  /** Neighbours of each seeker, and the pair score of each of those edges. */
  adj: number[][];
  adjWeight: number[][];
  /** Every edge once, i < j. */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeWeight: Float64Array;
}

/** A best-first list of at most `size` (score, seeker) entries. */
class TopList {
  readonly who: Int32Array;
  readonly score: Float64Array;
  length = 0;
  constructor(readonly size: number) {
    this.who = new Int32Array(size);
    this.score = new Float64Array(size);
  }
  /** Whether a seeker with score s would make the list. */
  wants(s: number): boolean {
    return this.length < this.size || s > this.score[this.size - 1]!;
  }
  offer(j: number, s: number): void {
    if (this.size === 0 || !this.wants(s)) return;
    let p = this.length < this.size ? this.length++ : this.size - 1;
    while (p > 0 && this.score[p - 1]! < s) {
      this.score[p] = this.score[p - 1]!;
      this.who[p] = this.who[p - 1]!;
      p--;
    }
    this.score[p] = s;
    this.who[p] = j;
  }
}

/**
 * Builds the candidate graph over the seekers with `inPool[i] === 1`. Each seeker lists their
 * best candidates among everyone who shares an interest, meets a need, is in the same solo
 * class (on their own, or not), or is one of a few seeded random picks.
 *
 * - Half of each list is chosen by fit less what the candidate could have elsewhere (see
 *   below), so that less popular people still find each other.
 * - Long lists are read through a window of `budget.postingCap` people, the same seeded stretch
 *   of every list (see `read`): reading popular interests in full makes the build quadratic.
 */
export function buildCandidates(c: Crowd, inPool: Uint8Array, budget: MatchBudget): CandidateGraph {
  const { n, solo, topicWeight, interestPostings, offerPostings, askPostings } = c;
  const K = budget.perSeeker;
  const stamp = new Int32Array(n).fill(-1);
  const interestSum = new Float64Array(n);
  const needCount = new Int32Array(n);
  const touched = new Int32Array(n);
  // Pass 1 keeps every seeker's touched candidates and their fit, flat.
  let seen = new Int32Array(n * 24);
  let seenFit = new Float64Array(n * 24);
  const seenAt = new Int32Array(n + 1);
  let used = 0;
  const bestFit = new Float64Array(n);
  let count = 0;
  let i = 0;

  // Reads a window of at most `cap` entries of one list. Lists are sorted by seeker, and every
  // window of one seeker starts at the same seeded pivot, so the windows line up: someone who
  // shares three popular interests with the seeker is in all three windows, not in one.
  let pivot = 0;
  const read = (list: number[], weight: number, need: number, cap: number): void => {
    const L = list.length;
    const start = L <= cap ? 0 : lowerBound(list, pivot) % L;
    const end = L <= cap ? L : cap;
    for (let k = 0; k < end; k++) {
      let at = start + k;
      if (at >= L) at -= L;
      const j = list[at]!;
      if (stamp[j] !== i) {
        stamp[j] = i;
        interestSum[j] = weight;
        needCount[j] = need;
        touched[count++] = j;
      } else {
        interestSum[j]! += weight;
        needCount[j]! += need;
      }
    }
  };

  for (i = 0; i < n; i++) {
    seenAt[i] = used;
    if (!inPool[i]) continue;
    count = 0;
    pivot = Math.floor(c.random() * n);
    const { interests: I, asks: A, offers: O } = c;
    for (let r = I.at[i]!; r < I.at[i + 1]!; r++) read(interestPostings[I.ids[r]!]!, topicWeight[I.ids[r]!]!, 0, budget.postingCap);
    for (let r = A.at[i]!; r < A.at[i + 1]!; r++) read(offerPostings[A.ids[r]!]!, 0, 1, budget.postingCap);
    for (let r = O.at[i]!; r < O.at[i + 1]!; r++) read(askPostings[O.ids[r]!]!, 0, 1, budget.postingCap);
    read(solo[i] ? c.soloSeekers : c.otherSeekers, 0, 0, budget.classWindow);
    const picks = Math.max(RANDOM_PICKS, K - count);
    for (let k = 0; k < picks && n > 1; k++) {
      const j = Math.floor(c.random() * n);
      if (stamp[j] === i) continue;
      stamp[j] = i;
      interestSum[j] = 0;
      needCount[j] = 0;
      touched[count++] = j;
    }
    if (used + count > seen.length) {
      const grown = new Int32Array(Math.max(seen.length * 2, used + count));
      grown.set(seen);
      seen = grown;
      const grownFit = new Float64Array(grown.length);
      grownFit.set(seenFit);
      seenFit = grownFit;
    }
    // Fit (approximate where a list was sampled). Not waiting: that would make the longest
    // waiters everyone's candidates and leave the newest nobody's.
    const soloI = solo[i]!;
    let best = 0;
    for (let k = 0; k < count; k++) {
      const j = touched[k]!;
      if (j === i || !inPool[j]) continue;
      const topics = interestSum[j]!;
      const needs = needCount[j]! * NEED;
      const fit =
        (soloI & solo[j]! ? BOTH_SOLO : 0) + (topics < TOPICS_CAP ? topics : TOPICS_CAP) + (needs < NEEDS_CAP ? needs : NEEDS_CAP);
      seen[used] = j;
      seenFit[used++] = fit;
      if (fit > best) best = fit;
    }
    bestFit[i] = best;
  }
  seenAt[n] = used;

  // Pass 2 picks each seeker's list: the best by fit, and the best by fit less half of what
  // the candidate could have elsewhere. The second half finds people nobody else is after:
  // a list of only the most popular candidates leaves the less popular with no one to pair
  // with, and the best plan often pairs them with each other. Only fresh pairs are edges.
  const byFit = new TopList(K - (K >> 1));
  const byReduced = new TopList(K >> 1);
  const linked = new Int32Array(n).fill(-1);
  const barred = new Int32Array(n).fill(-1);
  const adj: number[][] = Array.from({ length: n }, () => []);
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  for (i = 0; i < n; i++) {
    if (!inPool[i]) continue;
    byFit.length = 0;
    byReduced.length = 0;
    c.never[i]?.forEach((j) => (barred[j] = i));
    c.met[i]?.forEach((j) => (barred[j] = i));
    for (let k = seenAt[i]!; k < seenAt[i + 1]!; k++) {
      const j = seen[k]!;
      if (barred[j] === i) continue;
      const fit = seenFit[k]!;
      const reduced = fit - 0.5 * bestFit[j]!;
      if (!byFit.wants(fit) && !byReduced.wants(reduced)) continue;
      byFit.offer(j, fit);
      byReduced.offer(j, reduced);
    }
    // Edges added by seekers before i are already in adj[i]; do not add them twice.
    const mine = adj[i]!;
    for (let k = 0; k < mine.length; k++) linked[mine[k]!] = i;
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? byFit : byReduced;
      for (let k = 0; k < list.length; k++) {
        const j = list.who[k]!;
        if (linked[j] === i) continue;
        linked[j] = i;
        mine.push(j);
        adj[j]!.push(i);
        edgeA.push(Math.min(i, j));
        edgeB.push(Math.max(i, j));
      }
    }
  }

  // Score every edge exactly, and list each seeker's candidates best first, so that searches
  // which look at only the first few look at the best few.
  const m = edgeA.length;
  const edgeWeight = new Float64Array(m);
  const adjWeight: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) adj[v]!.length = 0;
  for (let e = 0; e < m; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    const w = pairScore(c, a, b);
    edgeWeight[e] = w;
    insertBestFirst(adj[a]!, adjWeight[a]!, b, w);
    insertBestFirst(adj[b]!, adjWeight[b]!, a, w);
  }
  return { adj, adjWeight, edgeA: Int32Array.from(edgeA), edgeB: Int32Array.from(edgeB), edgeWeight };
}

/** Inserts (j, w) into parallel lists kept heaviest first (ties: smaller index first). */
function insertBestFirst(who: number[], weight: number[], j: number, w: number): void {
  let p = who.length;
  who.push(j);
  weight.push(w);
  while (p > 0 && (weight[p - 1]! < w || (weight[p - 1] === w && who[p - 1]! > j))) {
    who[p] = who[p - 1]!;
    weight[p] = weight[p - 1]!;
    p--;
  }
  who[p] = j;
  weight[p] = w;
}

/** The first position in a sorted list whose value is at least x (the length if none). */
function lowerBound(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
