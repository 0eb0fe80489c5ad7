import type { Contact } from '../../../shared/schemas';
import { othersIn } from '../pair-others';
import type { ContactExchange, ReportRecord } from '../records';
import type { ReportOutcome } from '../store';
import { removedPersonHash } from '../removed-person';
import type { RedisConnection } from './base';
import { decodeAttendee, pairsToHash } from './codec';

/** Redis side of contacts, feedback, blocks, reports and forgetting (see the Store interface). */

export async function shareContact(
  r: RedisConnection,
  eventId: string,
  matchId: string,
  attendeeId: string,
  contact: Contact,
): Promise<ContactExchange | null> {
  const k = r.keys;
  const out = await r.script(
    'shareContact',
    [k.event(eventId), k.match(eventId, matchId), k.contacts(eventId, matchId), k.blocked(eventId)],
    [attendeeId, JSON.stringify(contact)],
  );
  return out ? decodeExchange(pairsToHash(out)) : null;
}

export async function withdrawContact(r: RedisConnection, eventId: string, matchId: string, attendeeId: string) {
  return (await r.script('withdrawContact', [r.keys.contacts(eventId, matchId)], [attendeeId])) === 1;
}

export async function getContacts(r: RedisConnection, eventId: string, matchId: string): Promise<ContactExchange> {
  return decodeExchange(await r.run(() => r.redis.hgetall(r.keys.contacts(eventId, matchId))));
}

export async function setFeedback(r: RedisConnection, eventId: string, matchId: string, attendeeId: string, good: boolean) {
  const k = r.keys;
  await r.script('writeWithExpiry', [k.event(eventId), k.feedback(eventId)], ['HSET', `${matchId}|${attendeeId}`, good ? '1' : '0']);
}

export async function countFeedback(r: RedisConnection, eventId: string) {
  const values = await r.run(() => r.redis.hvals(r.keys.feedback(eventId)));
  return { good: values.filter((v) => v === '1').length, bad: values.filter((v) => v === '0').length };
}

export async function addBlock(r: RedisConnection, eventId: string, a: string, b: string): Promise<string[]> {
  const k = r.keys;
  const theirs = await r.script('addBlock', [k.event(eventId), k.blocked(eventId), k.successors(eventId)], [a, b]);
  return (theirs as string[] | null) ?? [b];
}

export async function countLookingFor(r: RedisConnection, eventId: string, attendeeId: string, now: number) {
  const k = r.keys;
  const out = (await r.script('countLookingFor', [k.looking(eventId), k.cooldown(eventId)], [attendeeId, now])) as [number, number];
  return { looking: out[0], available: out[1] };
}

export async function listBlocksOf(r: RedisConnection, eventId: string, attendeeId: string): Promise<string[]> {
  // One pair per block: a small set, read whole.
  return othersIn(await r.run(() => r.redis.smembers(r.keys.blocked(eventId))), attendeeId);
}

export async function addReport(r: RedisConnection, report: ReportRecord, maxPerReporter = Infinity): Promise<ReportOutcome> {
  const k = r.keys;
  const outcome = await r.script(
    'addReport',
    [k.event(report.eventId), k.reports(report.eventId)],
    [report.reporterId, report.reportedId, JSON.stringify(report), Number.isFinite(maxPerReporter) ? maxPerReporter : ''],
  );
  return outcome as ReportOutcome;
}

export async function listReports(r: RedisConnection, eventId: string): Promise<ReportRecord[]> {
  const raw = await r.run(() => r.redis.lrange(r.keys.reports(eventId), 0, -1));
  return raw.map((s) => JSON.parse(s) as ReportRecord);
}

/** Keeps a removed attendee's token hash until the event's data goes (see Store.markRemoved). */
export async function markRemoved(r: RedisConnection, eventId: string, attendeeId: string) {
  const k = r.keys;
  const out = await r.script(
    'markRemoved',
    [k.event(eventId), k.attendee(eventId, attendeeId), k.removed(eventId), k.removedPeople(eventId)],
    [k.removedTokenPrefix(), eventId, removedPersonHash(eventId, attendeeId)],
  );
  return out === 1;
}

/** Whether the organiser removed this attendee (see Store.wasRemoved). */
export async function wasRemoved(r: RedisConnection, eventId: string, attendeeId: string): Promise<boolean> {
  return (await r.run(() => r.redis.sismember(r.keys.removedPeople(eventId), removedPersonHash(eventId, attendeeId)))) === 1;
}

/** Undoes markRemoved for an attendee still in the event (see Store.unmarkRemoved). */
export async function unmarkRemoved(r: RedisConnection, eventId: string, attendeeId: string): Promise<void> {
  const k = r.keys;
  await r.script(
    'unmarkRemoved',
    [k.attendee(eventId, attendeeId), k.removed(eventId), k.removedPeople(eventId)],
    [k.removedTokenPrefix(), removedPersonHash(eventId, attendeeId)],
  );
}

/** The event's removed-token set holds one token per removed attendee (see Store.countRemoved). */
export async function countRemoved(r: RedisConnection, eventId: string): Promise<number> {
  return r.run(() => r.redis.scard(r.keys.removed(eventId)));
}

export async function removedFrom(r: RedisConnection, tokenHash: string): Promise<string | null> {
  return r.run(() => r.redis.get(r.keys.removedToken(tokenHash)));
}

/** Deletes an attendee and every trace of them, in one script. */
export async function forgetAttendee(r: RedisConnection, eventId: string, attendeeId: string) {
  const k = r.keys;
  const out = await r.script(
    'forgetAttendee',
    [
      k.attendee(eventId, attendeeId),
      k.attendees(eventId),
      k.looking(eventId),
      k.matches(eventId),
      k.met(eventId),
      k.blocked(eventId),
      k.cooldown(eventId),
      k.feedback(eventId),
      k.reports(eventId),
      k.matchesOf(eventId, attendeeId),
      k.successors(eventId),
    ],
    [attendeeId, k.matchPrefix(eventId), k.contactsPrefix(eventId), k.tokenPrefix()],
  );
  return out ? decodeAttendee(pairsToHash(out)) : null;
}

function decodeExchange(h: Record<string, string>): ContactExchange {
  const contacts: Record<string, Contact> = {};
  for (const [id, json] of Object.entries(h)) if (id !== '~revealed') contacts[id] = JSON.parse(json) as Contact;
  return { contacts, revealed: h['~revealed'] === '1' };
}
