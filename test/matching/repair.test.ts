import blossom from 'edmonds-blossom';
import { buildCandidates } from '../../server/matching/candidates';
import { buildCrowd, fresh, type Crowd } from '../../server/matching/crowd';
import { pairUp } from '../../server/matching/pairing';
import { repairAround } from '../../server/matching/repair';
import { pairScore } from '../../server/matching/score';
import { budgetFor, type MatchBudget } from '../../server/matching/weights';
import { makeCrowd } from '../../scripts/bench/crowds';

/** A crowd of the benchmark's, its candidate graph, and a poor start: neighbours by index, where allowed. */
function poorlyPaired(n: number, seed: number) {
  const c = buildCrowd(makeCrowd('skewed', n, seed));
  const inPool = new Uint8Array(c.n).fill(1);
  inPool[0] = 0; // sent to a circle, say: never to be touched
  const g = buildCandidates(c, inPool, budgetFor(c.n));
  const mate = new Int32Array(c.n).fill(-1);
  for (let i = 1; i + 1 < c.n; i += 2) {
    if (fresh(c, i, i + 1)) {
      mate[i] = i + 1;
      mate[i + 1] = i;
    }
  }
  const held = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) if (mate[i]! >= 0) held[i] = pairScore(c, i, mate[i]!);
  return { c, g, inPool, mate, held };
}

const hundredths = (s: number) => Math.round(s * 100);
const total = (c: Crowd, mate: Int32Array) => {
  let sum = 0;
  for (let i = 0; i < c.n; i++) if (mate[i]! > i) sum += hundredths(pairScore(c, i, mate[i]!));
  return sum;
};

describe('repairAround: the exact re-pairing around exchange cycles that need a blossom', () => {
  test('re-pairs the marked people and their partners as well as the independent oracle does over the same pairs, touching nobody else', () => {
    const { c, g, inPool, mate, held } = poorlyPaired(60, 3);
    const around = new Uint8Array(c.n);
    for (let i = 1; i < 40; i += 2) around[i] = 1; // their partners (i + 1) come with them
    const before = Int32Array.from(mate);
    const people = new Set<number>();
    for (let i = 0; i < c.n; i++) if (around[i] && inPool[i]) [i, mate[i]!].filter((v) => v >= 0).forEach((v) => people.add(v));

    expect(repairAround({ c, g, inPool, mate, held, mayPair: (i, j) => fresh(c, i, j) }, around, 160)).toBe('improved');

    // A matching, of allowed pairs, among the same people; everyone else as they were.
    for (let i = 0; i < c.n; i++) {
      if (!people.has(i)) {
        expect(mate[i]).toBe(before[i]);
        continue;
      }
      if (mate[i]! < 0) continue;
      expect(mate[mate[i]!]).toBe(i);
      expect(people.has(mate[i]!)).toBe(true);
      expect(fresh(c, i, mate[i]!)).toBe(true);
      expect(held[i]).toBe(pairScore(c, i, mate[i]!));
    }
    expect(mate[0]).toBe(-1);

    // The oracle over the pairs it may use: the candidate graph's among them, and their old pairs.
    const ids = [...people];
    const edges = new Map<string, [number, number, number]>();
    const add = (x: number, y: number) => {
      if (x === y || !fresh(c, ids[x]!, ids[y]!)) return;
      const [a, b] = x < y ? [x, y] : [y, x];
      edges.set(`${a}-${b}`, [a, b, hundredths(pairScore(c, ids[a]!, ids[b]!))]);
    };
    ids.forEach((v, x) => {
      if (before[v]! >= 0) add(x, ids.indexOf(before[v]!));
      for (let k = g.at[v]!; k < g.at[v + 1]!; k++) if (people.has(g.to[k]!)) add(x, ids.indexOf(g.to[k]!));
    });
    const best = blossom([...edges.values()]);
    let optimum = 0;
    best.forEach((y, x) => {
      if (y > x) optimum += hundredths(pairScore(c, ids[x]!, ids[y]!));
    });
    const mine = ids.reduce((sum, v) => sum + (mate[v]! > v ? hundredths(pairScore(c, v, mate[v]!)) : 0), 0);
    expect(mine).toBe(optimum);
    expect(total(c, mate)).toBeGreaterThan(total(c, before));
  });

  test('does nothing when the people around number more than it may take, or nothing is marked', () => {
    const { c, g, inPool, mate, held } = poorlyPaired(60, 3);
    const before = Int32Array.from(mate);
    const around = new Uint8Array(c.n);
    for (let i = 1; i < 40; i += 2) around[i] = 1; // 20 marked, 40 with their partners
    expect(repairAround({ c, g, inPool, mate, held, mayPair: (i, j) => fresh(c, i, j) }, around, 39)).toBe('too many');
    expect(mate).toEqual(before);
    expect(repairAround({ c, g, inPool, mate, held, mayPair: (i, j) => fresh(c, i, j) }, new Uint8Array(c.n), 160)).toBe('unchanged');
    expect(mate).toEqual(before);
  });

  test('never makes a pair the rule forbids, even one on the candidate graph', () => {
    const { c, g, inPool, mate, held } = poorlyPaired(60, 3);
    const around = new Uint8Array(c.n).fill(1);
    // Only the pairs already made are allowed: nothing can change.
    const before = Int32Array.from(mate);
    expect(repairAround({ c, g, inPool, mate, held, mayPair: (i, j) => before[i] === j }, around, 160)).toBe('unchanged');
    expect(mate).toEqual(before);
  });
});

describe('the exchange-cycle rounds around the re-pairing', () => {
  /** A crowd of 200's pairs (pairing.ts) under a budget changed by `over`. */
  const pairsWith = (seed: number, over: Partial<MatchBudget>) => {
    const c = buildCrowd(makeCrowd('uniform', 200, seed));
    const inPool = new Uint8Array(c.n).fill(1);
    const budget = { ...budgetFor(c.n), ...over };
    return [...pairUp(c, buildCandidates(c, inPool, budget), inPool, (i, j) => fresh(c, i, j), budget)];
  };

  test('when the re-pairing would take too many people, the other rounds run, as with no re-pairing at all', () => {
    // Crowds where the rounds after the first change the pairs, so that leaving them out would show.
    const seeds = [1, 2, 3, 4, 5, 6].filter((s) => JSON.stringify(pairsWith(s, { repairMax: 0, cycleRounds: 1 })) !== JSON.stringify(pairsWith(s, { repairMax: 0 })));
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) expect(pairsWith(seed, { repairMax: 2 })).toEqual(pairsWith(seed, { repairMax: 0 }));
  });
});
