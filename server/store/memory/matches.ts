import { pairKey } from '../../matching/pairs';
import type { AttendeeRecord, MatchRecord } from '../records';
import type { NextAfterMatch as Next } from '../store';
import { dropOffer, dropOffersOnEnd } from './exchange';
import { addFormer, rejoinFormer } from './former';
import { copy, pairsOf } from './plain';
import { addMatchOf, addMet, coolingDown, indexLooking, meetAll, stale, type EventTables } from './tables';

/**
 * A match's life in memory, from claim to end, as the Redis scripts live it: each move checks
 * its guards and then changes the match and its people together, or changes nothing. Moves hand
 * back the live record (the store copies it out) or null (false for a claim) when a guard failed.
 * The Store interface documents each one.
 */

const ACTIVE: ReadonlyArray<MatchRecord['status']> = ['matched', 'chatting'];

/** Moves someone taken off a match to `to`, keeping why the server did it when it says. */
function moveOff(t: EventTables, a: AttendeeRecord, matchId: string, to: Next): void {
  Object.assign(a, { status: to.status, lookingSince: to.lookingSince, matchId: null });
  if (to.timedOut === 'match') a.matchTimedOut = matchId;
  if (to.timedOut === 'arrival') a.arrivalTimedOut = matchId;
  indexLooking(t, a);
}

/** Store.claimMatch. */
export function claim(t: EventTables, match: MatchRecord): boolean {
  // Checked here, not only at the tick's start: an organiser may pause or end mid-tick.
  if (t.event.status !== 'open' || t.matches.has(match.id)) return false;
  const members = match.memberIds.map((id) => t.attendees.get(id));
  if (!members.every((m) => m?.status === 'looking')) return false;
  if (pairsOf(match.memberIds).some((k) => t.blocked.has(k) || coolingDown(t, k, match.createdAt))) return false;
  t.matches.set(match.id, copy(match));
  t.active.add(match.id);
  stale(t, match.memberIds);
  for (const m of members as AttendeeRecord[]) {
    addMatchOf(t, m.id, match.id);
    m.status = 'matched';
    m.matchId = match.id;
    t.looking.delete(m.id);
  }
  meetAll(t, match.memberIds);
  return true;
}

/** Store.joinMatch. */
export function join(
  t: EventTables,
  matchId: string,
  attendeeId: string,
  maxSize: number,
  reasons: string[],
  waitMs: number,
  now?: number,
  asCircle = false,
): MatchRecord | null {
  const match = t.matches.get(matchId);
  const a = t.attendees.get(attendeeId);
  if (t.event.status !== 'open' || !match || !a || !ACTIVE.includes(match.status) || a.status !== 'looking') return null;
  if (asCircle && (match.status !== 'chatting' || !match.open || match.arriving?.length)) return null;
  if (match.memberIds.length >= maxSize) return null;
  const apart = (key: string) => t.blocked.has(key) || coolingDown(t, key, now);
  if (match.memberIds.some((id) => apart(pairKey(id, attendeeId)))) return null;
  stale(t, [matchId, attendeeId]);
  const exchange = t.contacts.get(matchId);
  if (exchange && !exchange.revealed) t.contacts.delete(matchId);
  rejoinFormer(match, attendeeId);
  match.memberIds.push(attendeeId);
  if (match.status === 'chatting') (match.arriving ??= []).push(attendeeId);
  if (now !== undefined) (match.sentAt ??= {})[attendeeId] = now;
  // "Open to one more" means one: whoever joins closes it, until its people open it again.
  match.open = false;
  match.reasons[attendeeId] = [...reasons];
  match.waits[attendeeId] = waitMs;
  a.status = match.status as 'matched' | 'chatting';
  a.matchId = matchId;
  t.looking.delete(attendeeId);
  addMatchOf(t, attendeeId, matchId);
  for (const id of match.memberIds) if (id !== attendeeId) addMet(t, id, attendeeId);
  return match;
}

/** Store.updateMatch. */
export function update(
  t: EventTables,
  matchId: string,
  from: Array<MatchRecord['status']>,
  patch: Partial<Pick<MatchRecord, 'status' | 'metAt' | 'open'>>,
): MatchRecord | null {
  const match = t.matches.get(matchId);
  if (!match || !from.includes(match.status) || !ACTIVE.includes(match.status)) return null;
  Object.assign(match, patch);
  stale(t, [matchId, ...match.memberIds]);
  if (patch.status && patch.status !== 'ended') {
    for (const id of match.memberIds) {
      const a = t.attendees.get(id);
      if (a && a.matchId === matchId) a.status = patch.status;
    }
  }
  return match;
}

/** Store.rewriteMatchText. */
export function rewriteText(
  t: EventTables,
  matchId: string,
  memberIds: string[],
  text: Pick<MatchRecord, 'sharedTopics' | 'icebreaker' | 'reasons'>,
): MatchRecord | null {
  const match = t.matches.get(matchId);
  if (!match || !ACTIVE.includes(match.status)) return null;
  if (!sameMembers(match, memberIds)) return null;
  stale(t, [matchId, ...match.memberIds]);
  match.sharedTopics = [...text.sharedTopics];
  match.icebreaker = text.icebreaker;
  for (const [id, reasons] of Object.entries(text.reasons)) match.reasons[id] = [...reasons];
  return match;
}

/** Whether the match's members are exactly these, in this order. */
function sameMembers(match: MatchRecord, memberIds: string[]): boolean {
  return match.memberIds.length === memberIds.length && match.memberIds.every((id, i) => id === memberIds[i]);
}

/** Store.endMatch. */
export function end(
  t: EventTables,
  matchId: string,
  reason: NonNullable<MatchRecord['endReason']>,
  endedAt: number,
  next: Record<string, Next>,
  from: Array<'matched' | 'chatting'>,
  memberIds?: string[],
  arriving?: string,
): MatchRecord | 'members_changed' | null {
  const match = t.matches.get(matchId);
  if (!match || !(from as string[]).includes(match.status)) return null;
  if (arriving !== undefined && !match.arriving?.includes(arriving)) return null;
  if (memberIds && !sameMembers(match, memberIds)) return 'members_changed';
  Object.assign(match, { status: 'ended', endReason: reason, endedAt });
  dropOffersOnEnd(t, match);
  stale(t, [matchId, ...match.memberIds]);
  t.active.delete(matchId);
  for (const id of match.memberIds) {
    const a = t.attendees.get(id);
    if (!a || a.matchId !== matchId) continue;
    moveOff(t, a, matchId, next[id] ?? { status: 'idle', lookingSince: null });
  }
  return match;
}

/** Store.removeFromMatch. */
export function remove(
  t: EventTables,
  matchId: string,
  attendeeId: string,
  next: Next,
  from: Array<'matched' | 'chatting'>,
  whileArriving = false,
): { match: MatchRecord; revealed: boolean } | null {
  const match = t.matches.get(matchId);
  const a = t.attendees.get(attendeeId);
  if (!match || !a || !(from as string[]).includes(match.status) || a.matchId !== matchId) return null;
  if (whileArriving && !match.arriving?.includes(attendeeId)) return null;
  if (match.memberIds.length <= 2) return null;
  // Someone still on their way to a group that met never met it: not a former member.
  if (match.status === 'chatting' && !dropArriving(match, attendeeId)) addFormer(match, attendeeId);
  match.memberIds = match.memberIds.filter((id) => id !== attendeeId);
  stale(t, [matchId, attendeeId]);
  const revealed = dropOffer(t, match, attendeeId);
  moveOff(t, a, matchId, next);
  return { match, revealed };
}

/** Store.setMatchOpen. */
export function setOpen(t: EventTables, matchId: string, open: boolean, maxMembers: number): MatchRecord | 'ended' | 'full' | null {
  const match = t.matches.get(matchId);
  if (!match || match.status !== 'chatting') return null;
  if (open && t.event.status === 'ended') return 'ended';
  if (open && match.memberIds.length >= maxMembers) return 'full';
  match.open = open;
  stale(t, [matchId, ...match.memberIds]);
  return match;
}

/** Store.arrived. */
export function arrived(t: EventTables, matchId: string, attendeeId: string): MatchRecord | null {
  const match = t.matches.get(matchId);
  if (!match || match.status !== 'chatting' || !dropArriving(match, attendeeId)) return null;
  stale(t, [matchId]);
  return match;
}

/** Takes someone off the match's `arriving`; true if they were on it. */
function dropArriving(match: MatchRecord, attendeeId: string): boolean {
  if (!match.arriving?.includes(attendeeId)) return false;
  const rest = match.arriving.filter((id) => id !== attendeeId);
  if (rest.length > 0) match.arriving = rest;
  else delete match.arriving;
  return true;
}
