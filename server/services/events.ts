import type { CreateEventBody, CreateEventResponse, Event, EventStatus } from '../../shared/schemas';
import { AppError, notFound } from '../errors';
import type { Store } from '../store/store';
import type { EventRecord } from '../store/records';
import { eventView } from './views';
import { hashToken, newId, newJoinCode, newToken } from './ids';
import type { Notifier } from './notifier';

export interface EventServiceOptions {
  store: Store;
  notifier: Notifier;
  /** Where phones open Mingle, read when a link is made: with PORT=0 it is known only once listening. */
  publicUrl: () => string;
  now: () => number;
}

/** Creating and looking up events. */
export class EventService {
  constructor(private readonly o: EventServiceOptions) {}

  async create(body: CreateEventBody): Promise<CreateEventResponse> {
    const organiserToken = newToken();
    for (let attempt = 0; attempt < 8; attempt++) {
      const event: EventRecord = {
        id: newId(),
        code: newJoinCode(),
        name: body.name,
        topics: body.topics ?? [],
        spots: body.spots ?? [],
        status: 'open',
        endsAt: body.endsAt ? Date.parse(body.endsAt) : null,
        createdAt: this.o.now(),
        announcement: null,
        pausedAt: null,
      };
      if (await this.o.store.createEvent(event, hashToken(organiserToken))) {
        return {
          event: eventView(event),
          organiserToken,
          joinUrl: this.joinUrl(event.code),
          dashboardUrl: `${this.o.publicUrl()}/organiser/${event.id}`,
        };
      }
    }
    throw new AppError('INTERNAL', 'Could not allocate a join code.');
  }

  async byCode(code: string): Promise<EventRecord> {
    const event = await this.o.store.getEventByCode(code);
    if (!event) throw notFound('Event');
    return event;
  }

  async publicByCode(code: string): Promise<Event> {
    return eventView(await this.byCode(code));
  }

  /**
   * Opens, pauses or ends an event, and tells every phone in it when that changed something. The
   * store applies it only if the event has not ended, so an end racing a resume cannot reopen
   * it: anything but another end then answers EVENT_CLOSED. A repeat changes nothing.
   */
  async setStatus(eventId: string, status: EventStatus): Promise<Event> {
    const result = await this.o.store.setEventStatus(eventId, status, this.o.now());
    if (!result) throw notFound('Event');
    if (result.event.status !== status) throw new AppError('EVENT_CLOSED', 'This event has ended.');
    const event = eventView(result.event);
    if (result.changed) this.o.notifier.toEvent(eventId, 'event:updated', { event });
    return event;
  }

  joinUrl(code: string): string {
    return `${this.o.publicUrl()}/e/${code}`;
  }
}
