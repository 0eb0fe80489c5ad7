import type { AttendeeRecord, ContactExchange, EventRecord, MatchRecord, ReportRecord, TokenGrant } from '../records';

/** Everything the memory store keeps about one event. Deleting an event is deleting this. */
export interface EventTables {
  event: EventRecord;
  attendees: Map<string, AttendeeRecord>;
  looking: Set<string>;
  matches: Map<string, MatchRecord>;
  active: Set<string>;
  /** Pair keys (see matching/pairs.ts). */
  met: Set<string>;
  blocked: Set<string>;
  /** Pair key -> until (ms). */
  cooldowns: Map<string, number>;
  contacts: Map<string, ContactExchange>;
  /** `matchId|attendeeId` -> good. */
  feedback: Map<string, boolean>;
  reports: ReportRecord[];
}

export function newTables(event: EventRecord): EventTables {
  return {
    event,
    attendees: new Map(),
    looking: new Set(),
    matches: new Map(),
    active: new Set(),
    met: new Set(),
    blocked: new Set(),
    cooldowns: new Map(),
    contacts: new Map(),
    feedback: new Map(),
    reports: [],
  };
}

/** The memory store on disk (see snapshot-file.ts). */
export interface MemorySnapshot {
  version: 2;
  tokens: Array<[string, TokenGrant]>;
  events: Array<{
    event: EventRecord;
    attendees: AttendeeRecord[];
    matches: MatchRecord[];
    met: string[];
    blocked: string[];
    cooldowns: Array<[string, number]>;
    contacts: Array<[string, ContactExchange]>;
    feedback: Array<[string, boolean]>;
    reports: ReportRecord[];
  }>;
}

/** Connection counts are left out: they die with the process. */
export function toSnapshot(events: Iterable<EventTables>, tokens: Map<string, TokenGrant>): MemorySnapshot {
  return {
    version: 2,
    tokens: [...tokens],
    events: [...events].map((t) => ({
      event: t.event,
      attendees: [...t.attendees.values()].map((a) => ({ ...a, online: 0 })),
      matches: [...t.matches.values()],
      met: [...t.met],
      blocked: [...t.blocked],
      cooldowns: [...t.cooldowns],
      contacts: [...t.contacts],
      feedback: [...t.feedback],
      reports: t.reports,
    })),
  };
}

export function fromSnapshot(snapshot: MemorySnapshot): EventTables[] {
  return snapshot.events.map((s) => {
    const t = newTables(s.event);
    for (const a of s.attendees) {
      t.attendees.set(a.id, { ...a, online: 0 });
      if (a.status === 'looking') t.looking.add(a.id);
    }
    for (const m of s.matches) {
      t.matches.set(m.id, m);
      if (m.status !== 'ended') t.active.add(m.id);
    }
    s.met.forEach((k) => t.met.add(k));
    s.blocked.forEach((k) => t.blocked.add(k));
    s.cooldowns.forEach(([k, v]) => t.cooldowns.set(k, v));
    s.contacts.forEach(([k, v]) => t.contacts.set(k, v));
    s.feedback.forEach(([k, v]) => t.feedback.set(k, v));
    t.reports = s.reports;
    return t;
  });
}
