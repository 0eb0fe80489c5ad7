import type { Contact } from '../../shared/schemas';
import type { ContactExchange, ReportRecord } from './records';

/** What `Store.addReport` did with a report. */
export type ReportOutcome = 'added' | 'repeat' | 'over-cap' | 'no-event';

/**
 * The part of the Store (store.ts) for after the chat: keeping in touch, feedback, blocks and
 * reports. Atomic as the rest: each method applies whole or not at all.
 */
export interface AftercareStore {
  /**
   * Records a contact offer in a match by one of its members, checked in the same atomic step:
   * a former member (who left after it met) cannot offer, since the others' offers were made to
   * whoever is still with them. When every member has offered, the exchange becomes revealed,
   * for good. Null if the attendee is not a member, or, before the reveal, if a member is gone
   * for good (forgotten or removed: they could never share back), checked in the same step; an
   * already revealed exchange is returned unchanged (without the offer, if it was not in it).
   */
  shareContact(eventId: string, matchId: string, attendeeId: string, contact: Contact): Promise<ContactExchange | null>;
  /**
   * Takes an offer back. False if the exchange was already revealed; otherwise true, and a
   * no-op for anyone without an offer standing (a former member's went when they left).
   */
  withdrawContact(eventId: string, matchId: string, attendeeId: string): Promise<boolean>;
  getContacts(eventId: string, matchId: string): Promise<ContactExchange>;
  /** One 👍/👎 per member per match; a repeat replaces it. */
  setFeedback(eventId: string, matchId: string, attendeeId: string, good: boolean): Promise<void>;
  /** Counts of 👍 and 👎 over the event. */
  countFeedback(eventId: string): Promise<{ good: number; bad: number }>;
  /**
   * Never match these two again in this event, nor anyone who started over from either of them
   * (see `createAttendee`), however many times over, in one atomic step. Returns `b` and those who
   * started over from them: everyone now kept apart from `a`.
   */
  addBlock(eventId: string, a: string, b: string): Promise<string[]>;
  /** The people an attendee blocked or was blocked by in an event, each once, in no order. */
  listBlocksOf(eventId: string, attendeeId: string): Promise<string[]>;
  /**
   * Keeps a report for the organiser: one per reporter about one attendee per event, and at most
   * `maxPerReporter` attendees per reporter. Checking both and storing are one atomic step, so
   * reports sent at once never pass the cap. Returns `added`; `repeat` for a report this reporter
   * already made about this attendee (a phone resending after a reconnect), which changes
   * nothing, even at the cap; `over-cap` for someone new past the cap, storing nothing; or
   * `no-event`.
   * @param maxPerReporter how many attendees one reporter may report; left out, there is no cap.
   */
  addReport(report: ReportRecord, maxPerReporter?: number): Promise<ReportOutcome>;
  listReports(eventId: string): Promise<ReportRecord[]>;
}
