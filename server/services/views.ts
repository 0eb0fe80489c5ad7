import type { Event, Match, Me, State } from '../../shared/schemas';
import type { AttendeeRecord, EventRecord, MatchRecord } from '../store/records';

/** Record -> wire shapes. The only place that decides what each viewer may see. */
export function eventView(e: EventRecord): Event {
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    topics: e.topics,
    spots: e.spots,
    status: e.status,
    endsAt: e.endsAt === null ? null : new Date(e.endsAt).toISOString(),
    createdAt: new Date(e.createdAt).toISOString(),
    announcement: e.announcement && { message: e.announcement.message, at: new Date(e.announcement.at).toISOString() },
  };
}

export function meView(a: AttendeeRecord): Me {
  return {
    id: a.id,
    name: a.name,
    interests: a.interests,
    solo: a.solo,
    lookFor: a.lookFor,
    offers: a.offers,
    asks: a.asks,
  };
}

/** A match as `viewerId` sees it: everyone else as partners, and the reasons written for them. */
export function matchView(m: MatchRecord, viewerId: string, members: AttendeeRecord[]): Match {
  return {
    id: m.id,
    partners: m.memberIds
      .filter((id) => id !== viewerId)
      .flatMap((id) => {
        const p = members.find((a) => a.id === id);
        return p ? [{ id: p.id, name: p.name, interests: p.interests, lookFor: p.lookFor, arriving: m.arriving?.includes(p.id) ?? false }] : [];
      }),
    sharedTopics: m.sharedTopics,
    icebreaker: m.icebreaker,
    spot: m.spot,
    beacon: m.beacon,
    createdAt: new Date(m.createdAt).toISOString(),
    reasons: m.reasons[viewerId] ?? [],
    status: m.status === 'chatting' ? 'chatting' : 'matched',
    open: m.open,
    arriving: m.arriving?.includes(viewerId) ?? false,
  };
}

export function stateView(
  event: EventRecord,
  me: AttendeeRecord,
  match: MatchRecord | null,
  members: AttendeeRecord[],
): State {
  const active = match && match.status !== 'ended' && me.matchId === match.id;
  return {
    event: eventView(event),
    me: meView(me),
    status: me.status,
    match: active ? matchView(match, me.id, members) : null,
    ...(me.arrivalTimedOut ? { arrivalTimedOut: me.arrivalTimedOut } : {}),
    ...(me.matchTimedOut ? { matchTimedOut: me.matchTimedOut } : {}),
  };
}
