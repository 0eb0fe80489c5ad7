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
  return m >= 10 || s === 0 ? `${Math.round(seconds / 60)}m` : `${m}m ${s}s`;
}

/** 0.754 -> `75%`. */
export function percent(share: number): string {
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
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
