import type { MatchRecord } from './records';

/**
 * Who met whom in a match whose people changed: a trio or circle where some left after it met
 * and others joined. Two people were in it together if both are members now, or if one left
 * with the other still there (see `FormerMember.with`). A former member and someone who joined
 * after they left never met, though both are on the match.
 */

type People = Pick<MatchRecord, 'memberIds' | 'formerMembers' | 'arriving'>;

/** Everyone a match's aftercare is for: its members, then those who left it after it met. */
export function peopleOf(m: { memberIds: readonly string[]; formerMembers?: ReadonlyArray<{ id: string }> }): string[] {
  return [...m.memberIds, ...(m.formerMembers ?? []).map((f) => f.id)];
}

/**
 * Whether `a` and `b` were in the match at the same moment. Someone still on their way to it
 * (`arriving`, kept when it ends) never was, with anyone.
 */
export function wereTogether(m: People, a: string, b: string): boolean {
  if (a === b || m.arriving?.includes(a) || m.arriving?.includes(b)) return false;
  if (m.memberIds.includes(a) && m.memberIds.includes(b)) return true;
  const withOf = (id: string) => m.formerMembers?.find((f) => f.id === id)?.with ?? [];
  return withOf(a).includes(b) || withOf(b).includes(a);
}

/** The people `attendeeId` was in the match with, in `peopleOf` order. */
export function peopleMetIn(m: People, attendeeId: string): string[] {
  return peopleOf(m).filter((id) => wereTogether(m, attendeeId, id));
}
