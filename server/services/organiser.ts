import { PLANNED_END_MAX_DAYS, PLANNED_END_MAX_MS, type AnnouncePayload, type Event, type EventStatus, type EventUpdatePayload, type Stats } from '../../shared/schemas';
import { AppError, forbidden, notFound, unauthorized } from '../errors';
import { CHANGES_AFTER_END } from '../../shared/errors';
import type { Store } from '../store/store';
import { alreadyGone } from './already-gone';
import type { AttendeeService } from './attendees';
import type { EventService } from './events';
import { hashToken } from './ids';
import type { MatchService } from './matches';
import type { Notifier } from './notifier';
import { computeStats } from './stats';
import type { AttendeeRecord, MatchFormed, MatchRecord } from '../store/records';
import { eventView } from './views';

export interface OrganiserServiceOptions {
  store: Store;
  notifier: Notifier;
  events: EventService;
  attendees: AttendeeService;
  matches: MatchService;
  now: () => number;
  /** Whether an attendee's connection still counts (the ticker's presence window). */
  isOnline: (a: Pick<AttendeeRecord, 'online' | 'seenAt'>) => boolean;
}

/** What an organiser can see and do: the figures, and the controls of their event. */
export class OrganiserService {
  constructor(private readonly o: OrganiserServiceOptions) {}

  /**
   * The event an organiser token opens. UNAUTHORIZED for an unknown token, FORBIDDEN for an
   * attendee's token or another event's organiser token.
   */
  async authorise(token: string, eventId?: string): Promise<string> {
    const grant = await this.o.store.resolveToken(hashToken(token));
    if (!grant) throw unauthorized();
    if (grant.kind !== 'organiser') throw forbidden('This needs the organiser token.');
    if (eventId !== undefined && grant.eventId !== eventId) throw forbidden('That token is for another event.');
    return grant.eventId;
  }

  async stats(eventId: string, again = true): Promise<Stats> {
    const [event, { attendees, matches }, feedback, reports, removed] = await Promise.all([
      this.o.store.getEvent(eventId),
      this.o.store.loadStats(eventId),
      this.o.store.countFeedback(eventId),
      this.o.store.listReports(eventId),
      this.o.store.countRemoved(eventId),
    ]);
    if (!event) throw notFound('Event');
    if (again && event.status === 'paused') {
      // A resume while the people were read (on Redis, in steps) moved their waits on past the
      // pause these figures would stop them at: worked out again, from after it.
      const after = await this.o.store.getEvent(eventId);
      if (after && (after.status !== event.status || after.pausedAt !== event.pausedAt)) return this.stats(eventId, false);
    }
    const deletesAt = this.o.store.deletesAt(event);
    return computeStats({ event, attendees, matches, now: this.o.now(), isOnline: this.o.isOnline, feedback, reports, removed, deletesAt });
  }

  /** Pauses, resumes or ends the event (see EventService.setStatus: an ended event stays ended). */
  async setStatus(eventId: string, status: EventStatus): Promise<Event> {
    const updated = await this.o.events.setStatus(eventId, status);
    if (status === 'ended') {
      // Nobody is left waiting for a match that will never come. Twice, for anyone whose find
      // was already past its check of the status when the event ended.
      for (let pass = 0; pass < 2; pass++) {
        for (const a of await this.o.store.listLooking(eventId)) {
          const idle = await this.o.store.transitionAttendee(eventId, a.id, ['looking'], { status: 'idle', lookingSince: null });
          if (idle) await this.o.attendees.pushState(eventId, a.id);
        }
      }
    }
    return updated;
  }

  /**
   * Tells every phone now, and keeps it on the event for phones that connect later. Also after
   * the end: the thank-you screen shows it ("Drinks carry on at the pub next door").
   */
  async announce(eventId: string, { message }: AnnouncePayload): Promise<Event> {
    const updated = await this.o.store.updateEvent(eventId, { announcement: { message, at: this.o.now() } });
    // The store refuses an ended event's details only, never an announcement.
    if (!updated || updated === 'ended') throw notFound('Event');
    const event = eventView(updated);
    this.o.notifier.toEvent(eventId, 'event:announcement', event.announcement!);
    // Every dashboard of the event, on any instance, shows what was last said.
    this.o.notifier.eventToDashboards(eventId, { event });
    return event;
  }

  /**
   * Takes the latest announcement down: phones showing it let it go, and phones that connect
   * later are not shown it. With none up, changes nothing and tells nobody. Also after the end.
   */
  async withdrawAnnouncement(eventId: string): Promise<Event> {
    const before = await this.get(eventId);
    if (!before.announcement) return before;
    const updated = await this.o.store.updateEvent(eventId, { announcement: null });
    if (!updated || updated === 'ended') throw notFound('Event');
    const event = eventView(updated);
    this.o.notifier.toEvent(eventId, 'announcement:withdrawn', { at: before.announcement.at });
    this.o.notifier.eventToDashboards(eventId, { event });
    return event;
  }

  /** What a dashboard needs to know about its event when it connects. */
  async describe(eventId: string): Promise<{ event: Event; joinUrl: string }> {
    const event = await this.get(eventId);
    return { event, joinUrl: this.o.events.joinUrl(event.code) };
  }

  /**
   * Renames the event, or changes its topics, meeting spots or planned end. EVENT_CLOSED once the
   * event has ended: nobody joins to pick a topic or meets at a spot any more, and its details are
   * the record of the evening (the dashboard hides the form then); its end is when it ended.
   *
   * A new planned end moves when everything about the event is deleted (the schema keeps it in
   * the future). Clearing it (`null`) brings back the store's default end, counted from creation:
   * VALIDATION_FAILED, changing nothing, once that has passed, as a planned end in the past would be.
   * A new one is at most PLANNED_END_MAX_DAYS after the event was created (VALIDATION_FAILED past
   * that), as at creation: moved a week at a time, it would otherwise keep the data for ever.
   */
  async update(eventId: string, patch: EventUpdatePayload): Promise<Event> {
    const { endsAt, ...details } = patch;
    if (endsAt !== undefined) await this.checkPlannedEnd(eventId, endsAt);
    const planned = endsAt === undefined ? {} : { endsAt: endsAt === null ? null : Date.parse(endsAt) };
    const updated = await this.o.store.updateEvent(eventId, { ...details, ...planned });
    if (!updated) throw notFound('Event');
    if (updated === 'ended') throw new AppError('EVENT_CLOSED', CHANGES_AFTER_END);
    const event = eventView(updated);
    this.o.notifier.toEvent(eventId, 'event:updated', { event });
    return event;
  }

  /**
   * Refuses a new planned end more than PLANNED_END_MAX_DAYS after the event was created, and
   * clearing it on an open event whose default end has already passed. (createdAt never changes,
   * so this read cannot go stale before the write.)
   */
  private async checkPlannedEnd(eventId: string, endsAt: string | null): Promise<void> {
    const event = await this.o.store.getEvent(eventId);
    if (!event) throw notFound('Event');
    // An ended event's end is its record: the store answers that (EVENT_CLOSED), whatever the patch.
    if (event.status === 'ended') return;
    const { createdAt } = event;
    // Said to the organiser as it is: in their words, not the field's.
    const refuse = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'endsAt', message }]);
    if (endsAt !== null) {
      const latest = createdAt + PLANNED_END_MAX_MS;
      if (Date.parse(endsAt) <= latest) return;
      throw refuse(
        `The planned end can be at most ${PLANNED_END_MAX_DAYS} days after the event was created: no later than ${new Date(latest).toISOString()}.`,
      );
    }
    const deletesAt = (at: number | null) => this.o.store.deletesAt({ endsAt: at, createdAt });
    if (deletesAt(null) > deletesAt(this.o.now())) return;
    throw refuse(
      'The planned end cannot be cleared now: without one, the event counts as ending a day after it was created, and that has passed. Set a new planned end instead.',
    );
  }

  /**
   * Removes an attendee at once: out of any match, token dead, phone disconnected. Removing
   * someone already removed (another organiser a moment before, or a retry) changes nothing and
   * answers the same; NOT_FOUND for an id that was never removed from the event (never in it, or
   * they left by themselves: the store keeps nothing of them to tell those apart).
   */
  async removeAttendee(eventId: string, attendeeId: string): Promise<Event> {
    const event = await this.get(eventId);
    // Kept before the token dies, so a phone offline now is told why (the reason REMOVED) when it
    // resumes, never just the UNAUTHORIZED of a token nobody knows (which sends it to the join form).
    await this.o.store.markRemoved(eventId, attendeeId);
    try {
      await this.o.matches.deleteAttendee({ eventId, attendeeId });
    } catch (err) {
      // Gone already, and removed: a removal before this one (or at the same moment, which deleted
      // them first) did it all, phone told and disconnected included. Not a match gone missing
      // while they are still here, which this call's own mark would otherwise pass as removed.
      if ((await alreadyGone(this.o.store, { eventId, attendeeId }, err)) && (await this.o.store.wasRemoved(eventId, attendeeId))) return event;
      // Still in the event (the deletion gave up, or the store is down): their token must not
      // read as removed later. If this fails too, the mark stays until the event's data goes.
      await this.o.store.unmarkRemoved(eventId, attendeeId).catch(() => {});
      throw err;
    }
    // Told first, so the phone can say why it was signed out (a closed connection alone looks
    // like a network drop, or a "forget me" from another tab).
    this.o.notifier.toAttendee(attendeeId, 'attendee:removed', { eventId });
    this.o.notifier.disconnectAttendee(attendeeId);
    return event;
  }

  /**
   * One row per match, with no names and no contact details: everyone who was ever in it, the
   * longest wait and the shared interests of the people it was formed with (not of a third or a
   * circle's newcomers, who joined later: `joined` counts them), and how it went. A match saved
   * before `formed` was kept, that someone joined, leaves what it cannot know empty rather than
   * give the grown group's figures as the pair's.
   */
  async exportCsv(eventId: string): Promise<string> {
    await this.get(eventId);
    const rows = [['time', 'group_size', 'wait_ms', 'shared_topics', 'outcome', 'joined']];
    for (const m of await this.o.store.listMatches(eventId)) {
      const outcome = m.status === 'ended' ? (m.endReason ?? 'ended') : m.status;
      const formed = formedOf(m);
      // Everyone ever placed in it: `waits` keeps those who left, and the forgotten under `~n`.
      const everyone = Math.max(m.memberIds.length, Object.keys(m.waits).length);
      rows.push([
        new Date(m.createdAt).toISOString(),
        String(everyone),
        formed ? String(Math.round(formed.waitMs)) : '',
        String(formed?.sharedTopics ?? ''),
        m.metAt !== null && m.status === 'ended' ? `met_then_${outcome}` : outcome,
        formed ? String(everyone - formed.size) : '',
      ]);
    }
    return rows.map((r) => r.join(',')).join('\n') + '\n';
  }

  /** The event, as its organiser sees it; NOT_FOUND once it is gone. */
  event(eventId: string): Promise<Event> {
    return this.get(eventId);
  }

  private async get(eventId: string): Promise<Event> {
    const event = await this.o.store.getEvent(eventId);
    if (!event) throw notFound('Event');
    return eventView(event);
  }
}

/**
 * What a match was when it formed: as kept, or for a match saved before that, worked out when
 * nobody joined it (its figures are then still the formed ones); null when that cannot be known.
 */
function formedOf(m: MatchRecord): MatchFormed | null {
  if (m.formed) return m.formed;
  const waits = Object.values(m.waits);
  if (m.sentAt || waits.length === 0) return null;
  return { size: waits.length, sharedTopics: m.sharedTopics.length, waitMs: Math.max(...waits) };
}
