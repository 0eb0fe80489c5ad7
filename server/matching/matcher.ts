import { buildCandidates } from './candidates';
import { allowed, buildCrowd, fresh, type Crowd } from './crowd';
import { joinableGroups, leftoverJoins, strongCircleJoins, type PlannedJoin } from './joins';
import { pairAmong, pairUp } from './pairing';
import { pairGroups } from './explain';
import { joinReasons, sharedTopics } from './reasons';
import { defaultMatchOptions, type Join, type MatchInput, type MatchOptions, type MatchPlan } from './types';
import { budgetFor, WEIGHTS } from './weights';

/**
 * Plans one matching tick for one event. Pure: the same input gives the same plan; the only
 * clock is `options.now` and the only randomness comes from `options.seed`.
 *
 * Each seeker goes down this ladder and stops at the first step that places them:
 *
 * 1. **Strong circle fit.** An open circle that fits them much better than any pair on offer
 *    (`GROUP_RULES` in weights.ts).
 * 2. **A new pair.** The pairs with the largest total score (weights.ts) among people who have
 *    not met before: exactly for up to BLOSSOM_MAX people (exact.ts, blossom.ts); otherwise
 *    over a bounded candidate graph (candidates.ts), greedy then local search (pairing.ts,
 *    improve.ts).
 * 3. **An open circle**, for those who would otherwise wait: the best-fitting one with room.
 * 4. **A trio**, for those who have waited `trioAfterMs` with nobody new to pair with: the
 *    best-fitting recent pair, as a third.
 * 5. **A circle or trio with someone they met before**, only when steps 1-4 found nothing and
 *    they have waited `trioAfterMs` (so somebody new had the chance to turn up).
 * 6. **A repeat pair** with someone they met before, only when both have waited `trioAfterMs`
 *    (so somebody new had the chance to turn up) and steps 1-5 found nothing.
 * 7. Otherwise they keep waiting; waiting adds to every score they are part of next tick.
 *
 * Blocked pairs and pairs on cooldown are never placed together at any step, and nobody is
 * placed twice. Disconnected seekers are ignored.
 */
export function planMatches(input: MatchInput): MatchPlan {
  const options = withDefaults(input.options);
  const c = buildCrowd({ ...input, options });
  const targets = joinableGroups(c, input.active, input.history, options);
  const budget = budgetFor(c.n);
  const inPool = new Uint8Array(c.n).fill(1);
  const graph = buildCandidates(c, inPool, budget);

  // Best pair fit on offer to each seeker (score without base and waiting), for step 1.
  const bestFit = new Float64Array(c.n);
  const base = WEIGHTS.base;
  for (let i = 0; i < c.n; i++) {
    for (let k = graph.at[i]!; k < graph.at[i + 1]!; k++) {
      const fit = graph.w[k]! - base - c.wait[i]! - c.wait[graph.to[k]!]!;
      if (fit > bestFit[i]!) bestFit[i] = fit;
    }
  }
  const joins: PlannedJoin[] = strongCircleJoins(c, targets, (i) => bestFit[i]!, budget.postingCap);
  for (const j of joins) inPool[j.seeker] = 0;

  const mate = pairUp(c, graph, inPool, (i, j) => fresh(c, i, j), budget);

  const waitedEnough = (i: number): boolean =>
    options.now - c.seekers[i]!.lookingSince >= options.trioAfterMs;
  const leftovers = (): number[] => {
    const out: number[] = [];
    for (let i = 0; i < c.n; i++) if (inPool[i] && mate[i] === -1) out.push(i);
    return out;
  };
  const joinLeftovers = (planned: PlannedJoin[]): void => {
    for (const j of planned) {
      inPool[j.seeker] = 0;
      joins.push(j);
    }
  };
  joinLeftovers(leftoverJoins(c, leftovers(), targets, (_i, t) => t.kind === 'circle', false));
  joinLeftovers(leftoverJoins(c, leftovers(), targets, (i, t) => t.kind === 'trio' && waitedEnough(i), false));
  // As for a repeat pair: only once somebody new has had the chance to turn up. Without the wait,
  // someone who leaves a circle and taps find is back in it a tick later.
  joinLeftovers(leftoverJoins(c, leftovers(), targets, waitedEnough, true));
  pairAmong(c, leftovers().filter(waitedEnough), mate, (i, j) => allowed(c, i, j));

  return {
    groups: pairGroups(c, mate),
    joins: joins.map((j) => toJoin(c, j)),
    waiting: inInputOrder(input, c, leftovers()),
  };
}

/** Options as given, with the documented defaults for any left undefined. */
function withDefaults(o: MatchOptions): MatchOptions {
  return {
    now: o.now,
    seed: o.seed,
    trioAfterMs: o.trioAfterMs ?? defaultMatchOptions.trioAfterMs,
    recentMatchMs: o.recentMatchMs ?? defaultMatchOptions.recentMatchMs,
    unconfirmedTrioMs: o.unconfirmedTrioMs ?? defaultMatchOptions.unconfirmedTrioMs,
    maxGroupSize: o.maxGroupSize ?? defaultMatchOptions.maxGroupSize,
    trios: o.trios ?? defaultMatchOptions.trios,
  };
}

/** The ids of the given seekers (crowd indices), in the order the input listed them. */
function inInputOrder(input: MatchInput, c: Crowd, which: number[]): string[] {
  const out: string[] = [];
  if (which.length === 0) return out;
  const left = new Uint8Array(c.n);
  for (const i of which) left[i] = 1;
  for (const s of input.seekers) {
    const i = c.indexOf.get(s.id);
    if (i !== undefined && left[i]) {
      left[i] = 0;
      out.push(s.id);
    }
  }
  return out;
}

function toJoin(c: Crowd, j: PlannedJoin): Join {
  const me = c.seekers[j.seeker]!;
  const groupTopics = j.target.group.members.flatMap((m) => m.interests);
  const shared = sharedTopics(me.interests, groupTopics, undefined, c.topicId);
  return {
    matchId: j.target.group.id,
    attendeeId: me.id,
    sharedTopics: shared,
    reasons: joinReasons(me, j.target.group, j.target.kind, shared, j.met),
    kind: j.target.kind,
    score: j.fit,
  };
}
