import type { Event } from '../../../../shared/schemas';
import { effectiveEnd, latestPlannedEnd, pastPlannedEnd } from '../../shared/planned-end';
import { dayAndTime } from '../../shared/time';
import { confirmAction } from './confirm';

/**
 * What the edit form says about the planned end, in concrete times: how late it may be, what
 * leaving it empty means, when everything is deleted, and the question before a save that
 * brings that sooner.
 */

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The latest planned end the server takes for the event, as the picker's max: "Tue 8 Dec, 09:00". */
export function latestEndWords(createdAt: string, now = Date.now()): string {
  return dayAndTime(iso(Math.floor(latestPlannedEnd(createdAt, now) / MINUTE) * MINUTE));
}

/**
 * How long after its end an event is kept, in words: "6 hours", "1 hour", "90 minutes"; null
 * unless it is a whole number of minutes (RETENTION_HOURS may be a fraction), as then it would be
 * rounded, not said.
 */
export function retentionWords(ms: number): string | null {
  if (!(ms > 0) || ms % MINUTE !== 0) return null;
  const minutes = ms / MINUTE;
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

/**
 * The planned end's hint, in concrete times: the latest it may be, what empty means (a day after
 * creation, which may be sooner than the organiser thinks), and when everything is deleted
 * (`deletesAt`, from the figures; null until they come). `fresh`: the figures were worked out
 * for this planned end, so their deletion time less it is the retention period exactly, said as
 * "6 hours after it"; figures from before the end moved say "a while after it" until the next come.
 */
export function endsAtHint(event: Event, deletesAt: string | null, now = Date.now(), fresh = false): string {
  const latest = `Any time until ${latestEndWords(event.createdAt, now)}.`;
  const byDefault = effectiveEnd(null, event.createdAt);
  const empty =
    byDefault > now
      ? `Empty: the event counts as ending a day after it was created, ${dayAndTime(iso(byDefault))}.`
      : `It cannot be emptied now: without one, the event counts as ending a day after it was created (${dayAndTime(iso(byDefault))}), and that has passed.`;
  let after: string;
  if (event.endsAt !== null && Date.parse(event.endsAt) <= now) after = `The planned end has passed. ${pastPlannedEnd(deletesAt)}`;
  else if (!deletesAt) after = "The event's data is deleted a while after its end. Matching carries on past the planned end until you end the event.";
  else {
    const when = dayAndTime(deletesAt);
    after =
      event.endsAt === null
        ? `Everything about the event is deleted at ${when}.`
        : `Everything about the event is deleted at ${when}, ${(fresh && retentionWords(Date.parse(deletesAt) - Date.parse(event.endsAt))) || 'a while'} after it. Matching carries on past it until you end the event, but the data still goes then unless you move the planned end.`;
  }
  return `${latest} ${empty} ${after}`;
}

/**
 * Whether to go ahead with a planned end that brings the deletion of everything sooner than it
 * is now: asked in the page, with the new time, since emptying the field reads as "open-ended"
 * and moves it to a day after creation. True straight away for a change that does not.
 * `known` is the event as the server last described it, `deletesAt` the figures' deletion time.
 */
export async function soonerAgreed(known: Event, deletesAt: string | null, endsAt: string | null | undefined): Promise<boolean> {
  if (endsAt === undefined) return true;
  const before = effectiveEnd(known.endsAt, known.createdAt);
  const after = effectiveEnd(endsAt, known.createdAt);
  if (after >= before) return true;
  // The retention period, as the figures show it: their deletion time less the end it counts from.
  const retention = deletesAt ? Date.parse(deletesAt) - before : null;
  const cleared = endsAt === null ? 'Without a planned end, the event counts as ending a day after it was created. ' : '';
  const when =
    retention === null
      ? `sooner than now, a while after ${dayAndTime(iso(after))}`
      : `at ${dayAndTime(iso(after + retention))} instead of ${dayAndTime(iso(before + retention))}`;
  return confirmAction({
    title: "Delete the event's data sooner?",
    body: `${cleared}Everything about the event, the attendees and what they shared included, will be deleted ${when}. Download what you need before then.`,
    confirm: 'Save',
    tone: 'danger',
  });
}
