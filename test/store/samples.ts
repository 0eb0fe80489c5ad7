import type { AttendeeRecord, EventRecord, MatchRecord } from '../../server/store/records';

let n = 0;

/** An id no other record of this test run has, starting with `prefix`. */
export const uid = (prefix: string) => `${prefix}${Date.now().toString(36)}${(n++).toString(36)}`;

/** An open event with a fresh id and join code; `over` sets any field. */
export const sampleEvent = (over: Partial<EventRecord> = {}): EventRecord => ({
  id: uid('ev'),
  code: uid('C').toUpperCase(),
  name: 'Meetup',
  topics: [],
  spots: ['By the window'],
  status: 'open',
  endsAt: null,
  createdAt: Date.now(),
  announcement: null,
  pausedAt: null,
  ...over,
});

/** An idle attendee of `eventId`; `over` sets any field. */
export const sampleAttendee = (eventId: string, over: Partial<AttendeeRecord> = {}): AttendeeRecord => ({
  id: uid('a'),
  eventId,
  name: 'Ann',
  interests: [],
  solo: true,
  lookFor: '',
  offers: [],
  asks: [],
  status: 'idle',
  matchId: null,
  lookingSince: null,
  joinedAt: 1_700_000_000_000,
  online: 0,
  seenAt: 0,
  ...over,
});

/** A new match of `memberIds`, with a reason and a wait for each; `over` sets any field. */
export const sampleMatch = (eventId: string, memberIds: string[], over: Partial<MatchRecord> = {}): MatchRecord => ({
  id: uid('m'),
  eventId,
  memberIds,
  status: 'matched',
  createdAt: 1_700_000_000_000,
  metAt: null,
  endedAt: null,
  endReason: null,
  sharedTopics: [],
  icebreaker: 'Hi?',
  spot: null,
  beacon: { color: '#7c3aed', emoji: '🦊', colorName: 'purple' },
  reasons: Object.fromEntries(memberIds.map((id) => [id, ['Because']])),
  waits: Object.fromEntries(memberIds.map((id, i) => [id, 1000 * (i + 1)])),
  open: false,
  ...over,
});
