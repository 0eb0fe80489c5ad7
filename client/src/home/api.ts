import type { CreateEventBody, CreateEventResponse, Event } from '../../../shared/schemas';
import { ApiError, request } from '../shared/api';
import { saveDetails, saveToken } from '../shared/organised-events';

/** Creates an event; `organiserKey` is needed only when the server sets ORGANISER_KEY. */
export function createEvent(body: CreateEventBody, organiserKey?: string): Promise<CreateEventResponse> {
  const headers: Record<string, string> = organiserKey ? { authorization: `Bearer ${organiserKey}` } : {};
  return request<CreateEventResponse>('POST', '/api/events', body, headers);
}

/**
 * Keeps the organiser token on this laptop, under the key the dashboard reads
 * (client/src/organiser/auth.ts), so it opens here even without the `#token=` link; and the
 * event's name and code, so the home page can list it among "Your events on this device".
 */
export function rememberOrganiser(created: CreateEventResponse): void {
  saveToken(created.event.id, created.organiserToken);
  saveDetails(created.event.id, created.event);
}

/**
 * Whether the server still takes a remembered token for its event: the event when it does;
 * `refused` when it does not
 * know the token (the event has expired and been deleted), the token is not this event's, or the
 * event is gone; `unknown` when it could not say (offline, busy), so the entry is kept.
 */
export async function checkOrganiser(eventId: string, token: string): Promise<Event | 'refused' | 'unknown'> {
  try {
    const { event } = await request<{ event: Event }>('GET', `/api/events/${encodeURIComponent(eventId)}/organiser`, undefined, {
      authorization: `Bearer ${token}`,
    });
    // An entry remembered before names were kept, or renamed since: listed by its name from now on.
    saveDetails(eventId, event);
    return event;
  } catch (err) {
    // A malformed id (VALIDATION_FAILED) can never open a dashboard either.
    const refusedBy = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'];
    return err instanceof ApiError && refusedBy.includes(err.code) ? 'refused' : 'unknown';
  }
}
