import { pairScore } from './score';
import type { Search } from './search';

const scorePair = pairScore;
const EPS = 1e-7;

/**
 * Finds and makes improving exchange cycles, in place: x0 takes x1's partner, x1 takes x2's
 * partner, ..., and the last takes x0's partner. Everyone in it keeps a partner, so such a
 * cycle changes only who is with whom; it gains when the new pairs outscore the old ones.
 *
 * Local moves only see cycles through two or three pairs, or longer ones whose every step
 * gains. What is left after them is mostly long rotations with small total gains, through
 * ten or twenty pairs. Those are positive cycles in the exchange graph: one node per seeker,
 * an arc x -> mate(y) weighing score(x, y) - score(y, mate(y)) for each candidate y of x.
 * Bellman-Ford (longest path, from a virtual source; queue-based, so only seekers whose
 * distance grew are relaxed again) finds them: any cycle among its predecessor links is a
 * positive cycle. Each round looks for cycles after every sweep's worth of relaxations, at
 * most `maxSweeps` of them, makes every valid cycle it finds, and starts again; a cycle is valid when it does
 * not use both people of one pair as takers (the general-graph catch that blossoms handle in
 * an exact matching). Work is bounded by `rounds` × `maxSweeps` sweeps over the graph.
 * Seekers on a cycle found but not made are marked in `unmade`, when given (see repair.ts).
 *
 * Returns the number of cycles made.
 */
export function cancelCycles(s: Search, rounds: number, maxSweeps: number, unmade?: Uint8Array): number {
  const { c, g, inPool, mate, held, mayPair } = s;
  const n = c.n;
  const dist = new Float64Array(n);
  const pred = new Int32Array(n);
  const seen = new Int32Array(n);
  const taker = new Int32Array(n);
  // Seekers on an invalid cycle found this round: left out of the rest of the round, or the
  // cycle would keep growing its own distances and hide the valid ones.
  const dead = new Uint8Array(n);
  let marks = 0;
  let made = 0;
  const cycle: number[] = [];

  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);
  const arcs = g.at[n]!;
  const { to, w } = g;

  for (let round = 0; round < rounds; round++) {
    dist.fill(0);
    pred.fill(-1);
    dead.fill(0);
    // Queue-based Bellman-Ford: only seekers whose distance grew are relaxed again.
    let head = 0;
    let size = 0;
    for (let x = 0; x < n; x++) {
      queued[x] = mate[x]! >= 0 && inPool[x] ? 1 : 0;
      if (queued[x]) queue[size++] = x;
    }
    let found = 0;
    let work = 0;
    let nextCheck = arcs;
    const limit = maxSweeps * arcs;
    while (size > 0 && work < limit) {
      const x = queue[head]!;
      if (++head === n) head = 0;
      size--;
      queued[x] = 0;
      const mx = mate[x]!;
      if (mx < 0 || dead[x]) continue;
      const dx = dist[x]!;
      const from = g.at[x]!;
      const end = g.at[x + 1]!;
      work += end - from;
      for (let k = from; k < end; k++) {
        const y = to[k]!;
        if (y === mx) continue;
        const x2 = mate[y]!;
        if (x2 < 0 || !inPool[y] || dead[x2]) continue;
        const d = dx + w[k]! - held[y]!;
        if (d > dist[x2]! + EPS) {
          dist[x2] = d;
          pred[x2] = x;
          if (!queued[x2]) {
            queued[x2] = 1;
            let tail = head + size++;
            if (tail >= n) tail -= n;
            queue[tail] = x2;
          }
        }
      }
      if (work < nextCheck && size > 0) continue;
      nextCheck = work + arcs;
      // Look for cycles among the predecessor links; make the valid ones.
      seen.fill(0);
      for (let start = 0; start < n; start++) {
        if (seen[start] !== 0 || pred[start]! < 0) continue;
        let v = start;
        const walk = start + 1;
        while (v >= 0 && seen[v] === 0) {
          seen[v] = walk;
          v = pred[v]!;
        }
        if (v < 0 || seen[v] !== walk) continue;
        // v is on a cycle: collect it (following pred goes backwards along the arcs).
        cycle.length = 0;
        let u = v;
        do {
          cycle.push(u);
          u = pred[u]!;
        } while (u !== v);
        cycle.reverse();
        // Either way its seekers sit out the rest of the round: a made cycle changed their
        // pairs (the distances around them are stale), an invalid one would only grow.
        if (makeCycle(s, cycle, taker, ++marks)) {
          found++;
          made++;
          for (const x of cycle) dead[x] = dead[mate[x]!] = 1;
        } else {
          for (const x of cycle) dead[x] = 1;
          if (unmade) for (const x of cycle) unmade[x] = 1;
        }
      }
    }
    if (found === 0) break;
  }
  return made;
}

/**
 * Makes the exchange cycle x0 -> x1 -> ... -> x0 (xi takes x(i+1)'s current partner) if it
 * is valid, its new pairs are allowed, and it gains: all checked here against the current
 * pairs, whatever the (possibly stale) distances that found it. `taker` and `mark` let it
 * check "no pair gives two takers" without allocating.
 */
function makeCycle(s: Search, cycle: number[], taker: Int32Array, mark: number): boolean {
  const { c, mate, held, mayPair } = s;
  const k = cycle.length;
  if (k < 2) return false;
  for (const x of cycle) taker[x] = mark;
  let gain = 0;
  for (let i = 0; i < k; i++) {
    const x = cycle[i]!;
    const y = mate[cycle[(i + 1) % k]!]!;
    // y is also a taker: y's pair would give two takers (and y would have two partners).
    if (y < 0 || taker[y] === mark || !mayPair(x, y)) return false;
    gain += scorePair(c, x, y) - held[y]!;
  }
  if (gain <= EPS) return false;
  const partners = cycle.map((_, i) => mate[cycle[(i + 1) % k]!]!);
  for (let i = 0; i < k; i++) {
    const x = cycle[i]!;
    const y = partners[i]!;
    mate[x] = y;
    mate[y] = x;
    held[x] = held[y] = scorePair(c, x, y);
  }
  return true;
}
