import { maxWeightMatching } from './blossom';
import { weightOf } from './exact';
import { pairScore } from './score';
import type { Search } from './search';

/**
 * Re-pairs exactly the seekers around the exchange cycles the cycle search found but could not
 * make (cycles.ts: mostly a cycle that would give one pair two takers, which only a blossom
 * resolves; also one with a pair the rule forbids, or that no longer gains), in place. `around`
 * marks them; they and their partners, at most `max` people (otherwise nothing is done: 'too
 * many'), get the best pairing among themselves over the candidate graph's pairs and their
 * current ones (blossom.ts). Everyone else keeps their partner, so the plan can only gain: the
 * new pairs are made only if they outscore the old ones. Anyone left alone goes on to the
 * leftovers step with the rest.
 *
 * The local search's worst crowds of 200 were 99.5 % of the optimum or less because of one such
 * cycle through many pairs (docs/BENCHMARKS.md); this is what finds it.
 */
export function repairAround(s: Search, around: Uint8Array, max: number): 'improved' | 'unchanged' | 'too many' {
  const { c, g, inPool, mate, held, mayPair } = s;
  const local = new Int32Array(c.n).fill(-1);
  const people: number[] = [];
  const take = (v: number): void => {
    if (v < 0 || !inPool[v] || local[v]! >= 0) return;
    local[v] = people.length;
    people.push(v);
  };
  for (let v = 0; v < c.n; v++) {
    if (!around[v]) continue;
    take(v);
    take(mate[v]!);
  }
  const p = people.length;
  if (p > max) return 'too many';
  if (p < 4) return 'unchanged';

  // Each pair once (either side's list may hold it): their current pairs, then candidates.
  const listed = new Uint8Array(p * p);
  const ei: number[] = [];
  const ej: number[] = [];
  const ew: number[] = [];
  const edge = (x: number, y: number, w: number): void => {
    const key = x < y ? x * p + y : y * p + x;
    if (listed[key] || w <= 0) return;
    listed[key] = 1;
    ei.push(x);
    ej.push(y);
    ew.push(w);
  };
  let before = 0;
  for (let x = 0; x < p; x++) {
    const m = mate[people[x]!]!;
    const y = m >= 0 ? local[m]! : -1;
    if (y > x) {
      const w = weightOf(held[people[x]!]!);
      before += w;
      edge(x, y, w);
    }
  }
  for (let x = 0; x < p; x++) {
    const v = people[x]!;
    for (let k = g.at[v]!; k < g.at[v + 1]!; k++) {
      const y = local[g.to[k]!]!;
      if (y >= 0 && y !== x && mayPair(v, people[y]!)) edge(x, y, weightOf(g.w[k]!));
    }
  }

  const partner = maxWeightMatching(p, Int32Array.from(ei), Int32Array.from(ej), Float64Array.from(ew));
  let after = 0;
  for (let x = 0; x < p; x++) if (partner[x]! > x) after += weightOf(pairScore(c, people[x]!, people[partner[x]!]!));
  if (after <= before) return 'unchanged';
  for (let x = 0; x < p; x++) mate[people[x]!] = partner[x]! >= 0 ? people[partner[x]!]! : -1;
  for (const v of people) held[v] = mate[v]! >= 0 ? pairScore(c, v, mate[v]!) : 0;
  return 'improved';
}
