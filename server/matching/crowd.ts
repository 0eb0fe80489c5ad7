import { seededRandom, seedFrom } from './rng';
import { rarity } from './score';
import { keyOf } from './topics';
import type { MatchInput, Seeker } from './types';
import { WEIGHTS } from './weights';

/**
 * One tick's seekers, indexed for fast scoring: topics become small integers, each seeker's
 * interests, offers and asks become sorted id arrays, and the history becomes per-seeker lists
 * of indices (all flat typed arrays, see `Lists`). Built once per tick; everything after works
 * on indices, not strings.
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
  /**
   * Whether every seeker's topics (interests, offers, asks) have ids below MASK_TOPICS, so that
   * the exact masks hold all of them. An event's own topics are a few dozen; many more typed in
   * by hand take the lists' merge instead.
   */
  narrow: boolean;
  offers: TopicLists;
  asks: TopicLists;
  solo: Uint8Array;
  /** Waiting points (see `WEIGHTS.waitPerSecond`). */
  wait: Float64Array;
  /** Per topic id: what sharing it as an interest is worth, from its rarity. */
  topicWeight: Float64Array;
  /** Per topic id: the seekers who picked it as an interest / offer / ask, in index order. */
  interestPostings: Lists;
  offerPostings: Lists;
  askPostings: Lists;
  /** Seekers on their own, and the others, in index order. */
  soloSeekers: Int32Array;
  otherSeekers: Int32Array;
  /** Per seeker: indices never to pair with now (blocked or on cooldown). */
  never: Lists;
  /** Per seeker: indices they met earlier in the event. */
  met: Lists;
  random: () => number;
}

/** Many short lists of integers in one flat array: list k is `ids[at[k]]` up to `ids[at[k + 1]]`. */
export interface Lists {
  ids: Int32Array;
  at: Int32Array;
}

/**
 * Sorted topic ids of many people in one flat array: person i's are `ids[at[i]]` up to (not
 * including) `ids[at[i + 1]]`. One allocation instead of one small array per person, and a
 * 32-bit `mask` per person (bit id % 32 set for each id) that rules out most pairs with
 * nothing in common without comparing lists.
 */
export interface TopicLists extends Lists {
  mask: Int32Array;
  /**
   * The same ids as exact bits, for ids below 64 (`lo`: ids 0 to 31, `hi`: 32 to 63): when the
   * crowd is `narrow`, comparing two people is a few bit operations instead of a merge of lists.
   */
  lo: Int32Array;
  hi: Int32Array;
}

/** Topic ids below this fit the exact masks (`TopicLists.lo` and `hi`). */
export const MASK_TOPICS = 64;

/** Indexes one tick's input. Disconnected seekers and repeated ids are left out. */
export function buildCrowd(input: MatchInput): Crowd {
  const random = seededRandom(input.options.seed);
  const indexOf = new Map<string, number>();
  const seekers: Seeker[] = [];
  for (const s of input.seekers) {
    if (!s.connected || indexOf.has(s.id)) continue;
    indexOf.set(s.id, -1);
    seekers.push(s);
  }
  seededOrder(seekers, input.options.seed);
  const n = seekers.length;
  for (let i = 0; i < n; i++) indexOf.set(seekers[i]!.id, i);

  const topicIds = new Map<string, number>();
  // Raw spelling -> id, so each distinct spelling is normalised once, not once per person.
  const bySpelling = new Map<string, number>();
  const idOf = (topic: string): number => {
    let id = bySpelling.get(topic);
    if (id !== undefined) return id;
    const key = keyOf(topic);
    // Nothing visible in it (stored before such topics were refused): no topic at all.
    if (key === '') return -1;
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
  const narrow = topicIds.size <= MASK_TOPICS;
  // Group members' topics get ids too, so that a newcomer's fit with a group uses the same ids.
  for (const g of input.active) {
    for (const m of g.members) {
      for (const t of m.interests) idOf(t);
      for (const t of m.offers) idOf(t);
      for (const t of m.asks) idOf(t);
    }
  }

  const topics = topicIds.size;
  const interestPostings = invert(interests, n, topics);
  const topicWeight = new Float64Array(topics);
  for (let t = 0; t < topics; t++) {
    const df = interestPostings.at[t + 1]! - interestPostings.at[t]!;
    topicWeight[t] = WEIGHTS.sharedTopic + WEIGHTS.rareTopicBonus * rarity(n, df);
  }

  const solo = new Uint8Array(n);
  const wait = new Float64Array(n);
  let solos = 0;
  const { now } = input.options;
  for (let i = 0; i < n; i++) {
    const s = seekers[i]!;
    if (s.solo) {
      solo[i] = 1;
      solos++;
    }
    wait[i] = (Math.max(0, now - s.lookingSince) / 1000) * WEIGHTS.waitPerSecond;
  }
  const soloSeekers = new Int32Array(solos);
  const otherSeekers = new Int32Array(n - solos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (solo[i]) soloSeekers[a++] = i;
    else otherSeekers[b++] = i;
  }

  return {
    seekers,
    n,
    indexOf,
    topicIds,
    topicId: idOf,
    interests,
    narrow,
    offers,
    asks,
    solo,
    wait,
    topicWeight,
    interestPostings,
    offerPostings: invert(offers, n, topics),
    askPostings: invert(asks, n, topics),
    soloSeekers,
    otherSeekers,
    never: links(n, indexOf, input.history.blocked, input.history.cooldown),
    met: links(n, indexOf, input.history.met, []),
    random,
  };
}

/**
 * Puts seekers in an order that depends on the seed and their ids only, never on the order they
 * were given in (a Redis set has none): ties are broken by position, so the seed breaks them.
 * Each id is hashed with the seed; one numeric sort of hash and position (packed in a float)
 * stays cheap at thousands of seekers, and ids break the rare equal hashes.
 */
function seededOrder(seekers: Seeker[], seed: number): void {
  const n = seekers.length;
  if (n < 2) return;
  if (n > POSITIONS) throw new RangeError(`A crowd of ${n} is more than one tick can order`);
  const hash = new Uint32Array(n);
  for (let i = 0; i < n; i++) hash[i] = mix(seedFrom(seekers[i]!.id) ^ seed);
  // Hash and position in one float (exact below 2^53), for a native numeric sort.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = hash[i]! * POSITIONS + i;
  keys.sort();
  const given = seekers.slice();
  const sorted = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = keys[k]! % POSITIONS;
    seekers[k] = given[i]!;
    sorted[k] = hash[i]!;
  }
  // Equal hashes (rare): the smaller id first, by insertion, as such runs are one or two long.
  for (let k = 1; k < n; k++) {
    for (let j = k; j > 0 && sorted[j - 1] === sorted[j] && seekers[j - 1]!.id > seekers[j]!.id; j--) {
      const t = seekers[j - 1]!;
      seekers[j - 1] = seekers[j]!;
      seekers[j] = t;
    }
  }
}

/** Positions packed with a 32-bit hash into one float: 2^32 × 2^20 stays below 2^53. */
const POSITIONS = 2 ** 20;

/** A 32-bit integer hash finaliser (from MurmurHash3), so nearby ids and seeds spread out. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Flattens lists of topics into sorted, de-duplicated ids per list (see `TopicLists`). */
export function topicLists(lists: string[][], idOf: (topic: string) => number): TopicLists {
  let total = 0;
  for (const list of lists) total += list.length;
  const ids = new Int32Array(total);
  const at = new Int32Array(lists.length + 1);
  const mask = new Int32Array(lists.length);
  const lo = new Int32Array(lists.length);
  const hi = new Int32Array(lists.length);
  let end = 0;
  for (let i = 0; i < lists.length; i++) {
    const start = end;
    for (const topic of lists[i]!) {
      const id = idOf(topic);
      if (id < 0) continue;
      // Insertion into the sorted run, skipping repeats: lists hold at most ten topics.
      let p = end;
      while (p > start && ids[p - 1]! > id) p--;
      if (p > start && ids[p - 1] === id) continue;
      for (let q = end; q > p; q--) ids[q] = ids[q - 1]!;
      ids[p] = id;
      end++;
      mask[i]! |= 1 << (id & 31);
      if (id < 32) lo[i]! |= 1 << id;
      else if (id < MASK_TOPICS) hi[i]! |= 1 << (id - 32);
    }
    at[i + 1] = end;
  }
  return { ids, at, mask, lo, hi };
}

/** Per topic id, the people whose lists hold it, in index order (a counting sort). */
function invert(lists: Lists, n: number, topics: number): Lists {
  const at = new Int32Array(topics + 1);
  const m = lists.at[n]!;
  for (let k = 0; k < m; k++) at[lists.ids[k]! + 1]!++;
  for (let t = 0; t < topics; t++) at[t + 1]! += at[t]!;
  const fill = at.slice(0, topics);
  const ids = new Int32Array(m);
  for (let i = 0; i < n; i++) for (let k = lists.at[i]!; k < lists.at[i + 1]!; k++) ids[fill[lists.ids[k]!]!++] = i;
  return { ids, at };
}

/** Per seeker, the others named with them in the given pairs (both ways; unknown ids ignored). */
function links(n: number, indexOf: Map<string, number>, a: Array<[string, string]>, b: Array<[string, string]>): Lists {
  const ends: number[] = [];
  for (const pairs of [a, b]) {
    for (const [x, y] of pairs) {
      const i = indexOf.get(x);
      const j = indexOf.get(y);
      if (i !== undefined && j !== undefined && i !== j) ends.push(i, j);
    }
  }
  const at = new Int32Array(n + 1);
  for (let k = 0; k < ends.length; k++) at[ends[k]! + 1]!++;
  for (let i = 0; i < n; i++) at[i + 1]! += at[i]!;
  const fill = at.slice(0, n);
  const ids = new Int32Array(ends.length);
  for (let k = 0; k < ends.length; k += 2) {
    ids[fill[ends[k]!]!++] = ends[k + 1]!;
    ids[fill[ends[k + 1]!]!++] = ends[k]!;
  }
  return { ids, at };
}

/** Whether list i of `lists` holds j. */
export function holds(lists: Lists, i: number, j: number): boolean {
  const { ids, at } = lists;
  for (let k = at[i]!, end = at[i + 1]!; k < end; k++) if (ids[k] === j) return true;
  return false;
}

/** Whether i and j may ever be paired this tick (not self, not blocked, not on cooldown). */
export function allowed(c: Crowd, i: number, j: number): boolean {
  return i !== j && !holds(c.never, i, j);
}

/** Whether i and j may be paired and have not met before in this event. */
export function fresh(c: Crowd, i: number, j: number): boolean {
  return i !== j && !holds(c.never, i, j) && !holds(c.met, i, j);
}
