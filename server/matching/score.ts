import type { Crowd } from './crowd';
import { WEIGHTS } from './weights';

// Read once: transpiled CommonJS reads imported bindings through getters, which shows in the
// profile of these hot functions (called a few hundred thousand times at 5000 seekers).
const { base: BASE, bothSolo: BOTH_SOLO, sharedTopicsCap: TOPICS_CAP } = WEIGHTS;
const { complement: NEED, complementCap: NEEDS_CAP } = WEIGHTS;

/**
 * How rare an interest is among the event's current seekers, from 0 (everybody picked it) to 1
 * (only the two people being compared did). A normalised inverse document frequency:
 * ln((n+1)/df) / ln((n+1)/2), so the scale does not drift with the size of the crowd. With two
 * or fewer seekers there is nobody to compare with, and every shared interest counts as rare.
 */
export function rarity(seekers: number, pickedBy: number): number {
  if (seekers <= 2) return 1;
  const df = Math.max(pickedBy, 2);
  const r = Math.log((seekers + 1) / df) / Math.log((seekers + 1) / 2);
  return Math.min(1, Math.max(0, r));
}

/** The parts of a pair's score, for explanations and tests. */
export interface PairScoreParts {
  base: number;
  bothSolo: number;
  sharedInterests: number;
  complementaryNeeds: number;
  waiting: number;
  total: number;
}

/**
 * Sum of the weights of the ids that two sorted runs, a[a0..a1) and b[b0..b1), have in common.
 * With a null weight, counts them.
 */
function common(
  a: Int32Array,
  a0: number,
  a1: number,
  b: Int32Array,
  b0: number,
  b1: number,
  weight: Float64Array | null,
): number {
  let sum = 0;
  while (a0 < a1 && b0 < b1) {
    const x = a[a0]!;
    const y = b[b0]!;
    if (x === y) {
      sum += weight ? weight[x]! : 1;
      a0++;
      b0++;
    } else if (x < y) a0++;
    else b0++;
  }
  return sum;
}

/** Weight of the interests seekers i and j share (uncapped). */
function sharedWeight(c: Crowd, i: number, j: number): number {
  const L = c.interests;
  if ((L.mask[i]! & L.mask[j]!) === 0) return 0;
  if (c.narrow) {
    // The shared ids' bits, lowest first: the same ascending order as the merge, so the same sum.
    const w = c.topicWeight;
    let sum = 0;
    for (let bits = L.lo[i]! & L.lo[j]!; bits !== 0; bits &= bits - 1) sum += w[31 - Math.clz32(bits & -bits)]!;
    for (let bits = L.hi[i]! & L.hi[j]!; bits !== 0; bits &= bits - 1) sum += w[63 - Math.clz32(bits & -bits)]!;
    return sum;
  }
  return common(L.ids, L.at[i]!, L.at[i + 1]!, L.ids, L.at[j]!, L.at[j + 1]!, c.topicWeight);
}

/** How many of i's asks j offers, plus how many of j's asks i offers. */
function needsMet(c: Crowd, i: number, j: number): number {
  const O = c.offers;
  const A = c.asks;
  if (c.narrow) {
    return (
      bitCount(O.lo[i]! & A.lo[j]!) + bitCount(O.hi[i]! & A.hi[j]!) + bitCount(O.lo[j]! & A.lo[i]!) + bitCount(O.hi[j]! & A.hi[i]!)
    );
  }
  let count = 0;
  if ((O.mask[i]! & A.mask[j]!) !== 0) count += common(O.ids, O.at[i]!, O.at[i + 1]!, A.ids, A.at[j]!, A.at[j + 1]!, null);
  if ((O.mask[j]! & A.mask[i]!) !== 0) count += common(O.ids, O.at[j]!, O.at[j + 1]!, A.ids, A.at[i]!, A.at[i + 1]!, null);
  return count;
}

/** The number of bits set in a 32-bit integer. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** What i and j have going for them as people: everything but base and waiting. */
export function pairFit(c: Crowd, i: number, j: number): number {
  const solo = c.solo[i]! & c.solo[j]! ? BOTH_SOLO : 0;
  const shared = sharedWeight(c, i, j);
  const needs = needsMet(c, i, j) * NEED;
  return solo + (shared < TOPICS_CAP ? shared : TOPICS_CAP) + (needs < NEEDS_CAP ? needs : NEEDS_CAP);
}

/** The score of pairing seekers i and j (whether they may be paired is a separate question). */
export function pairScore(c: Crowd, i: number, j: number): number {
  return BASE + pairFit(c, i, j) + c.wait[i]! + c.wait[j]!;
}

/** The same score, part by part. */
export function pairScoreParts(c: Crowd, i: number, j: number): PairScoreParts {
  const bothSolo = c.solo[i]! & c.solo[j]! ? BOTH_SOLO : 0;
  const sharedInterests = Math.min(TOPICS_CAP, sharedWeight(c, i, j));
  const complementaryNeeds = Math.min(NEEDS_CAP, needsMet(c, i, j) * NEED);
  const waiting = c.wait[i]! + c.wait[j]!;
  return {
    base: BASE,
    bothSolo,
    sharedInterests,
    complementaryNeeds,
    waiting,
    total: BASE + bothSolo + sharedInterests + complementaryNeeds + waiting,
  };
}

/** Topic ids of a group's members, merged and sorted, for scoring a newcomer against the group. */
export interface GroupProfile {
  interests: Int32Array;
  offers: Int32Array;
  asks: Int32Array;
}

/**
 * A newcomer's fit with a group: shared interests with anyone in it and complementary needs
 * with anyone in it, weighted and capped exactly as for a pair. No base, solo or waiting part.
 */
export function groupFit(c: Crowd, i: number, g: GroupProfile): number {
  const { interests: I, offers: O, asks: A } = c;
  const shared = common(I.ids, I.at[i]!, I.at[i + 1]!, g.interests, 0, g.interests.length, c.topicWeight);
  const needs =
    common(O.ids, O.at[i]!, O.at[i + 1]!, g.asks, 0, g.asks.length, null) +
    common(g.offers, 0, g.offers.length, A.ids, A.at[i]!, A.at[i + 1]!, null);
  return Math.min(TOPICS_CAP, shared) + Math.min(NEEDS_CAP, needs * NEED);
}
