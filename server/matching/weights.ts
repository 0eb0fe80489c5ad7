/**
 * Every number that decides who meets whom, in one place.
 *
 * A pair's score is
 *
 *   base + bothSolo? + sharedInterests + complementaryNeeds + waiting(a) + waiting(b)
 *
 * and each tick looks for the set of pairs with the largest total score (a maximum-weight
 * matching). Three properties of these numbers matter more than their exact values:
 *
 * 1. `bothSolo` is larger than twice the most that interests and needs can add together
 *    (2 × (60 + 30) = 180 < 200). Swapping partners between two pairs can therefore never
 *    trade a solo+solo pair away for better interests: the matching first pairs as many people
 *    who are on their own with each other as it can, then looks at interests. This keeps the
 *    first release's order "both solo > more shared interests > longest waiting".
 * 2. Waiting is added per person, not per pair, so it never changes *whom* someone meets, only
 *    *who* is matched when not everyone can be. It grows without a cap, so whoever is left out
 *    ages up until they outrank everything else: nobody starves.
 * 3. `base` is positive, so pairing two strangers with nothing in common still beats leaving
 *    them both waiting.
 */
export const WEIGHTS = {
  /** Every allowed pair starts with this much. */
  base: 20,
  /** Both said "I'm here on my own". Must stay > 2 × (sharedTopicsCap + complementCap). */
  bothSolo: 200,
  /** A shared interest that everyone picked. */
  sharedTopic: 10,
  /**
   * Added to a shared interest in proportion to its rarity among the event's current seekers:
   * the full bonus when only these two picked it, nothing when everybody did (IDF-style,
   * see `rarity` in score.ts).
   */
  rareTopicBonus: 20,
  /** Shared interests add at most this much (two rare ones, or six common ones). */
  sharedTopicsCap: 60,
  /** One of them offers help with something the other asked about (each match, both ways). */
  complement: 15,
  /** Complementary needs add at most this much. */
  complementCap: 30,
  /** Points per second of waiting, per person. 60 a minute: a minute outweighs three shared common interests. */
  waitPerSecond: 1,
} as const;

/**
 * Open circles and trios. A newcomer's fit with a group is scored like a pair's interests and
 * needs, against everything the group's members picked (no base, no solo bonus, no waiting).
 */
export const GROUP_RULES = {
  /**
   * A seeker goes to an open circle *instead of* being paired only when the circle fits
   * strongly: at least this much fit (e.g. two fairly rare shared interests)...
   */
  strongCircleFit: 40,
  /** ...and this much more than the best pair on offer to them (solo+solo pairs always win). */
  strongCircleMargin: 10,
} as const;

/** Fixed limits of the candidate graph and of the leftover handling. */
export const CANDIDATES = {
  /** Seeded random candidates added per seeker, so the graph stays connected. */
  random: 2,
  /** Leftovers are compared exhaustively against each other up to this many. */
  leftoverScan: 400,
} as const;

/** How much work one tick may do, by crowd size (see `budgetFor`). */
export interface MatchBudget {
  /**
   * At most this many people are read from one interest's (or need's) list, for candidates and
   * for strong circle fits; longer lists are sampled.
   */
  postingCap: number;
  /** People read from the seeker's own solo class (on their own, or not), sampled. */
  classWindow: number;
  /** Best candidates kept per seeker; the graph holds the union of everyone's lists. */
  perSeeker: number;
  /** Local search: passes over the crowd (after the first, only near changes). */
  passes: number;
  /** Local search: how many of a seeker's candidates (best first) each search starts from. */
  width: number;
  /** Local search: how many pairs a variable-depth chain may pass through (0: none). */
  depth: number;
  /** Local search: how many first steps each chain tries. */
  chainStarts: number;
  /**
   * Exchange-cycle search (cycles.ts): rounds, and sweeps over the graph per round. With the
   * re-pairing (`repairMax`), one round runs before it, and the rest only if it would take too
   * many people.
   */
  cycleRounds: number;
  cycleSweeps: number;
  /**
   * The exact re-pairing around the exchange cycles that need a blossom (repair.ts) runs when
   * they and their partners number at most this many (0: never). Its cost grows with about the
   * cube of that number.
   */
  repairMax: number;
}

/**
 * The work budget for a crowd of n seekers, tuned with `npm run bench:matcher`. Up to a few
 * thousand seekers the lists are read (nearly) in full, which keeps the plan within about half
 * a percent of the optimum; beyond that they are sampled, so that 5000 seekers stay within
 * 50 ms. The budget depends on n only, so a plan never depends on how fast the machine is.
 */
export function budgetFor(n: number): MatchBudget {
  // A small crowd's worst plans were the furthest from the optimum (99.43 % on one of 48 crowds of
  // 50): longer candidate lists and one more pass brought the worst of them to 99.66 %.
  // One cycle round: the re-pairing always runs here (a crowd this size never involves more than
  // repairMax), and four rounds gave the same lowest figures over 80 crowds each of 80 and 100.
  if (n <= 100) {
    return { postingCap: 40, classWindow: 16, perSeeker: 24, passes: 3, width: 24, depth: 10, chainStarts: 3, cycleRounds: 1, cycleSweeps: 20, repairMax: 160 };
  }
  // Skewed crowds of 200 fell to 99.39 % on one of 24 with lists cut at 40 (a popular topic is
  // held by more than that): at 60 the worst of them is 99.59 %, for about 7 % more tick there.
  // One round of exchange cycles, then the exact re-pairing around those that need a blossom: the
  // worst of 80 crowds of 200 went from 99.48 to 99.62 % of the optimum, in about the same time as
  // four rounds without it (27 November, docs/BENCHMARKS.md).
  if (n <= 400) {
    return { postingCap: 60, classWindow: 16, perSeeker: 12, passes: 2, width: 12, depth: 10, chainStarts: 3, cycleRounds: 4, cycleSweeps: 20, repairMax: 160 };
  }
  // The re-pairing would take about 500 people here (tens of ms): off.
  if (n <= 2500) {
    return { postingCap: 160, classWindow: 24, perSeeker: 12, passes: 2, width: 12, depth: 10, chainStarts: 2, cycleRounds: 4, cycleSweeps: 20, repairMax: 0 };
  }
  // No exchange cycles: at 5000 they changed the total score by under 0.05 % (measured against
  // plans made with the budget above) and took 5 to 8 % of the tick.
  return { postingCap: 12, classWindow: 6, perSeeker: 8, passes: 1, width: 8, depth: 4, chainStarts: 1, cycleRounds: 0, cycleSweeps: 0, repairMax: 0 };
}
