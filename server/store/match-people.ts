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

/**
 * The members less those still on their way (`arriving`). A forgotten id ('~', see scrub.ts) may be
 * either, so it is taken off once for each '~' on `arriving`: one who met and was then forgotten
 * stays, and with them the rule that nobody swaps with someone gone for good.
 */
function arrivedOf(memberIds: readonly string[], arriving: readonly string[]): string[] {
  let noShows = arriving.filter((id) => id === '~').length;
  return memberIds.filter((id) => !arriving.includes(id) || (id === '~' && noShows-- <= 0));
}

/**
 * Whether `attendeeId` is still on their way to a match that is still on: they may not offer their
 * details there until they have found it. An offer then could reveal the group's details to someone
 * who never met them, and shut out for good whoever left the one waiting for them (`sharersOf`).
 */
export function onTheWay(m: Pick<MatchRecord, 'arriving' | 'status'>, attendeeId: string): boolean {
  return m.status !== 'ended' && m.arriving?.includes(attendeeId) === true;
}

/** The people `attendeeId` was in the match with, in `peopleOf` order. */
export function peopleMetIn(m: People, attendeeId: string): string[] {
  return peopleOf(m).filter((id) => wereTogether(m, attendeeId, id));
}

type Sharing = People & Pick<MatchRecord, 'status'>;

/**
 * Who keeps in touch in a match: the people whose offers make up its one exchange, revealed
 * once each of them has offered. Its members while it lasts (someone on their way included: they
 * are expected). Once it has ended, not anyone who never arrived; and if that leaves one person,
 * who was alone there waiting for a newcomer who never came, the last one to leave them is back
 * in it: nobody carried on without them, so the two may still swap details. A former member is
 * otherwise out of it: the others carried on, and their offers name only who was still with them.
 */
export function sharersOf(m: Sharing): string[] {
  if (m.status !== 'ended' || !m.arriving?.length) return [...m.memberIds];
  const met = arrivedOf(m.memberIds, m.arriving);
  const last = m.formerMembers?.at(-1);
  if (met.length === 1 && last?.with.includes(met[0]!)) return [met[0]!, last.id];
  return met;
}

/**
 * Whether the others carried on without `attendeeId`, who left the match: someone still in it
 * had met someone else there, or a newcomer found them. Not while the one left behind is alone,
 * waiting for someone on their way.
 */
export function carriedOnWithout(m: Sharing, attendeeId: string): boolean {
  if (m.memberIds.includes(attendeeId)) return false;
  return !sharersOf({ ...m, status: 'ended' }).includes(attendeeId);
}

/**
 * The two who may not keep in touch in a live match yet, only because someone is on their way to
 * it: the one left alone there waiting, and the last one to leave them. If the newcomer never
 * comes, nobody carried on without the one who left, and the two may swap (`sharersOf`); if they
 * come, the one who left is out of it for good. Empty for any other match, and once it has ended.
 */
export function awaitingNewcomer(m: Sharing): string[] {
  if (m.status === 'ended' || !m.arriving?.length) return [];
  const ifNobodyCame = sharersOf({ ...m, status: 'ended' });
  return ifNobodyCame.some((id) => !m.memberIds.includes(id)) ? ifNobodyCame : [];
}

/**
 * Whose wait (`awaitingNewcomer`) a change to a match settled, from the match just before it to
 * the match after: the newcomer came (the one who left is out for good), or it ended without them
 * (the two may now swap).
 */
export function waitSettled(before: Sharing, after: Sharing): string[] {
  const still = awaitingNewcomer(after);
  return awaitingNewcomer(before).filter((id) => !still.includes(id));
}
