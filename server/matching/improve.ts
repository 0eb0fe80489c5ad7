import { augmentFromAlone } from './augment';
import type { CandidateGraph } from './graph';
import type { Crowd } from './crowd';
import { cancelCycles } from './cycles';
import { repairAround } from './repair';
import type { PairRule } from './pairing';
import { pairScore } from './score';
import type { Search } from './search';
import { regroupSolos } from './solos';
import { WEIGHTS, type MatchBudget } from './weights';

// Read once (see score.ts).
const { base: BASE, bothSolo: BOTH_SOLO, sharedTopicsCap: TOPICS_CAP } = WEIGHTS;
const { complement: NEED, complementCap: NEEDS_CAP } = WEIGHTS;
const scorePair = pairScore;
const EPS = 1e-7;

/** How hard the local search works: its share of a MatchBudget. */
export type ImproveBudget = Pick<
  MatchBudget,
  'passes' | 'width' | 'depth' | 'chainStarts' | 'cycleRounds' | 'cycleSweeps' | 'repairMax'
>;

/**
 * Local search on a matching, in place. Greedy leaves a few percent on the table; this takes
 * it back in four kinds of move, each made only if the total score grows:
 *
 * 1. Augmenting paths from each seeker who is alone (augment.ts).
 * 2. Around every seeker a (partner a2): for each candidate b (partner b2), the swap a–b and
 *    b2–a2 (2-opt); if none gains, a variable-depth chain from a (`chainFrom`).
 * 3. Exchange cycles through many pairs (cycles.ts); around those it finds but cannot make
 *    (they need a blossom), an exact re-pairing of the people there (repair.ts).
 * 4. Two people on their own, each with someone who is not, swap (solos.ts).
 *
 * Closing pairs are scored on the spot, so moves reach beyond the candidate graph; a cheap
 * upper bound on what a pair could score skips hopeless ones unscored. After the first pass
 * only seekers near a change are looked at again. Every loop has a fixed budget, so the work
 * is bounded and the result deterministic.
 */
export function improveMatching(
  c: Crowd,
  g: CandidateGraph,
  inPool: Uint8Array,
  mate: Int32Array,
  mayPair: PairRule,
  budget: ImproveBudget,
): void {
  const n = c.n;
  const wait = c.wait;
  const held = new Float64Array(n);
  for (let i = 0; i < n; i++) if (mate[i]! > i) held[i] = held[mate[i]!] = scorePair(c, i, mate[i]!);
  const search: Search = { c, g, inPool, mate, held, mayPair };
  const cap = fitCaps(c);
  const move = new Int32Array(Math.max(6, 2 * budget.depth + 2));
  const chain = new Int32Array(2 * budget.depth + 2);
  const used = new Int32Array(n);
  let usedStamp = 0;
  let moveLen = 0;
  let dirty = new Uint8Array(n);
  let next = new Uint8Array(n);
  for (let i = 0; i < n; i++) dirty[i] = inPool[i]! && mate[i]! >= 0 ? 1 : 0;

  // Re-pairs the seekers in move[] (pairs move[0]-move[1], ...), breaking their old pairs.
  const apply = (): void => {
    for (let p = 0; p < moveLen; p++) {
      const v = move[p]!;
      const old = mate[v]!;
      if (old >= 0) {
        mate[old] = -1;
        held[old] = 0;
        mark(old);
      }
    }
    for (let p = 0; p < moveLen; p += 2) {
      const x = move[p]!;
      const y = move[p + 1]!;
      mate[x] = y;
      mate[y] = x;
      held[x] = held[y] = scorePair(c, x, y);
      mark(x);
      mark(y);
    }
  };
  const mark = (v: number): void => {
    next[v] = 1;
    for (let k = g.at[v]!, end = g.at[v + 1]!; k < end; k++) next[g.to[k]!] = 1;
  };

  /**
   * A variable-depth chain (Lin-Kernighan style), for improving cycles through many pairs that
   * no short move finds: a leaves a2 for v1, v1's partner v1' takes v2, v2's partner v2' takes
   * v3, ... and the last one left closes with a2 (or a free seeker is reached). Each step
   * takes the candidate that gains most net of the pair it breaks, while the running gain
   * stays positive; the best point to close at is kept. Any improving cycle has a start from
   * which every running gain is positive (the cycle lemma), and every seeker is a start.
   * Sets move[] / moveLen when it beats `best`; returns the best gain.
   */
  const chainFrom = (a: number, best: number): number => {
    const a2 = mate[a]!;
    // The first step is tried `chainStarts` ways (a's best candidates by score); the greedy
    // choice alone, net of the pair broken, can walk past the one improving cycle.
    let tried = 0;
    const fromA = g.at[a]!;
    const endA = Math.min(g.at[a + 1]!, fromA + budget.width);
    for (let f = fromA; f < endA && tried < budget.chainStarts; f++) {
      const first = g.to[f]!;
      // Candidates are heaviest first: once one cannot gain, none after it can.
      if (g.w[f]! - held[a]! <= 0) break;
      if (first === a2 || !inPool[first] || mate[first]! < 0) continue;
      tried++;
      usedStamp++;
      used[a] = used[a2] = usedStamp;
      let u = a;
      let run = 0; // gain so far, the last pair broken not yet counted
      let broken = held[a]!;
      let len = 0;
      for (let depth = 0; depth < budget.depth; depth++) {
        let pick = -1;
        let pickW = 0;
        let pickNet = -Infinity;
        const end = Math.min(g.at[u + 1]!, g.at[u]! + budget.width);
        for (let k = g.at[u]!; k < end; k++) {
          const w = g.w[k]!;
          // Heaviest first, as above: the rest of the list cannot gain either.
          if (run + w - broken <= 0) break;
          const v = g.to[k]!;
          if (used[v] === usedStamp || !inPool[v]) continue;
          if (depth === 0 && v !== first) continue;
          const v2 = mate[v]!;
          if (v2 < 0) {
            // A free seeker ends the chain: an augmenting path, a2 left alone.
            if (run + w - broken > best) {
              best = run + w - broken;
              chain[len] = v;
              writeMove(a, len + 1, -1);
            }
            continue;
          }
          if (used[v2] === usedStamp) continue;
          const net = w - held[v]!;
          if (net > pickNet) {
            pickNet = net;
            pick = v;
            pickW = w;
          }
        }
        if (pick < 0) break;
        const v2 = mate[pick]!;
        run += pickW - broken;
        broken = held[pick]!;
        chain[len++] = pick;
        chain[len++] = v2;
        used[pick] = used[v2] = usedStamp;
        const close = run - broken;
        if (close + BASE + Math.min(cap[v2]!, cap[a2]!) + wait[v2]! + wait[a2]! > best && mayPair(v2, a2)) {
          const gain = close + scorePair(c, v2, a2);
          if (gain > best) {
            best = gain;
            writeMove(a, len, a2);
          }
        }
        u = v2;
      }
    }
    return best;
  };
  // move[] = a–chain[0], chain[1]–chain[2], ..., chain[len-1]–last (if last >= 0).
  const writeMove = (a: number, len: number, last: number): void => {
    move[0] = a;
    for (let k = 0; k < len; k++) move[k + 1] = chain[k]!;
    moveLen = len + 1;
    if (last >= 0) move[moveLen++] = last;
  };

  for (let pass = 0; pass < budget.passes; pass++) {
    let moves = augmentFromAlone(search, move, (len) => {
      moveLen = len;
      apply();
    });
    for (let a = 0; a < n; a++) {
      const a2 = mate[a]!;
      if (!dirty[a] || a2 < 0) continue;
      let best = EPS;
      moveLen = 0;
      const endA = Math.min(g.at[a + 1]!, g.at[a]! + budget.width);
      for (let k = g.at[a]!; k < endA; k++) {
        const b = g.to[k]!;
        const b2 = mate[b]!;
        if (b === a2 || b2 < 0 || !inPool[b]) continue;
        const g1 = g.w[k]! - held[a]! - held[b]!;
        // 2-opt: a–b and b2–a2.
        if (g1 + BASE + Math.min(cap[b2]!, cap[a2]!) + wait[b2]! + wait[a2]! > best && mayPair(b2, a2)) {
          const gain = g1 + scorePair(c, b2, a2);
          if (gain > best) {
            best = gain;
            moveLen = 4;
            move[0] = a;
            move[1] = b;
            move[2] = b2;
            move[3] = a2;
          }
        }
      }
      if (moveLen === 0 && budget.depth > 0) best = chainFrom(a, best);
      if (moveLen > 0) {
        apply();
        moves++;
      }
    }
    if (moves === 0) break;
    const t = dirty;
    dirty = next;
    next = t;
    next.fill(0);
  }
  if (budget.cycleRounds > 0 && budget.repairMax > 0) {
    // One round, then the exact re-pairing around the cycles it could not make; when that would
    // take too many people, the rest of the rounds instead.
    const unmade = new Uint8Array(n);
    cancelCycles(search, 1, budget.cycleSweeps, unmade);
    if (repairAround(search, unmade, budget.repairMax) === 'too many') {
      cancelCycles(search, budget.cycleRounds - 1, budget.cycleSweeps);
    }
  } else if (budget.cycleRounds > 0) {
    cancelCycles(search, budget.cycleRounds, budget.cycleSweeps);
  }
  regroupSolos(search);
}

/** Per seeker: the most fit (solo, interests, needs) they could have with anyone. */
function fitCaps(c: Crowd): Float64Array {
  const cap = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) {
    const { interests: I, offers: O, asks: A } = c;
    let topics = 0;
    for (let k = I.at[i]!; k < I.at[i + 1]!; k++) topics += c.topicWeight[I.ids[k]!]!;
    const needs = (O.at[i + 1]! - O.at[i]! + A.at[i + 1]! - A.at[i]!) * NEED;
    cap[i] = (c.solo[i] ? BOTH_SOLO : 0) + Math.min(TOPICS_CAP, topics) + Math.min(NEEDS_CAP, needs);
  }
  return cap;
}
