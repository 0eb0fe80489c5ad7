import type { MatchOptions } from './types';

/** The parts of an active match that decide whether it can take someone. */
export interface GroupShape {
  open: boolean;
  status: 'matched' | 'chatting';
  size: number;
  /** ms since epoch. */
  createdAt: number;
  /** How many of its members were sent to join after it met and have not yet found it. @default 0 */
  arriving?: number;
}

export type JoinKind = { kind: 'circle' | 'trio'; room: number };

/**
 * Whether an active match could take someone this tick, and how many:
 * - a circle: chatting, tapped "Open to one more", smaller than `maxGroupSize`, and nobody
 *   already on their way to it; one more means one (the store closes it as someone joins);
 * - a trio: any other match of fewer than three formed within `recentMatchMs`, or within
 *   `unconfirmedTrioMs` if its people have not found each other yet.
 */
export function joinKind(g: GroupShape, o: JoinOptions): JoinKind | null {
  if (g.size === 0) return null;
  if (g.open && g.status === 'chatting' && g.size < o.maxGroupSize && !g.arriving) return { kind: 'circle', room: 1 };
  const age = o.now - g.createdAt;
  const recent = g.status === 'matched' ? Math.min(o.recentMatchMs, o.unconfirmedTrioMs) : o.recentMatchMs;
  if (o.trios && g.size < 3 && age >= 0 && age <= recent) return { kind: 'trio', room: 1 };
  return null;
}

type JoinOptions = Pick<MatchOptions, 'maxGroupSize' | 'trios' | 'now' | 'recentMatchMs' | 'unconfirmedTrioMs'>;

/**
 * Whether a tick needs to see a match at all: circles always; trios only once somebody has been
 * looking for `trioAfterMs` (nobody else joins as a third). At 10,000 people this keeps the
 * thousands of fresh pairs out of most ticks.
 */
export function worthOffering(g: GroupShape, longestWaitMs: number, o: JoinOptions & Pick<MatchOptions, 'trioAfterMs'>): boolean {
  const k = joinKind(g, o);
  return k !== null && (k.kind === 'circle' || longestWaitMs >= o.trioAfterMs);
}
