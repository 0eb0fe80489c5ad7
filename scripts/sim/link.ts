/**
 * What a simulated attendee shares with the crowd around them: the pace of the evening, the
 * journal, the counters, and where to connect.
 */
import type { State } from '../../shared/schemas';
import type { Journal } from './journal';
import type { LookingClock, Tally } from './stats';

/** A range [low, high] in ms; each draw is uniform in it. */
export type Span = [number, number];

/** How people behave, with every duration already scaled to the run. */
export interface Pace {
  /** From arriving to the first tap on "find". */
  think: Span;
  /** From `match:found` to finding each other in the room. */
  walk: Span;
  chat: Span;
  /** From the end of a chat to the next "find". */
  rest: Span;
  /** A locked phone stays away this long. */
  offline: Span;
  /** Mean time between one attendee's offline spells (exponential). */
  offlineEveryMs: number;
  /** A seeker who cancels does so after this long. */
  cancelAfter: Span;
  /** Shares of people or moments, 0..1. */
  doubleTap: number;
  cantFind: number;
  block: number;
  cancel: number;
  /** Offline spells where the phone just goes quiet (the server notices only by ping timeout). */
  silent: number;
}

/** One tap on "find" that ended in `match:found`. Local clock, ms. */
export interface TapSample {
  matchId: string;
  /** The first tap's emit. */
  emit: number;
  /** The first ok ack. */
  ack: number;
  receipt: number;
  /** The match's createdAt: the start of the tick that formed it (server clock, same machine). */
  createdAt: number;
  /** The match was a new pair (not joining a trio or circle). */
  pair: boolean;
}

/** Counters the crowd keeps over the run. */
export interface CrowdStats {
  /** First taps of "find". */
  findSessions: number;
  /** Every `match:find` sent, repeats included. */
  findEmits: number;
  taps: TapSample[];
  /** Round trips of `profile:update {}`. */
  probeRtt: number[];
  /** Every ack's round trip, by event. */
  ackRtt: Map<string, number[]>;
  /** Whole looking episodes (while connected), and the part of each while someone else looked too. */
  waits: number[];
  waitsWhileOthers: number[];
  /** Server → phone events received, by name. */
  received: Tally;
  /** Unexpected drops (and storm drops) that reconnected. */
  reconnects: number;
  /** Phones locked (offline spells). */
  locks: number;
}

/** A phone's state just before it dropped unexpectedly (an instance died, a storm). */
export interface Drop {
  /** The attendee. */
  id: string;
  at: number;
  status: State['status'];
  matchId: string | null;
  matchStatus: 'matched' | 'chatting' | null;
  /** Events sent and not yet acked at the drop. */
  inflight: string[];
  /**
   * The last state read in an ack (or on connect). With the Redis adapter a pushed `state` can
   * arrive after a later ack, so the latest state a phone holds may be older than this one.
   */
  read: { status: State['status']; matchId: string | null; matchStatus: 'matched' | 'chatting' | null } | null;
  /** The URL it was connected to. */
  url: string;
}

export interface CrowdLink {
  random(): number;
  pace: Pace;
  journal: Journal;
  errors: Tally;
  clock: LookingClock;
  stats: CrowdStats;
  /** The event's join code. */
  code: string;
  /** A live server for a (re)connection; avoids `avoid` when it can. */
  pickUrl(avoid?: string): string;
  /** A loopback source address for attendee `index`, if spreading. */
  localAddress(index: number): string | undefined;
  /** Multiplies walks, chats and rests: the crowd's feedback to hold a target rate of finds. */
  tempo(): number;
  /** True once the evening is over: nobody starts anything new. */
  stopping(): boolean;
  /** An action of attendee `id` was acked ok at `at` (the Redis drill watches these). */
  ackOk(id: string, at: number): void;
  /** A phone has its first state on a new connection; `drop` is set when it had dropped unexpectedly. */
  stateBack(id: string, drop: Drop | null, state: State, at: number): void;
}

/** A uniform draw from a span. */
export function draw(random: () => number, [lo, hi]: Span): number {
  return lo + random() * (hi - lo);
}
