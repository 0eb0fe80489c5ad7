import type { MatchRecord } from '../records';
import type { Store } from '../store';
import type { RedisConnection } from './base';
import { decodeMatch, encodeMatch, hashToArgs, pairsToHash } from './codec';

/**
 * Redis side of a match's life, from claim to end (see the Store interface): each move is one
 * script of scripts-matches.ts, so the match and its people change together or not at all.
 * Each takes the Store method's own arguments after the connection.
 */

export async function claimMatch(r: RedisConnection, match: MatchRecord) {
  const k = r.keys;
  const e = match.eventId;
  const ok = await r.script(
    'claimMatch',
    [k.event(e), k.match(e, match.id), k.active(e), k.met(e), k.looking(e), k.busy(), k.matches(e), k.blocked(e), k.cooldown(e)],
    [e, match.id, k.attendeePrefix(e), match.createdAt, k.matchesOfPrefix(e), match.memberIds.length, ...match.memberIds, ...hashToArgs(encodeMatch(match))],
  );
  return ok === 1;
}

export async function joinMatch(r: RedisConnection, ...[eventId, matchId, attendeeId, maxSize, reasons, waitMs, now, asCircle]: Parameters<Store['joinMatch']>) {
  const k = r.keys;
  const out = await r.script(
    'joinMatch',
    [
      k.event(eventId),
      k.match(eventId, matchId),
      k.attendee(eventId, attendeeId),
      k.met(eventId),
      k.looking(eventId),
      k.blocked(eventId),
      k.contacts(eventId, matchId),
      k.cooldown(eventId),
      k.matchesOf(eventId, attendeeId),
    ],
    [attendeeId, maxSize, JSON.stringify(reasons), waitMs, now ?? '', asCircle ? '1' : ''],
  );
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function rewriteMatchText(r: RedisConnection, ...[eventId, matchId, memberIds, text]: Parameters<Store['rewriteMatchText']>) {
  const fields: Record<string, string> = { shared: JSON.stringify(text.sharedTopics), ice: text.icebreaker };
  for (const [id, reasons] of Object.entries(text.reasons)) fields[`r:${id}`] = JSON.stringify(reasons);
  const out = await r.script('rewriteMatchText', [r.keys.match(eventId, matchId)], [JSON.stringify(memberIds), ...hashToArgs(fields)]);
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function updateMatch(r: RedisConnection, ...[eventId, matchId, from, patch]: Parameters<Store['updateMatch']>) {
  const fields: Record<string, string> = {};
  if (patch.status !== undefined) fields.st = patch.status;
  if (patch.metAt !== undefined) fields.met = patch.metAt === null ? '' : String(patch.metAt);
  if (patch.open !== undefined) fields.open = patch.open ? '1' : '0';
  const out = await r.script(
    'updateMatch',
    [r.keys.match(eventId, matchId)],
    [`,${from.join(',')},`, r.keys.attendeePrefix(eventId), ...hashToArgs(fields)],
  );
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function setMatchOpen(r: RedisConnection, ...[eventId, matchId, open, maxMembers]: Parameters<Store['setMatchOpen']>) {
  const out = await r.script('setMatchOpen', [r.keys.event(eventId), r.keys.match(eventId, matchId)], [open ? '1' : '0', maxMembers]);
  if (out === 'ended' || out === 'full') return out;
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function arrived(r: RedisConnection, ...[eventId, matchId, attendeeId]: Parameters<Store['arrived']>) {
  const out = await r.script('arrived', [r.keys.match(eventId, matchId)], [attendeeId]);
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function endMatch(
  r: RedisConnection,
  ...[eventId, matchId, reason, endedAt, next, from = ['matched', 'chatting'], memberIds, arriving]: Parameters<Store['endMatch']>
) {
  const k = r.keys;
  const fours = Object.entries(next).flatMap(([id, n]) => [id, n.status, n.lookingSince === null ? '' : String(n.lookingSince), n.timedOut ?? '']);
  const out = await r.script(
    'endMatch',
    [k.event(eventId), k.match(eventId, matchId), k.active(eventId), k.looking(eventId), k.busy(), k.contacts(eventId, matchId)],
    [eventId, reason, endedAt, k.attendeePrefix(eventId), `,${from.join(',')},`, memberIds ? JSON.stringify(memberIds) : '', arriving ?? '', ...fours],
  );
  if (out === 'members_changed') return out;
  return out ? decodeMatch(pairsToHash(out)) : null;
}

export async function removeFromMatch(
  r: RedisConnection,
  ...[eventId, matchId, attendeeId, next, from = ['matched', 'chatting'], whileArriving]: Parameters<Store['removeFromMatch']>
) {
  const k = r.keys;
  const out = (await r.script(
    'removeFromMatch',
    [
      k.event(eventId),
      k.match(eventId, matchId),
      k.attendee(eventId, attendeeId),
      k.looking(eventId),
      k.busy(),
      k.contacts(eventId, matchId),
      k.blocked(eventId),
    ],
    [eventId, attendeeId, next.status, next.lookingSince === null ? '' : String(next.lookingSince), `,${from.join(',')},`, whileArriving ? '1' : '', next.timedOut ?? ''],
  )) as [number, unknown] | null;
  const match = out && decodeMatch(pairsToHash(out[1]));
  return match ? { match, revealed: out![0] === 1 } : null;
}
