import { onTheWay, sharersOf } from '../match-people';
import { othersIn } from '../pair-others';
import type { Contact } from '../../../shared/schemas';
import type { ContactExchange, ReportRecord } from '../records';
import type { ReportOutcome } from '../store';
import type { MemoryState } from './base';
import { offerContact } from './exchange';
import { FORGOTTEN } from './scrub';
import { copy } from './plain';
import { blockAll } from './successors';
import { coolingDown } from './tables';

/** Contacts, feedback, blocks and reports in memory, after the chat (see the Store interface). */

export function shareContact(s: MemoryState, eventId: string, matchId: string, attendeeId: string, contact: Contact): ContactExchange | null {
  const t = s.events.get(eventId);
  const match = t?.matches.get(matchId);
  // Those who keep in touch in it only, checked in the same step as the write: an offer racing
  // its maker's own leave must not be kept for people they are no longer with.
  const sharers = t && match ? sharersOf(match) : [];
  if (!t || !match || !sharers.includes(attendeeId)) return null;
  // Still on their way to a group: they keep in touch with it once they have found it, so that
  // nothing is revealed between people who never met (see `onTheWay`).
  if (onTheWay(match, attendeeId)) return null;
  // Someone gone for good (forgotten or removed) could never share back: nothing to offer to.
  // A block between two of them refuses nothing (a refusal would tell): see offerContact.
  if (!t.contacts.get(matchId)?.revealed && sharers.includes(FORGOTTEN)) return null;
  return s.changed(copy(offerContact(t, match, attendeeId, contact)));
}

export function withdrawContact(s: MemoryState, eventId: string, matchId: string, attendeeId: string): boolean {
  const exchange = s.events.get(eventId)?.contacts.get(matchId);
  if (exchange?.revealed) return false;
  if (exchange) delete exchange.contacts[attendeeId];
  return s.changed(true);
}

export function getContacts(s: MemoryState, eventId: string, matchId: string): ContactExchange {
  return copy(s.events.get(eventId)?.contacts.get(matchId) ?? { contacts: {}, revealed: false });
}

export function setFeedback(s: MemoryState, eventId: string, matchId: string, attendeeId: string, good: boolean): void {
  s.events.get(eventId)?.feedback.set(`${matchId}|${attendeeId}`, good);
  s.changed(undefined);
}

export function countFeedback(s: MemoryState, eventId: string): { good: number; bad: number } {
  const values = [...(s.events.get(eventId)?.feedback.values() ?? [])];
  return { good: values.filter(Boolean).length, bad: values.filter((v) => !v).length };
}

export function addBlock(s: MemoryState, eventId: string, a: string, b: string): string[] {
  const t = s.events.get(eventId);
  return s.changed(t ? blockAll(t, a, b) : [b]);
}

export function listBlocksOf(s: MemoryState, eventId: string, attendeeId: string): string[] {
  return othersIn(s.events.get(eventId)?.blocked ?? [], attendeeId);
}

export function countLookingFor(s: MemoryState, eventId: string, attendeeId: string, now: number): { looking: number; available: number } {
  const t = s.events.get(eventId);
  if (!t) return { looking: 0, available: 0 };
  const cooling = [...t.cooldowns.keys()].filter((key) => coolingDown(t, key, now));
  const apart = new Set(othersIn(cooling, attendeeId));
  let kept = t.looking.has(attendeeId) ? 1 : 0;
  for (const id of apart) if (t.looking.has(id)) kept++;
  return { looking: t.looking.size, available: t.looking.size - kept };
}

export function addReport(s: MemoryState, report: ReportRecord, maxPerReporter = Infinity): ReportOutcome {
  const t = s.events.get(report.eventId);
  if (!t) return 'no-event';
  const mine = t.reports.filter((r) => r.reporterId === report.reporterId);
  if (mine.some((r) => r.reportedId === report.reportedId)) return 'repeat';
  if (mine.length >= maxPerReporter) return 'over-cap';
  t.reports.push(copy(report));
  return s.changed('added');
}

export function listReports(s: MemoryState, eventId: string): ReportRecord[] {
  return copy(s.events.get(eventId)?.reports ?? []);
}
