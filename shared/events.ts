import type { WireError } from './errors';
import type {
  Event,
  Match,
  MatchEnded,
  MatchLeavePayload,
  MatchMetPayload,
  MatchOpenPayload,
  ProfileUpdate,
  State,
  Waiting,
} from './schemas';
import type { z } from 'zod';

/** Every acknowledgement: the new state, or an error with a known code. */
export type Ack = { ok: true; state: State } | { ok: false; error: WireError };
export type AckFn = (res: Ack) => void;

type ProfileUpdateInput = z.input<typeof ProfileUpdate>;

/** Events an attendee's phone sends on the `/attendee` namespace. */
export interface ClientToServerEvents {
  'match:find': (payload: Record<string, never>, ack: AckFn) => void;
  'match:cancel': (payload: Record<string, never>, ack: AckFn) => void;
  'match:met': (payload: MatchMetPayload, ack: AckFn) => void;
  'match:leave': (payload: MatchLeavePayload, ack: AckFn) => void;
  'match:open': (payload: MatchOpenPayload, ack: AckFn) => void;
  'profile:update': (payload: ProfileUpdateInput, ack: AckFn) => void;
}

/** Events the server sends to an attendee's phone. */
export interface ServerToClientEvents {
  state: (state: State) => void;
  'match:found': (match: Match) => void;
  'match:ended': (ended: MatchEnded) => void;
  'match:waiting': (waiting: Waiting) => void;
  'event:updated': (payload: { event: Event }) => void;
}
