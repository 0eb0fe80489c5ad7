import type { Crowd } from './crowd';
import { scoredGraph, type CandidateGraph } from './graph';
import { scratchFloats, scratchInts } from './scratch';
import { CANDIDATES, WEIGHTS, type MatchBudget } from './weights';

// Read once (see score.ts): these are used in the innermost loops.
const { random: RANDOM_PICKS } = CANDIDATES;
const { bothSolo: BOTH_SOLO, sharedTopicsCap: TOPICS_CAP, complement: NEED, complementCap: NEEDS_CAP } = WEIGHTS;

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
  const seen = touchAll(c, inPool, budget);
  const chosen = scratchInts('cand.chosen', c.n * budget.perSeeker);
  const chosenLen = scratchInts('cand.chosenLen', c.n).fill(0, 0, c.n);
  choose(c, inPool, budget.perSeeker, seen, chosen, chosenLen);
  return scoredGraph(c, chosen, chosenLen, budget.perSeeker);
}

/** Pass 1's result: everyone each seeker touched (flat, see `Lists`) with their fit, and each seeker's best fit. */
interface Touched {
  ids: Int32Array;
  fit: Float64Array;
  at: Int32Array;
  bestFit: Float64Array;
}

/**
 * Pass 1: each seeker's reads of the indexes (windows of `postingCap`), a few seeded random
 * picks, and the fit of everyone touched (approximate where a list was sampled).
 */
function touchAll(c: Crowd, inPool: Uint8Array, budget: MatchBudget): Touched {
  const { n, solo, topicWeight, interestPostings, offerPostings, askPostings } = c;
  const K = budget.perSeeker;
  const stamp = scratchInts('cand.stamp', n).fill(-1, 0, n);
  const acc: Tally = {
    stamp,
    interestSum: scratchFloats('cand.interestSum', n),
    needCount: scratchInts('cand.needCount', n),
    touched: scratchInts('cand.touched', n),
  };
  const { interestSum, needCount, touched } = acc;
  const room = touchBound(c, budget);
  const seen = scratchInts('cand.seen', room);
  const seenFit = scratchFloats('cand.seenFit', room);
  const seenAt = scratchInts('cand.seenAt', n + 1);
  const bestFit = scratchFloats('cand.bestFit', n);
  const { interests: I, asks: A, offers: O } = c;
  const cap = budget.postingCap;
  let used = 0;
  for (let i = 0; i < n; i++) {
    seenAt[i] = used;
    if (!inPool[i]) continue;
    let count = 0;
    const pivot = Math.floor(c.random() * n);
    for (let r = I.at[i]!; r < I.at[i + 1]!; r++) {
      const t = I.ids[r]!;
      count = read(acc, i, count, pivot, interestPostings.ids, interestPostings.at[t]!, interestPostings.at[t + 1]!, topicWeight[t]!, 0, cap);
    }
    for (let r = A.at[i]!; r < A.at[i + 1]!; r++) {
      const t = A.ids[r]!;
      count = read(acc, i, count, pivot, offerPostings.ids, offerPostings.at[t]!, offerPostings.at[t + 1]!, 0, 1, cap);
    }
    for (let r = O.at[i]!; r < O.at[i + 1]!; r++) {
      const t = O.ids[r]!;
      count = read(acc, i, count, pivot, askPostings.ids, askPostings.at[t]!, askPostings.at[t + 1]!, 0, 1, cap);
    }
    const own = solo[i] ? c.soloSeekers : c.otherSeekers;
    count = read(acc, i, count, pivot, own, 0, own.length, 0, 0, budget.classWindow);
    const picks = Math.max(RANDOM_PICKS, K - count);
    for (let k = 0; k < picks && n > 1; k++) {
      const j = Math.floor(c.random() * n);
      if (stamp[j] === i) continue;
      stamp[j] = i;
      interestSum[j] = 0;
      needCount[j] = 0;
      touched[count++] = j;
    }
    // Not waiting: that would make the longest waiters everyone's candidates and leave the
    // newest nobody's.
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
  return { ids: seen, fit: seenFit, at: seenAt, bestFit };
}

/**
 * Pass 2 picks each seeker's list: the best by fit, and the best by fit less half of what
 * the candidate could have elsewhere. The second half finds people nobody else is after:
 * a list of only the most popular candidates leaves the less popular with no one to pair
 * with, and the best plan often pairs them with each other. Only fresh pairs are kept.
 * Writes seeker i's choices to chosen[i * K ..] and their number to chosenLen[i].
 */
function choose(c: Crowd, inPool: Uint8Array, K: number, seen: Touched, chosen: Int32Array, chosenLen: Int32Array): void {
  const { n, never, met } = c;
  const { ids, fit: fits, at, bestFit } = seen;
  const byFit = new TopList(K - (K >> 1));
  const byReduced = new TopList(K >> 1);
  const barred = scratchInts('cand.barred', n).fill(-1, 0, n);
  for (let i = 0; i < n; i++) {
    if (!inPool[i]) continue;
    byFit.length = 0;
    byReduced.length = 0;
    for (let k = never.at[i]!; k < never.at[i + 1]!; k++) barred[never.ids[k]!] = i;
    for (let k = met.at[i]!; k < met.at[i + 1]!; k++) barred[met.ids[k]!] = i;
    for (let k = at[i]!; k < at[i + 1]!; k++) {
      const j = ids[k]!;
      if (barred[j] === i) continue;
      const fit = fits[k]!;
      const reduced = fit - 0.5 * bestFit[j]!;
      if (!byFit.wants(fit) && !byReduced.wants(reduced)) continue;
      byFit.offer(j, fit);
      byReduced.offer(j, reduced);
    }
    let len = 0;
    for (let k = 0; k < byFit.length; k++) chosen[i * K + len++] = byFit.who[k]!;
    for (let k = 0; k < byReduced.length; k++) {
      const j = byReduced.who[k]!;
      let dup = false;
      for (let q = 0; q < byFit.length; q++) if (byFit.who[q] === j) dup = true;
      if (!dup) chosen[i * K + len++] = j;
    }
    chosenLen[i] = len;
  }
}

/** Pass 1's running tally for one seeker: who was touched, and what they share with them. */
interface Tally {
  stamp: Int32Array;
  interestSum: Float64Array;
  needCount: Int32Array;
  touched: Int32Array;
}

/**
 * Reads a window of at most `cap` entries of one list (list[from..to)) into seeker i's tally,
 * and returns the new count of people touched. Lists are sorted by seeker, and every window
 * of one seeker starts at the same seeded pivot, so the windows line up: someone who shares
 * three popular interests with the seeker is in all three windows, not in one.
 */
function read(
  acc: Tally,
  i: number,
  count: number,
  pivot: number,
  list: Int32Array,
  from: number,
  to: number,
  weight: number,
  need: number,
  cap: number,
): number {
  const { stamp, interestSum, needCount, touched } = acc;
  const L = to - from;
  const start = L <= cap ? 0 : lowerBound(list, from, to, pivot) % L;
  const end = L <= cap ? L : cap;
  for (let k = 0; k < end; k++) {
    let at = start + k;
    if (at >= L) at -= L;
    const j = list[from + at]!;
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
  return count;
}

/** At most how many people pass 1 can touch, all seekers together (see `read`). */
function touchBound(c: Crowd, budget: MatchBudget): number {
  const { interests: I, offers: O, asks: A, n } = c;
  const extra = budget.classWindow + Math.max(RANDOM_PICKS, budget.perSeeker);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const lists = I.at[i + 1]! - I.at[i]! + O.at[i + 1]! - O.at[i]! + A.at[i + 1]! - A.at[i]!;
    total += Math.min(n, lists * budget.postingCap + extra);
  }
  return total;
}

/** The first position in list[from..to), sorted, whose value is at least x, less `from`. */
function lowerBound(list: Int32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}
