/**
 * The matcher's inputs and outputs. The matcher is pure: it sees plain data, returns a plan,
 * and never touches sockets, stores, clocks or Math.random.
 */
import { MAX_GROUP_SIZE } from '../../shared/groups';

/** A person who is looking for someone to chat to. */
export interface Seeker {
  id: string;
  /** Interests as typed; compared by `topicKey` (case- and space-insensitive). */
  interests: string[];
  /** "I'm here on my own". */
  solo: boolean;
  /** "I can help with…" */
  offers: string[];
  /** "I'd like advice on…" */
  asks: string[];
  /** When they started looking (ms since epoch). */
  lookingSince: number;
  /** Whether a phone is connected right now. Disconnected seekers are never placed. */
  connected: boolean;
}

/** A match already formed in this event that a seeker might join (trio or open circle). */
export interface ActiveGroup {
  id: string;
  members: Array<Pick<Seeker, 'id' | 'interests' | 'solo' | 'offers' | 'asks'>>;
  status: 'matched' | 'chatting';
  /** ms since epoch. */
  createdAt: number;
  /** The circle tapped "Open to one more". */
  open: boolean;
  /** How many of its members were sent to join after it met and have not yet found it. @default 0 */
  arriving?: number;
}

/** What the event remembers about who has met whom. Pairs are unordered. */
export interface MatchHistory {
  /** People who have been in a match together earlier in the event. */
  met: Array<[string, string]>;
  /** Never match these, ever. */
  blocked: Array<[string, string]>;
  /** Not right now: e.g. a pair who just said "can't find them". */
  cooldown: Array<[string, string]>;
}

export interface MatchOptions {
  /** ms since epoch; the only clock the matcher sees. */
  now: number;
  /** Seed for any tie-breaking randomness. */
  seed: number;
  /**
   * A leftover who has waited this long may join a recent match as a third.
   * @default 20000
   */
  trioAfterMs: number;
  /**
   * A match counts as recent, for trios, for this long after it formed.
   * @default 300000
   */
  recentMatchMs: number;
  /**
   * A pair that has not yet found each other (status matched) is offered as a trio only this long
   * after it formed: an unconfirmed match times out, and a third who joins one near its end is
   * sent back to idle with it moments later. The server sets half its match timeout.
   * @default 90000
   */
  unconfirmedTrioMs: number;
  /**
   * Largest group an open circle may grow to.
   * @default 4
   */
  maxGroupSize: number;
  /**
   * Whether leftovers may join recent matches as a third.
   * @default true
   */
  trios: boolean;
}

export const defaultMatchOptions: Omit<MatchOptions, 'now' | 'seed'> = {
  trioAfterMs: 20_000,
  recentMatchMs: 300_000,
  unconfirmedTrioMs: 90_000,
  maxGroupSize: MAX_GROUP_SIZE,
  trios: true,
};

export interface MatchInput {
  seekers: Seeker[];
  active: ActiveGroup[];
  history: MatchHistory;
  options: MatchOptions;
}

/** A new match to form. */
export interface NewGroup {
  memberIds: string[];
  score: number;
  /** Shared interests, in the display form of the first member who typed them. */
  sharedTopics: string[];
  /** Why, as each member should read it. */
  reasons: Record<string, string[]>;
  /** True when the members met earlier in the event (only when nobody new was free for them). */
  repeat: boolean;
}

/** A seeker sent to join an existing match (a trio, or an open circle). */
export interface Join {
  matchId: string;
  attendeeId: string;
  sharedTopics: string[];
  /** Why, as the newcomer should read it. */
  reasons: string[];
  /**
   * `trio`: a leftover joining a recent pair as a third; `circle`: joining an open circle.
   * Added by the matcher; the service only reads it.
   */
  kind: 'trio' | 'circle';
  /** The newcomer's fit with the group (shared interests and needs, see weights.ts). */
  score: number;
}

export interface MatchPlan {
  groups: NewGroup[];
  joins: Join[];
  /** Seekers who keep waiting this tick. */
  waiting: string[];
}
