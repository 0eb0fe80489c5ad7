import { listOf } from '../../shared/list';
import { keyOf } from './topics';
import type { ActiveGroup, Seeker } from './types';

type Profile = Pick<Seeker, 'interests' | 'solo' | 'offers' | 'asks'>;

/** What topics are compared by: `keyOf`, or anything that maps the same topics to the same keys. */
export type TopicKey = (topic: string) => string | number;

/**
 * Interests two lists share, in the first list's display form and order, rarest first when
 * `rarityOf` is given (so the most telling one leads).
 */
export function sharedTopics(
  first: ReadonlyArray<string>,
  second: ReadonlyArray<string>,
  rarityOf?: (topic: string) => number,
  key: TopicKey = keyOf,
): string[] {
  const out: string[] = [];
  if (first.length === 0 || second.length === 0) return out;
  // Lists hold at most a few dozen topics: arrays beat sets at this size.
  const theirs = second.map(key);
  const seen: Array<string | number> = [];
  for (const t of first) {
    const k = key(t);
    // A topic with nothing visible in it (keyOf '', topicId -1) is shared with nobody.
    if (k === '' || k === -1) continue;
    if (theirs.includes(k) && !seen.includes(k)) {
      seen.push(k);
      out.push(t);
    }
  }
  if (rarityOf && out.length > 1) {
    const r = new Map(out.map((t) => [t, rarityOf(t)]));
    out.sort((x, y) => r.get(y)! - r.get(x)!);
  }
  return out;
}

/** Why two people were paired, as `me` should read it. */
export function pairReasonsFor(
  me: Profile,
  them: Profile,
  shared: ReadonlyArray<string>,
  opts: {
    repeat: boolean;
    rareTopic: string | null;
    key?: TopicKey;
    /** What they offer that I asked about, and the other way, when the caller knows already. */
    theyHelp?: ReadonlyArray<string>;
    youHelp?: ReadonlyArray<string>;
  },
): string[] {
  const key = opts.key ?? keyOf;
  const out: string[] = [];
  if (me.solo && them.solo) out.push("You're both here on your own");
  if (shared.length > 0) out.push(`You both picked ${listOf(shared)}`);
  if (opts.rareTopic) out.push(`Not many people here picked ${opts.rareTopic}`);
  for (const topic of opts.theyHelp ?? sharedTopics(them.offers, me.asks, undefined, key)) {
    out.push(`They can help with ${topic}, which you asked about`);
  }
  for (const topic of opts.youHelp ?? sharedTopics(me.offers, them.asks, undefined, key)) {
    out.push(`You can help with ${topic}, which they asked about`);
  }
  if (opts.repeat) out.push("You've been matched before, and nobody new is free right now");
  if (out.length === 0) out.push('You were both looking to meet someone new');
  return out;
}

/** Why a newcomer is joining an existing match, as the newcomer should read it. */
export function joinReasons(
  me: Profile,
  group: ActiveGroup,
  kind: 'circle' | 'trio',
  shared: ReadonlyArray<string>,
  metSomeone: boolean,
): string[] {
  const out: string[] =
    kind === 'circle'
      ? ["You're joining a circle that's open to one more"]
      : group.status === 'chatting'
        ? ["You're joining a pair who just met, as a third, so you don't have to wait longer"]
        : ["You're joining a pair who are finding each other now, as a third, so you don't have to wait longer"];
  if (me.solo && group.members.some((m) => m.solo)) out.push("Someone there is on their own too");
  if (shared.length > 0) out.push(`You share ${listOf(shared)} with the group`);
  const helps = new Set<string>();
  const helped = new Set<string>();
  for (const m of group.members) {
    for (const t of sharedTopics(m.offers, me.asks)) helps.add(t);
    for (const t of sharedTopics(me.offers, m.asks)) helped.add(t);
  }
  for (const t of dedupe(helps)) out.push(`Someone there can help with ${t}, which you asked about`);
  for (const t of dedupe(helped)) out.push(`You can help with ${t}, which someone there asked about`);
  if (metSomeone) out.push("You've been matched with someone there before; nobody new is free right now");
  return out;
}

function dedupe(topics: Set<string>): string[] {
  const seen = new Set<string>();
  return [...topics].filter((t) => {
    const k = keyOf(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
