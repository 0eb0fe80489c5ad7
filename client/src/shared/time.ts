/** When something happened, in words: `just now`, `5 min ago`, `2 h ago`, `yesterday`, `12 Mar`. */
export function ago(iso: string, now = Date.now()): string {
  const ms = now - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return 'yesterday';
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/**
 * "tonight" from five in the afternoon to four in the morning on this device, else "today": "You
 * met 3 people tonight" said at the end of a lunchtime meetup reads as a mistake.
 */
export function tonightOrToday(now = new Date()): 'tonight' | 'today' {
  const hour = now.getHours();
  return hour >= 17 || hour < 4 ? 'tonight' : 'today';
}

/**
 * When an ended event took place, as this device says it now: "tonight" or "today" by the hour it
 * ended (`endedAt`, its `endsAt` once ended; null: now), while that evening or day lasts here, and
 * null after it: the thank-you read the next morning says "You met 3 people", not "today". A day
 * runs from four in the morning, so an evening that ends after midnight is still "tonight".
 */
export function whenItWas(endedAt: string | null, now = new Date()): 'tonight' | 'today' | null {
  const ended = endedAt === null ? now : new Date(endedAt);
  const dayOf = (d: Date) => new Date(d.getTime() - 4 * 3_600_000).toDateString();
  return dayOf(ended) === dayOf(now) ? tonightOrToday(ended) : null;
}

/** An ISO moment as this device's local `20:14`. */
export function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** A moment as `20:14` when it is today on this device, else with its day: `Thu 27 Nov, 20:14`. */
export function dayAndTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (d.toDateString() === now.toDateString()) return hhmm(iso);
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString(undefined, o);
  return `${part({ weekday: 'short' })} ${d.getDate()} ${part({ month: 'short' })}, ${hhmm(iso)}`;
}
