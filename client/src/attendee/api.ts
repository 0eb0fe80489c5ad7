import type { Event, JoinBody, JoinResponse } from '../../../shared/schemas';
import { request } from '../shared/api';

export async function fetchEvent(code: string): Promise<Event> {
  const { event } = await request<{ event: Event }>('GET', `/api/events/${encodeURIComponent(code)}`);
  return event;
}

export function joinEvent(code: string, body: JoinBody): Promise<JoinResponse> {
  return request<JoinResponse>('POST', `/api/events/${encodeURIComponent(code)}/attendees`, body);
}
