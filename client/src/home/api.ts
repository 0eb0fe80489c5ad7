import type { CreateEventBody, CreateEventResponse } from '../../../shared/schemas';
import { request } from '../shared/api';

/** Creates an event; `organiserKey` is needed only when the server sets ORGANISER_KEY. */
export function createEvent(body: CreateEventBody, organiserKey?: string): Promise<CreateEventResponse> {
  const headers: Record<string, string> = organiserKey ? { authorization: `Bearer ${organiserKey}` } : {};
  return request<CreateEventResponse>('POST', '/api/events', body, headers);
}

/**
 * Keeps the organiser token on this laptop, under the key the dashboard reads
 * (client/src/organiser/auth.ts), so it opens here even without the `#token=` link.
 */
export function rememberOrganiser(eventId: string, token: string): void {
  try {
    localStorage.setItem(`mingle:organiser:${eventId}`, token);
  } catch {
    /* private mode: the dashboard will ask again */
  }
}
