import { fresh, type Crowd, type TopicLists } from './crowd';
import { dictionary } from '../dictionary';
import { pairReasonsFor } from './reasons';
import { pairScore, rarity } from './score';
import type { NewGroup } from './types';

/**
 * The pairs in `mate` as new groups: score, shared interests and each member's reasons. Topics
 * are compared by the crowd's topic ids (sorted per person, with a bit mask that rules out most
 * pairs with nothing in common), so a tick's thousands of explanations cost no string keys.
 */
export function pairGroups(c: Crowd, mate: Int32Array): NewGroup[] {
  const groups: NewGroup[] = [];
  const ids: number[] = [];
  for (let i = 0; i < c.n; i++) {
    const j = mate[i]!;
    if (j < i) continue;
    // The longer waiter first: their spelling of shared topics is the one shown.
    const first = c.seekers[i]!.lookingSince <= c.seekers[j]!.lookingSince;
    const x = first ? i : j;
    const y = first ? j : i;
    const a = c.seekers[x]!;
    const b = c.seekers[y]!;
    const shared = picked(c, a.interests, c.interests, c.interests, x, y, ids);
    rarestFirst(c, shared, ids);
    const rareTopic = shared.length > 0 && c.n >= 10 && rarityOf(c, ids[0]!) >= 0.75 ? shared[0]! : null;
    const repeat = !fresh(c, x, y);
    const ab = { repeat, rareTopic, theyHelp: picked(c, b.offers, c.offers, c.asks, y, x, ids), youHelp: picked(c, a.offers, c.offers, c.asks, x, y, ids) };
    const ba = { repeat, rareTopic, theyHelp: ab.youHelp, youHelp: ab.theyHelp };
    const reasons = dictionary<string[]>();
    reasons[a.id] = pairReasonsFor(a, b, shared, ab);
    reasons[b.id] = pairReasonsFor(b, a, shared, ba);
    groups.push({ memberIds: [a.id, b.id], score: pairScore(c, x, y), sharedTopics: shared, reasons, repeat });
  }
  return groups;
}

/**
 * The topics of `mine` (person x's list as typed; `own` is the same list as ids) whose ids are in person y's list of
 * `theirs`, in x's order and spelling, once each; their ids go to `ids`. `mine` and `theirs`
 * are the same kind of list (interests and interests) or a matching one (offers and asks).
 */
function picked(c: Crowd, mine: string[], own: TopicLists, theirs: TopicLists, x: number, y: number, ids: number[]): string[] {
  ids.length = 0;
  if (mine.length === 0 || theirs.at[y] === theirs.at[y + 1] || (own.mask[x]! & theirs.mask[y]!) === 0) return [];
  const out: string[] = [];
  for (const topic of mine) {
    const id = c.topicId(topic);
    if (ids.includes(id)) continue;
    for (let k = theirs.at[y]!; k < theirs.at[y + 1]!; k++) {
      if (theirs.ids[k] !== id) continue;
      ids.push(id);
      out.push(topic);
      break;
    }
  }
  return out;
}

function rarityOf(c: Crowd, id: number): number {
  const at = c.interestPostings.at;
  return rarity(c.n, id + 1 < at.length ? at[id + 1]! - at[id]! : 0);
}

/** Sorts topics (and their ids alongside) rarest first, keeping the order of equals. */
function rarestFirst(c: Crowd, topics: string[], ids: number[]): void {
  for (let k = 1; k < topics.length; k++) {
    const t = topics[k]!;
    const id = ids[k]!;
    const r = rarityOf(c, id);
    let p = k;
    while (p > 0 && rarityOf(c, ids[p - 1]!) < r) {
      topics[p] = topics[p - 1]!;
      ids[p] = ids[p - 1]!;
      p--;
    }
    topics[p] = t;
    ids[p] = id;
  }
}
