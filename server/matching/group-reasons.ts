import { pickIcebreaker } from './icebreakers';
import { listOf } from '../../shared/list';
import { pairReasonsFor, sharedTopics } from './reasons';
import { seedFrom, seededRandom } from './rng';
import { keyOf } from './topics';
import type { Seeker } from './types';

/** A member of a match, as far as what the match says about them goes. */
export type GroupMember = Pick<Seeker, 'id' | 'interests' | 'solo' | 'offers' | 'asks'>;

/** What a match says about its people: the fields of a match record that describe who is in it. */
export interface GroupText {
  /** Interests every member picked, in the first member's spelling. */
  sharedTopics: string[];
  icebreaker: string;
  /** Why, per member, as each should read it. */
  reasons: Record<string, string[]>;
}

/**
 * What a match says about its people, worked out again after someone joined or left, so that
 * every statement is true of the people in it now. Pure.
 *
 * - `sharedTopics`: the interests every member picked (in a pair, the two share them), in the
 *   first member's spelling, those the match showed before first and in its order.
 * - `reasons`: a pair reads the pair statements (reasons.ts); a trio or circle reads what holds
 *   of the group, as each member sees it. Only what the people themselves tell: whether they met
 *   before and how rare a topic is are the matcher's to know, and are left out.
 * - `icebreaker`: kept, unless it names a topic the group no longer shares or speaks to two
 *   ("You both…") in a bigger group; then a general question, seeded by the match and its
 *   members, so every instance picks the same one.
 *
 * `members` in the match's order. `kept` holds reasons to keep as they are: the matcher's for
 * someone who joined this very group just now.
 */
export function groupText(
  match: { id: string; sharedTopics: ReadonlyArray<string>; icebreaker: string },
  members: ReadonlyArray<GroupMember>,
  kept: Readonly<Record<string, string[]>> = {},
): GroupText {
  const shared = inOrderOf(match.sharedTopics, sharedByAll(members));
  const reasons: Record<string, string[]> = {};
  for (const me of members) {
    const others = members.filter((m) => m.id !== me.id);
    const pair = others.length === 1 ? others[0]! : null;
    reasons[me.id] = kept[me.id] ?? (pair ? pairReasonsFor(me, pair, shared, { repeat: false, rareTopic: null }) : groupReasonsFor(me, others, shared));
  }
  const stale =
    namesTopicNoLongerShared(match.icebreaker, match.sharedTopics, shared) || (members.length > 2 && /\bYou both\b/.test(match.icebreaker));
  const random = seededRandom(seedFrom(`${match.id}:${members.map((m) => m.id).join(',')}`));
  return { sharedTopics: shared, icebreaker: stale ? pickIcebreaker([], random) : match.icebreaker, reasons };
}

/** Why `me` is in a trio or circle with `others`, as `me` should read it. */
function groupReasonsFor(me: GroupMember, others: ReadonlyArray<GroupMember>, everyone: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  if (me.solo && others.every((m) => m.solo)) out.push("You're all here on your own");
  else if (me.solo && others.some((m) => m.solo)) out.push('Someone there is on their own too');
  if (everyone.length > 0) out.push(`You all picked ${listOf(everyone)}`);
  const all = new Set(everyone.map(keyOf));
  const withSome = sharedTopics(me.interests, others.flatMap((m) => m.interests)).filter((t) => !all.has(keyOf(t)));
  if (withSome.length > 0) out.push(`You share ${listOf(withSome)} with someone there`);
  for (const t of sharedTopics(others.flatMap((m) => m.offers), me.asks)) out.push(`Someone there can help with ${t}, which you asked about`);
  for (const t of sharedTopics(me.offers, others.flatMap((m) => m.asks))) out.push(`You can help with ${t}, which someone there asked about`);
  if (out.length === 0) out.push('You were all looking to meet someone new');
  return out;
}

/** The interests every member picked, in the first member's spelling and order, once each. */
function sharedByAll(members: ReadonlyArray<GroupMember>): string[] {
  if (members.length === 0) return [];
  let shared = sharedTopics(members[0]!.interests, members[0]!.interests);
  for (const m of members.slice(1)) shared = sharedTopics(shared, m.interests);
  return shared;
}

/** `topics`, those also in `before` first and in its order (the match's order, rarest first), then the rest. */
function inOrderOf(before: ReadonlyArray<string>, topics: string[]): string[] {
  const rank = (t: string) => {
    const k = before.findIndex((b) => keyOf(b) === keyOf(t));
    return k === -1 ? before.length : k;
  };
  return topics.map((t, i) => ({ t, i, r: rank(t) })).sort((x, y) => x.r - y.r || x.i - y.i).map((x) => x.t);
}

/** Whether `text` names one of the topics in `before` that is not in `now`. */
function namesTopicNoLongerShared(text: string, before: ReadonlyArray<string>, now: ReadonlyArray<string>): boolean {
  const kept = new Set(now.map(keyOf));
  return before.some((t) => !kept.has(keyOf(t)) && names(text, t));
}

/** Whether `text` has `topic` in it as a whole phrase (not "art" inside "party"). */
function names(text: string, topic: string): boolean {
  const hay = text.toLowerCase();
  const needle = topic.toLowerCase();
  if (needle.length === 0) return false;
  const wordy = /[\p{L}\p{N}]/u;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if ((before === undefined || !wordy.test(before)) && (after === undefined || !wordy.test(after))) return true;
  }
  return false;
}
