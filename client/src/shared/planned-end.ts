import { DEFAULT_EVENT_MS } from '../../../shared/event-length';
import { LIMITS } from './limits';
import { dayAndTime } from './time';

/**
 * The planned end (`endsAt`) as a `datetime-local` input takes it, for the home page's form and
 * the dashboard's edit form alike: local time, to the minute, within what the server takes.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A time as a datetime-local input holds it: local, to the minute. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The latest planned end the server takes now: `LIMITS.endsAtDays` from now, and for an event
 * that exists (`createdAt`, ISO), no more than that after it was created.
 */
export function latestPlannedEnd(createdAt?: string, now = Date.now()): number {
  const fromNow = now + LIMITS.endsAtDays * DAY;
  return createdAt === undefined ? fromNow : Math.min(fromNow, Date.parse(createdAt) + LIMITS.endsAtDays * DAY);
}

/**
 * When an event ends as far as its data is concerned: its planned end, or without one a day after
 * it was created (ms).
 */
export function effectiveEnd(endsAt: string | null, createdAt: string): number {
  return endsAt === null ? Date.parse(createdAt) + DEFAULT_EVENT_MS : Date.parse(endsAt);
}

/**
 * Makes the picker offer what the server takes, from now to `latestPlannedEnd(createdAt)`; again
 * on each focus, since "now" moves on while the form is open.
 */
export function boundPlannedEnd(input: HTMLInputElement, createdAt?: string): void {
  const bound = () => {
    input.min = localInput(Math.ceil(Date.now() / MINUTE) * MINUTE);
    input.max = localInput(Math.floor(latestPlannedEnd(createdAt) / MINUTE) * MINUTE);
  };
  bound();
  input.addEventListener('focus', bound);
}

/**
 * What is wrong with the end time, in words for the organiser, or null if nothing is. For an
 * event that exists (`createdAt`, ISO), also past `LIMITS.endsAtDays` after it was created.
 */
export function plannedEndProblem(input: HTMLInputElement, createdAt?: string): string | null {
  // A date with no time (or half a time) leaves the value empty: it is not "no end time".
  if (input.validity.badInput) return 'Add a time as well as the date, or clear the end time.';
  if (!input.value) return null;
  const at = new Date(input.value).getTime();
  if (at <= Date.now()) return 'That time has passed. Pick an end time later than now.';
  if (createdAt !== undefined && at > Date.parse(createdAt) + LIMITS.endsAtDays * DAY) {
    // Floored to the minute, as the picker's max: a time the organiser can pick.
    const latest = new Date(Math.floor(latestPlannedEnd(createdAt) / MINUTE) * MINUTE).toISOString();
    return `Pick an end time no later than ${dayAndTime(latest)}: at most ${LIMITS.endsAtDays} days after the event was created.`;
  }
  if (at > Date.now() + LIMITS.endsAtDays * DAY) return `Pick an end time within the next ${LIMITS.endsAtDays} days.`;
  return null;
}

/**
 * A planned end that passed this page's check and that the server refused: this laptop's clock
 * and Mingle's differ. Said in the organiser's words, not the field's ("endsAt: …"); `latest`
 * ends the sentence: "within the next 14 days", "no later than Sat 12 Dec, 21:30".
 */
export function clockOffWords(latest: string): string {
  return `Mingle did not take that planned end; this laptop's clock may be off. Pick an end time later than now and ${latest}.`;
}

/**
 * What a planned end that has passed means, for an open event: "Matching carries on until you
 * end the event; everything is deleted at Sat 28 Nov, 22:00 unless you move the planned end."
 * (`deletesAt` from the dashboard's figures; null while they have not come.)
 */
export function pastPlannedEnd(deletesAt: string | null): string {
  const until = 'Matching carries on until you end the event';
  return deletesAt ? `${until}; everything is deleted at ${dayAndTime(deletesAt)} unless you move the planned end.` : `${until}.`;
}
