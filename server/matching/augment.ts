import { pairScore } from './score';
import type { Search } from './search';
import { CANDIDATES } from './weights';

const scorePair = pairScore;
const EPS = 1e-7;
/** Up to this many seekers alone, each is scored against any open end, candidate or not. */
const FEW_ALONE = 16;
/** Augmenting paths from someone alone try this many candidates at their second step. */
const ALONE_BREADTH = 4;

/**
 * Augmenting paths from each seeker who is alone, u: take u–b, breaking b–b2; then b2 pairs
 * with another seeker who is alone, or takes a candidate x, breaking x–x2, and x2 pairs with
 * someone alone or stays alone. Covers "the one left over should have had this partner".
 */
export function augmentFromAlone(s: Search, move: Int32Array, apply: (len: number) => void): number {
  const { c, g, inPool, mate, held, mayPair } = s;
  const alone: number[] = [];
  for (let i = 0; i < c.n && alone.length < CANDIDATES.leftoverScan; i++) {
    if (inPool[i] && mate[i] === -1) alone.push(i);
  }
  // The best partner for x among those alone, other than `not` (0 and bestJ = -1 when none):
  // every one of them when they are few, else those among x's candidates.
  let bestJ = -1;
  const bestAloneFor = (x: number, not: number): number => {
    bestJ = -1;
    let bw = 0;
    if (alone.length <= FEW_ALONE) {
      for (const f of alone) {
        if (f === x || f === not || mate[f] !== -1 || !mayPair(x, f)) continue;
        const w = scorePair(c, x, f);
        if (w > bw) {
          bw = w;
          bestJ = f;
        }
      }
      return bw;
    }
    const { to, w } = g;
    for (let k = g.at[x]!, end = g.at[x + 1]!; k < end; k++) {
      const f = to[k]!;
      if (f === not || mate[f] !== -1 || !inPool[f] || w[k]! <= bw) continue;
      bw = w[k]!;
      bestJ = f;
    }
    return bw;
  };
  let moves = 0;
  for (const u of alone) {
    if (mate[u] !== -1) continue;
    let best = EPS;
    let len = 0;
    const { to, w } = g;
    for (let k = g.at[u]!, endU = g.at[u + 1]!; k < endU; k++) {
      const b = to[k]!;
      const b2 = mate[b]!;
      if (!inPool[b]) continue;
      if (b2 < 0) {
        if (w[k]! > best) {
          best = w[k]!;
          len = 2;
          move[0] = u;
          move[1] = b;
        }
        continue;
      }
      const g1 = w[k]! - held[b]!;
      const fw = bestAloneFor(b2, u);
      if (g1 + fw > best) {
        best = g1 + fw;
        len = bestJ >= 0 ? 4 : 2;
        move[0] = u;
        move[1] = b;
        move[2] = b2;
        move[3] = bestJ;
      }
      const fromB = g.at[b2]!;
      const endB = Math.min(g.at[b2 + 1]!, fromB + ALONE_BREADTH);
      for (let q = fromB; q < endB; q++) {
        const x = to[q]!;
        const x2 = mate[x]!;
        if (x2 < 0 || x === u || x === b || !inPool[x]) continue;
        const g2 = g1 + w[q]! - held[x]!;
        const hw = bestAloneFor(x2, u);
        if (g2 + hw > best) {
          best = g2 + hw;
          len = bestJ >= 0 ? 6 : 4;
          move[0] = u;
          move[1] = b;
          move[2] = b2;
          move[3] = x;
          move[4] = x2;
          move[5] = bestJ;
        }
      }
    }
    if (len > 0) {
      apply(len);
      moves++;
    }
  }
  return moves;
}
