import { seededRandom } from './rng';
import { rarity } from './score';
import { keyOf } from './topics';
import type { MatchInput, Seeker } from './types';
import { WEIGHTS } from './weights';

/**
 * One tick's seekers, indexed for fast scoring: topics become small integers, each seeker's
 * interests, offers and asks become sorted id arrays, and the history becomes per-seeker sets
 * of indices. Built once per tick; everything after works on indices, not strings.
 */
export interface Crowd {
  /** Connected seekers, one per id, in a seeded order (the order breaks ties). */
  seekers: Seeker[];
  n: number;
  indexOf: Map<string, number>;
  /** topicKey -> topic id, shared by interests, offers, asks and active groups' members. */
  topicIds: Map<string, number>;
  /** The topic id of a topic as typed (cached per spelling, so cheaper than keyOf). */
  topicId: (topic: string) => number;
  /** Each seeker's topic ids, sorted and flat (see `TopicLists`). */
  interests: TopicLists;
  offers: TopicLists;
  asks: TopicLists;
  solo: Uint8Array;
  /** Waiting points (see `WEIGHTS.waitPerSecond`). */
  wait: Float64Array;
  /** Per topic id: what sharing it as an interest is worth, from its rarity. */
  topicWeight: Float64Array;
  /** Per topic id: the seekers who picked it as an interest / offer / ask. */
  interestPostings: number[][];
  offerPostings: number[][];
  askPostings: number[][];
  /** Seekers on their own, and the others. */
  soloSeekers: number[];
  otherSeekers: number[];
  /** Per seeker: indices never to pair with now (blocked or on cooldown). */
  never: Array<Set<number> | undefined>;
  /** Per seeker: indices they met earlier in the event. */
  met: Array<Set<number> | undefined>;
  random: () => number;
}

/**
 * Sorted topic ids of many people in one flat array: person i's are `ids[at[i]]` up to (not
 * including) `ids[at[i + 1]]`. One allocation instead of one small array per person, and a
 * 32-bit `mask` per person (bit id % 32 set for each id) that rules out most pairs with
 * nothing in common without comparing lists.
 */
export interface TopicLists {
  ids: Int32Array;
  at: Int32Array;
  mask: Int32Array;
}

/** Indexes one tick's input. Disconnected seekers and repeated ids are left out. */
export function buildCrowd(input: MatchInput): Crowd {
  const random = seededRandom(input.options.seed);
  const seen = new Set<string>();
  const seekers: Seeker[] = [];
  for (const s of input.seekers) {
    if (!s.connected || seen.has(s.id)) continue;
    seen.add(s.id);
    seekers.push(s);
  }
  // Seeded shuffle: ties are broken by position, so the seed (not the input order) breaks them.
  for (let i = seekers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = seekers[i]!;
    seekers[i] = seekers[j]!;
    seekers[j] = t;
  }
  const n = seekers.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(seekers[i]!.id, i);

  const topicIds = new Map<string, number>();
  // Raw spelling -> id, so each distinct spelling is normalised once, not once per person.
  const bySpelling = new Map<string, number>();
  const idOf = (topic: string): number => {
    let id = bySpelling.get(topic);
    if (id !== undefined) return id;
    const key = keyOf(topic);
    id = topicIds.get(key);
    if (id === undefined) {
      id = topicIds.size;
      topicIds.set(key, id);
    }
    bySpelling.set(topic, id);
    return id;
  };
  const interests = topicLists(seekers.map((s) => s.interests), idOf);
  const offers = topicLists(seekers.map((s) => s.offers), idOf);
  const asks = topicLists(seekers.map((s) => s.asks), idOf);
  // Group members' topics get ids too, so that a newcomer's fit with a group uses the same ids.
  for (const g of input.active) {
    for (const m of g.members) for (const t of [...m.interests, ...m.offers, ...m.asks]) idOf(t);
  }

  const postings = (lists: TopicLists): number[][] => {
    const out: number[][] = Array.from({ length: topicIds.size }, () => []);
    for (let i = 0; i < n; i++) for (let k = lists.at[i]!; k < lists.at[i + 1]!; k++) out[lists.ids[k]!]!.push(i);
    return out;
  };
  const interestPostings = postings(interests);
  const topicWeight = new Float64Array(topicIds.size);
  for (let t = 0; t < topicIds.size; t++) {
    topicWeight[t] = WEIGHTS.sharedTopic + WEIGHTS.rareTopicBonus * rarity(n, interestPostings[t]!.length);
  }

  const solo = new Uint8Array(n);
  const wait = new Float64Array(n);
  const soloSeekers: number[] = [];
  const otherSeekers: number[] = [];
  const { now } = input.options;
  for (let i = 0; i < n; i++) {
    const s = seekers[i]!;
    solo[i] = s.solo ? 1 : 0;
    (s.solo ? soloSeekers : otherSeekers).push(i);
    wait[i] = (Math.max(0, now - s.lookingSince) / 1000) * WEIGHTS.waitPerSecond;
  }

  const never: Array<Set<number> | undefined> = new Array(n);
  const met: Array<Set<number> | undefined> = new Array(n);
  const index = (pairs: Array<[string, string]>, into: Array<Set<number> | undefined>): void => {
    for (const [a, b] of pairs) {
      const i = indexOf.get(a);
      const j = indexOf.get(b);
      if (i === undefined || j === undefined) continue;
      (into[i] ??= new Set()).add(j);
      (into[j] ??= new Set()).add(i);
    }
  };
  index(input.history.blocked, never);
  index(input.history.cooldown, never);
  index(input.history.met, met);
  return {
    seekers,
    n,
    indexOf,
    topicIds,
    topicId: idOf,
    interests,
    offers,
    asks,
    solo,
    wait,
    topicWeight,
    interestPostings,
    offerPostings: postings(offers),
    askPostings: postings(asks),
    soloSeekers,
    otherSeekers,
    never,
    met,
    random,
  };
}

/** Flattens lists of topics into sorted, de-duplicated ids per list (see `TopicLists`). */
export function topicLists(lists: string[][], idOf: (topic: string) => number): TopicLists {
  let total = 0;
  for (const list of lists) total += list.length;
  const ids = new Int32Array(total);
  const at = new Int32Array(lists.length + 1);
  const mask = new Int32Array(lists.length);
  let end = 0;
  for (let i = 0; i < lists.length; i++) {
    const start = end;
    for (const topic of lists[i]!) {
      const id = idOf(topic);
      // Insertion into the sorted run, skipping repeats: lists hold at most ten topics.
      let p = end;
      while (p > start && ids[p - 1]! > id) p--;
      if (p > start && ids[p - 1] === id) continue;
      for (let q = end; q > p; q--) ids[q] = ids[q - 1]!;
      ids[p] = id;
      end++;
      mask[i]! |= 1 << (id & 31);
    }
    at[i + 1] = end;
  }
  return { ids, at, mask };
}

/** Whether i and j may ever be paired this tick (not self, not blocked, not on cooldown). */
export function allowed(c: Crowd, i: number, j: number): boolean {
  return i !== j && !(c.never[i]?.has(j) ?? false);
}

/** Whether i and j may be paired and have not met before in this event. */
export function fresh(c: Crowd, i: number, j: number): boolean {
  return allowed(c, i, j) && !(c.met[i]?.has(j) ?? false);
}
