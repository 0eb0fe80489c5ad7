/** How the dashboard writes figures: short, and readable from across a room. */

/** A ticking wait: `0:42`, `3:05`, `1:02:03`. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  return hours > 0 ? `${hours}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A wait statistic: `8s`, `1m 30s`, `12m`; a dash when there is none yet. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  // "9 in 10 waited under 0s" would be untrue: under a second, say so.
  if (seconds === 0) return '<1s';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m < 10 && s !== 0) return `${m}m ${s}s`;
  // An hour and more in hours: "75m" reads as a typo on a busy dashboard, "60m" as not yet an hour.
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)}h` : `${Math.floor(minutes / 60)}h ${rest}m`;
}

/**
 * 0.754 -> `75%`. Never rounded to a whole story it does not tell: one person of 300 who talked
 * to someone is `<1%`, not `0%`, and 299 of 300 is `99%`, not everyone's `100%`.
 */
export function percent(share: number): string {
  const clamped = Math.min(1, Math.max(0, share));
  const whole = Math.round(clamped * 100);
  if (whole === 0 && clamped > 0) return '<1%';
  if (whole === 100 && clamped < 1) return '99%';
  return `${whole}%`;
}

/** A wait-histogram bucket: `≤10s`, `≤2m`, and `>5m` for the open-ended last one. */
export function bucketLabel(upToMs: number | null, previousUpToMs: number | null): string {
  if (upToMs === null) return previousUpToMs === null ? 'all' : `>${duration(previousUpToMs)}`;
  return `≤${duration(upToMs)}`;
}

/** `1 person`, `42 people`. */
export function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}

/** `1 wait`, `3 waits`. */
export function waits(n: number): string {
  return n === 1 ? '1 wait' : `${n} waits`;
}

/** `1 match`, `3 matches`. */
export function matches(n: number): string {
  return n === 1 ? '1 match' : `${n} matches`;
}
