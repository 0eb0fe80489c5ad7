import { pairScore } from './score';
import type { Search } from './search';
import { CANDIDATES } from './weights';

const scorePair = pairScore;
const EPS = 1e-7;

/**
 * Two people on their own who each ended up with someone who is not are always worth
 * swapping (the solo bonus outweighs any interests lost, see weights.ts). There are few such
 * people, so they are compared each with each, whether or not the candidate graph links them.
 */
export function regroupSolos(s: Search): void {
  const { c, inPool, mate, held, mayPair } = s;
  const misplaced: number[] = [];
  for (let i = 0; i < c.n && misplaced.length < CANDIDATES.leftoverScan; i++) {
    if (inPool[i] && c.solo[i] && mate[i]! >= 0 && !c.solo[mate[i]!]) misplaced.push(i);
  }
  for (let x = 0; x < misplaced.length; x++) {
    const a = misplaced[x]!;
    let best = EPS;
    let bestB = -1;
    for (let y = x + 1; y < misplaced.length; y++) {
      const b = misplaced[y]!;
      const a2 = mate[a]!;
      const b2 = mate[b]!;
      if (a2 < 0 || b2 < 0 || c.solo[a2] || c.solo[b2] || !mayPair(a, b) || !mayPair(a2, b2)) continue;
      const gain = scorePair(c, a, b) + scorePair(c, a2, b2) - held[a]! - held[b]!;
      if (gain > best) {
        best = gain;
        bestB = b;
      }
    }
    if (bestB < 0) continue;
    const a2 = mate[a]!;
    const b2 = mate[bestB]!;
    mate[a] = bestB;
    mate[bestB] = a;
    mate[a2] = b2;
    mate[b2] = a2;
    held[a] = held[bestB] = scorePair(c, a, bestB);
    held[a2] = held[b2] = scorePair(c, a2, b2);
  }
}
