import type { GroupShape } from '../matching/joinable';
import { pickIcebreaker } from '../matching/icebreakers';
import type { BeaconPicker, SpotPicker } from '../matching/beacons';
import { seedFrom, seededRandom } from '../matching/rng';
import type { ActiveGroup, NewGroup } from '../matching/types';
import type { AttendeeRecord, EventRecord, MatchRecord } from '../store/records';
import { newId } from './ids';

/** Pieces of a matching tick (see MatchTicker) that need nothing of the ticker's state. */

/** What the matcher needs to know of an active match to offer it to newcomers. */
export function shapeOf(m: MatchRecord): GroupShape {
  return { open: m.open, status: m.status as 'matched' | 'chatting', size: m.memberIds.length, createdAt: m.createdAt, arriving: m.arriving?.length ?? 0 };
}

/** An active match as the matcher sees it, with its members' profiles from `attendees`. */
export function activeGroup(m: MatchRecord, attendees: Map<string, AttendeeRecord>): ActiveGroup {
  return {
    id: m.id,
    members: m.memberIds.flatMap((id) => {
      const a = attendees.get(id);
      return a ? [{ id, interests: a.interests, solo: a.solo, offers: a.offers, asks: a.asks }] : [];
    }),
    status: m.status === 'chatting' ? 'chatting' : 'matched',
    createdAt: m.createdAt,
    open: m.open,
    arriving: m.arriving?.length ?? 0,
  };
}

/**
 * The record of a new match the plan made: its icebreaker, spot and beacon drawn with a random
 * seeded by its own id, and each member's wait so far.
 */
export function newMatchRecord(
  event: EventRecord,
  group: NewGroup,
  beacons: BeaconPicker,
  spots: SpotPicker,
  now: number,
  waitOf: (attendeeId: string) => number,
): MatchRecord {
  const id = newId();
  const random = seededRandom(seedFrom(id));
  const waits = Object.fromEntries(group.memberIds.map((m) => [m, waitOf(m)]));
  return {
    id,
    eventId: event.id,
    memberIds: group.memberIds,
    status: 'matched',
    createdAt: now,
    metAt: null,
    endedAt: null,
    endReason: null,
    sharedTopics: group.sharedTopics,
    icebreaker: pickIcebreaker(group.sharedTopics, random),
    spot: spots.pick(random),
    beacon: beacons.pick(random),
    reasons: group.reasons,
    waits,
    formed: { size: group.memberIds.length, sharedTopics: group.sharedTopics.length, waitMs: Math.max(0, ...Object.values(waits)) },
    open: false,
  };
}

/** How long a tick works before letting phones' events in (see timeSlicer). */
export const SLICE_MS = 15;

/**
 * A function to await between steps of a long job: it lets the event loop run whenever the job
 * has worked for `sliceMs` since it last did. A tick placing hundreds of people sends thousands
 * of messages; in one go that held the loop for 50 ms and more.
 */
export function timeSlicer(sliceMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
