import { LIMITS } from './limits';

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
 * Makes the picker offer what the server takes, from now to `LIMITS.endsAtDays` ahead; again on
 * each focus, since "now" moves on while the form is open.
 */
export function boundPlannedEnd(input: HTMLInputElement): void {
  const bound = () => {
    input.min = localInput(Math.ceil(Date.now() / MINUTE) * MINUTE);
    input.max = localInput(Math.floor((Date.now() + LIMITS.endsAtDays * DAY) / MINUTE) * MINUTE);
  };
  bound();
  input.addEventListener('focus', bound);
}

/** What is wrong with the end time, in words for the organiser, or null if nothing is. */
export function plannedEndProblem(input: HTMLInputElement): string | null {
  // A date with no time (or half a time) leaves the value empty: it is not "no end time".
  if (input.validity.badInput) return 'Add a time as well as the date, or clear the end time.';
  if (!input.value) return null;
  const at = new Date(input.value).getTime();
  if (at <= Date.now()) return 'That time has passed. Pick an end time later than now.';
  if (at > Date.now() + LIMITS.endsAtDays * DAY) return `Pick an end time within the next ${LIMITS.endsAtDays} days.`;
  return null;
}
