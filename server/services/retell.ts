import { groupText } from '../matching/group-reasons';
import type { AttendeeRecord, MatchRecord } from '../store/records';
import type { Store } from '../store/store';

/**
 * Rewrites what a match says about its people (shared topics, icebreaker, everyone's reasons)
 * for those in it now, after someone joined or left: see `groupText`. `members` are its
 * members' records, in any order; `kept` the reasons to keep as they are (the matcher's, for
 * who just joined). Returns the match after, or null when its people changed again in between:
 * that change rewrites it in turn, so the last change's text is the one that stays.
 */
export function retellMatch(
  store: Store,
  match: MatchRecord,
  members: ReadonlyArray<AttendeeRecord>,
  kept?: Record<string, string[]>,
): Promise<MatchRecord | null> {
  const inOrder = match.memberIds.flatMap((id) => members.filter((m) => m.id === id));
  return store.rewriteMatchText(match.eventId, match.id, match.memberIds, groupText(match, inOrder, kept));
}
