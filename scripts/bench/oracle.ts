import blossom from 'edmonds-blossom';
import { buildCrowd, fresh } from '../../server/matching/crowd';
import { pairFit, pairScore } from '../../server/matching/score';
import type { MatchInput, MatchPlan } from '../../server/matching/types';

/** Pair scores are compared as integers (hundredths), as the oracle needs integer weights. */
export const toInt = (w: number): number => Math.round(w * 100);

export interface Comparison {
  /** Sum of the plan's new (non-repeat) pairs' scores, in hundredths. */
  planScore: number;
  /** Maximum-weight matching over every fresh pair among the same people, in hundredths. */
  optimum: number;
  /**
   * The same two totals without the base and waiting parts (who fits whom, not who is
   * placed): a stricter view, since base and waiting are nearly the same for any plan that
   * pairs everyone.
   */
  planFit: number;
  optimumFit: number;
  /** Solo seekers paired with a solo seeker, in the plan and in the optimum. */
  planSoloPaired: number;
  optimumSoloPaired: number;
  solo: number;
  /** Time to score every pair and run the exact matching, ms. */
  exactMs: number;
}

/**
 * Scores a plan's pairs against the exact optimum on the full score graph: every fresh allowed
 * pair among the seekers the plan did not send to a trio or circle (those are reported apart).
 */
export function compareWithOptimum(input: MatchInput, plan: MatchPlan): Comparison {
  const started = performance.now();
  const c = buildCrowd(input);
  const joined = new Set(plan.joins.map((j) => j.attendeeId));
  const pool: number[] = [];
  for (let i = 0; i < c.n; i++) if (!joined.has(c.seekers[i]!.id)) pool.push(i);
  const edges: Array<[number, number, number]> = [];
  for (let x = 0; x < pool.length; x++) {
    for (let y = x + 1; y < pool.length; y++) {
      const i = pool[x]!;
      const j = pool[y]!;
      if (fresh(c, i, j)) edges.push([x, y, toInt(pairScore(c, i, j))]);
    }
  }
  const mate = edges.length ? blossom(edges) : [];
  const exactMs = performance.now() - started;
  let optimum = 0;
  let optimumFit = 0;
  let optimumSoloPaired = 0;
  mate.forEach((y, x) => {
    if (y < 0) return;
    const i = pool[x]!;
    const j = pool[y]!;
    if (c.solo[i] && c.solo[j]) optimumSoloPaired++;
    if (x < y) {
      optimum += toInt(pairScore(c, i, j));
      optimumFit += toInt(pairFit(c, i, j));
    }
  });
  let planScore = 0;
  let planFit = 0;
  let planSoloPaired = 0;
  for (const g of plan.groups) {
    const [i, j] = g.memberIds.map((id) => c.indexOf.get(id)!) as [number, number];
    if (c.solo[i] && c.solo[j]) planSoloPaired += 2;
    if (!g.repeat) {
      planScore += toInt(pairScore(c, i, j));
      planFit += toInt(pairFit(c, i, j));
    }
  }
  const solo = c.seekers.filter((s) => s.solo).length;
  return { planScore, optimum, planFit, optimumFit, planSoloPaired, optimumSoloPaired, solo, exactMs };
}
