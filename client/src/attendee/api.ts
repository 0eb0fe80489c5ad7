import type { Event, JoinBody, JoinResponse } from '../../../shared/schemas';
import { request } from '../shared/api';

/** The event as anyone may see it (its name, its status), for the join form and the removed screen. */
export async function fetchEvent(code: string): Promise<Event> {
  const { event } = await request<{ event: Event }>('GET', `/api/events/${encodeURIComponent(code)}`);
  return event;
}

/** Joins the event as a new attendee; the answer carries the token the socket signs in with. */
export function joinEvent(code: string, body: JoinBody): Promise<JoinResponse> {
  return request<JoinResponse>('POST', `/api/events/${encodeURIComponent(code)}/attendees`, body);
}
