import type { Beacon } from '../../shared/schemas';
import { pickBeacon, pickSpot } from '../matching/beacons';
import { pickIcebreaker } from '../matching/icebreakers';
import { planMatches } from '../matching/matcher';
import { seedFrom, seededRandom } from '../matching/rng';
import { defaultMatchOptions, type MatchOptions, type NewGroup } from '../matching/types';
import type { Logger } from '../logger';
import type { EventRecord, MatchRecord } from '../store/records';
import type { Store } from '../store/store';
import type { AttendeeService } from './attendees';
import { newId } from './ids';
import type { MatchService } from './matches';
import type { Notifier } from './notifier';
import { matchView } from './views';

export interface MatchTickerOptions {
  store: Store;
  notifier: Notifier;
  attendees: AttendeeService;
  matches: MatchService;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  matchTimeoutMs: number;
  /** Overrides for the matcher's options. */
  matching?: Partial<Omit<MatchOptions, 'now' | 'seed'>>;
}

/**
 * Runs matching: every interval, for each event with someone looking, it ends matches that
 * timed out, asks the pure matcher for a plan, and claims each match atomically in the store.
 * A claim that loses a race (someone cancelled, another instance got there first) is skipped.
 */
export class MatchTicker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastLooking = new Map<string, number>();

  constructor(private readonly o: MatchTickerOptions) {}

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.running = this.tick()
        .catch((err) => this.o.logger.error({ err }, 'matching tick failed'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(loop, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(loop, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every busy event. Exposed so tests can drive matching step by step. */
  async tick(): Promise<void> {
    for (const eventId of await this.o.store.listBusyEvents()) {
      await this.tickEvent(eventId);
    }
  }

  async tickEvent(eventId: string): Promise<void> {
    const event = await this.o.store.getEvent(eventId);
    if (!event) return;
    const now = this.o.now();
    let active = await this.o.store.listActiveMatches(eventId);
    for (const m of active) {
      if (m.status === 'matched' && now - m.createdAt >= this.o.matchTimeoutMs) {
        await this.o.matches.timeout(m);
      }
    }
    active = active.filter((m) => m.status === 'chatting' || now - m.createdAt < this.o.matchTimeoutMs);
    const looking = await this.o.store.listLooking(eventId);
    this.announceWaiting(eventId, looking.length);
    if (event.status !== 'open' || looking.length === 0) return;

    const plan = planMatches({
      seekers: looking.map((a) => ({
        id: a.id,
        interests: a.interests,
        solo: a.solo,
        offers: a.offers,
        asks: a.asks,
        lookingSince: a.lookingSince ?? now,
        connected: a.online > 0,
      })),
      active: [], // trios and circles arrive with the matching engine
      history: await this.o.store.getHistory(eventId, now),
      options: { ...defaultMatchOptions, ...this.o.matching, now, seed: seedFrom(`${eventId}:${now}`) },
    });

    const beacons: Beacon[] = active.map((m) => m.beacon);
    const spots = active.map((m) => m.spot);
    for (const group of plan.groups) {
      const match = this.buildMatch(event, group, beacons, spots, now);
      if (!(await this.o.store.claimMatch(match))) continue;
      beacons.push(match.beacon);
      spots.push(match.spot);
      await this.announceMatch(match);
    }
    if (plan.groups.length > 0) this.announceWaiting(eventId, (await this.o.store.listLooking(eventId)).length);
  }

  private buildMatch(
    event: EventRecord,
    group: NewGroup,
    beacons: Beacon[],
    spots: Array<string | null>,
    now: number,
  ): MatchRecord {
    const id = newId();
    const random = seededRandom(seedFrom(id));
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
      spot: pickSpot(event.spots, spots, random),
      beacon: pickBeacon(beacons, random),
      reasons: group.reasons,
      open: false,
    };
  }

  private async announceMatch(match: MatchRecord) {
    const members = await this.o.store.getAttendees(match.memberIds);
    for (const id of match.memberIds) {
      this.o.notifier.toAttendee(id, 'match:found', matchView(match, id, members));
    }
    await this.o.attendees.pushState(...match.memberIds);
  }

  /** Tells the event's phones how many are looking, only when the number changed. */
  private announceWaiting(eventId: string, looking: number) {
    if (this.lastLooking.get(eventId) === looking) return;
    this.lastLooking.set(eventId, looking);
    this.o.notifier.toEvent(eventId, 'match:waiting', { looking, estimateMs: null });
  }
}
