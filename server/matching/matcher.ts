import { buildCandidates } from './candidates';
import { allowed, buildCrowd, fresh, type Crowd } from './crowd';
import { joinableGroups, leftoverJoins, strongCircleJoins, type PlannedJoin } from './joins';
import { pairAmong, pairUp } from './pairing';
import { joinReasons, pairReasonsFor, sharedTopics } from './reasons';
import { pairScore, rarity } from './score';
import { defaultMatchOptions, type Join, type MatchInput, type MatchOptions, type MatchPlan, type NewGroup } from './types';
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
 *    not met before: exactly for up to EXACT_MAX people (exact.ts); otherwise over a bounded
 *    candidate graph (candidates.ts), greedy then local search (pairing.ts, improve.ts).
 * 3. **An open circle**, for those who would otherwise wait: the best-fitting one with room.
 * 4. **A trio**, for those who have waited `trioAfterMs` with nobody new to pair with: the
 *    best-fitting recent pair, as a third.
 * 5. **A circle or trio with someone they met before**, only when steps 1-4 found nothing.
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
  graph.adj.forEach((list, i) =>
    list.forEach((j, k) => {
      const fit = graph.adjWeight[i]![k]! - WEIGHTS.base - c.wait[i]! - c.wait[j]!;
      if (fit > bestFit[i]!) bestFit[i] = fit;
    }),
  );
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
  joinLeftovers(leftoverJoins(c, leftovers(), targets, (i, t) => t.kind === 'circle' || waitedEnough(i), true));
  pairAmong(c, leftovers().filter(waitedEnough), mate, (i, j) => allowed(c, i, j));

  return {
    groups: newGroups(c, mate),
    joins: joins.map((j) => toJoin(c, j)),
    waiting: inInputOrder(input, c, new Set(leftovers())),
  };
}

/** Options as given, with the documented defaults for any left undefined. */
function withDefaults(o: MatchOptions): MatchOptions {
  return {
    now: o.now,
    seed: o.seed,
    trioAfterMs: o.trioAfterMs ?? defaultMatchOptions.trioAfterMs,
    recentMatchMs: o.recentMatchMs ?? defaultMatchOptions.recentMatchMs,
    maxGroupSize: o.maxGroupSize ?? defaultMatchOptions.maxGroupSize,
    trios: o.trios ?? defaultMatchOptions.trios,
  };
}

/** The ids of the given seekers (crowd indices), in the order the input listed them. */
function inInputOrder(input: MatchInput, c: Crowd, which: Set<number>): string[] {
  const out: string[] = [];
  for (const s of input.seekers) {
    const i = c.indexOf.get(s.id);
    if (i !== undefined && which.delete(i)) out.push(s.id);
  }
  return out;
}

function newGroups(c: Crowd, mate: Int32Array): NewGroup[] {
  const rarityOf = (topic: string): number => {
    return rarity(c.n, c.interestPostings[c.topicId(topic)]?.length ?? 0);
  };
  const groups: NewGroup[] = [];
  for (let i = 0; i < c.n; i++) {
    const j = mate[i]!;
    if (j < i) continue;
    // The longer waiter first: their spelling of shared topics is the one shown.
    const [x, y] = c.seekers[i]!.lookingSince <= c.seekers[j]!.lookingSince ? [i, j] : [j, i];
    const a = c.seekers[x]!;
    const b = c.seekers[y]!;
    const shared = sharedTopics(a.interests, b.interests, rarityOf, c.topicId);
    const rarest = shared[0];
    const rareTopic = rarest !== undefined && c.n >= 10 && rarityOf(rarest) >= 0.75 ? rarest : null;
    const repeat = !fresh(c, x, y);
    groups.push({
      memberIds: [a.id, b.id],
      score: pairScore(c, x, y),
      sharedTopics: shared,
      reasons: {
        [a.id]: pairReasonsFor(a, b, shared, { repeat, rareTopic, key: c.topicId }),
        [b.id]: pairReasonsFor(b, a, shared, { repeat, rareTopic, key: c.topicId }),
      },
      repeat,
    });
  }
  return groups;
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
