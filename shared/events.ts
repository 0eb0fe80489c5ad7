import type { WireError } from './errors';
import type {
  Announcement,
  ContactRevealed,
  ContactSharePayload,
  ReportPayload,
  AnnouncePayload,
  Event,
  EventUpdatePayload,
  Stats,
  Match,
  MatchEnded,
  MatchReminder,
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
  /** Keep in touch: offer my details to everyone in this match; revealed once all have. */
  'contact:share': (payload: z.input<typeof ContactSharePayload>, ack: AckFn) => void;
  /** Take my offer back, until the reveal. */
  'contact:withdraw': (payload: { matchId: string }, ack: AckFn) => void;
  /** "Good chat?" 👍/👎. Only the aggregate reaches the organiser. */
  'match:feedback': (payload: { matchId: string; good: boolean }, ack: AckFn) => void;
  /** Never match me with this person again. Silent. */
  'attendee:block': (payload: { attendeeId: string }, ack: AckFn) => void;
  'attendee:report': (payload: z.input<typeof ReportPayload>, ack: AckFn) => void;
  /** Delete me now. The ack is `{ok: true}`; then the connection closes. */
  'me:forget': (payload: Record<string, never>, ack: (res: { ok: true } | { ok: false; error: WireError }) => void) => void;
}

/** Events the server sends to an attendee's phone. */
export interface ServerToClientEvents {
  state: (state: State) => void;
  'match:found': (match: Match) => void;
  'match:ended': (ended: MatchEnded) => void;
  /**
   * Sent once, `remindBeforeMs` before a match nobody has confirmed would time out; and to someone
   * sent to join a circle (`arriving`), before their own arrival would.
   */
  'match:reminder': (reminder: MatchReminder) => void;
  'match:waiting': (waiting: Waiting) => void;
  'event:updated': (payload: { event: Event }) => void;
  'event:announcement': (announcement: Announcement) => void;
  /** The organiser took that announcement (by its `at`) down: a phone showing it lets it go. */
  'announcement:withdrawn': (payload: { at: string }) => void;
  'contact:revealed': (revealed: ContactRevealed) => void;
  /**
   * The organiser took this person out of the event: sent just before the server closes the
   * connection. Their token no longer works; the page says so rather than offer to join again.
   */
  'attendee:removed': (payload: { eventId: string }) => void;
  /**
   * The event's data is gone (its end plus the retention period passed): sent just before the
   * server closes the connection. The token no longer works; the page forgets it.
   */
  'event:deleted': (payload: { eventId: string }) => void;
  /**
   * "People I met" has changed (someone in it left the event: removed by the organiser, or who
   * deleted their data): ask for it again. Says nothing of who, nor why.
   */
  'connections:changed': (payload: Record<string, never>) => void;
}

/** Acks on the `/organiser` namespace: the event as it now is, or a coded error. */
export type OrganiserAck = { ok: true; event: Event } | { ok: false; error: WireError };
export type OrganiserAckFn = (res: OrganiserAck) => void;

/** Events the organiser's dashboard sends on the `/organiser` namespace. */
export interface OrganiserClientToServerEvents {
  'event:pause': (payload: Record<string, never>, ack: OrganiserAckFn) => void;
  'event:resume': (payload: Record<string, never>, ack: OrganiserAckFn) => void;
  'event:end': (payload: Record<string, never>, ack: OrganiserAckFn) => void;
  'event:announce': (payload: z.input<typeof AnnouncePayload>, ack: OrganiserAckFn) => void;
  /** Takes the latest announcement down from the phones (and from what phones that connect later see). */
  'announcement:withdraw': (payload: Record<string, never>, ack: OrganiserAckFn) => void;
  'event:update': (payload: z.input<typeof EventUpdatePayload>, ack: OrganiserAckFn) => void;
  'attendee:remove': (payload: { attendeeId: string }, ack: OrganiserAckFn) => void;
}

/** Events the server sends to the organiser's dashboard. */
export interface OrganiserServerToClientEvents {
  /** On connect, then at most once a second and only when a figure changed. */
  stats: (stats: Stats) => void;
  /** On connect (with the join link for the projector), then after every change. */
  'event:updated': (payload: { event: Event; joinUrl?: string }) => void;
  /**
   * The event's data is gone (its end plus the retention period passed, `Stats.deletesAt`): sent
   * just before the server closes the connection. The organiser token no longer works.
   */
  'event:deleted': (payload: { eventId: string }) => void;
}
