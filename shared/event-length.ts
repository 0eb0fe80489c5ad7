/**
 * How long an event with no planned end (`endsAt: null`) counts as lasting, from its creation: a
 * day. The stores delete its data that long plus the retention period after it was created, and
 * the dashboard says when. The words "a day" stand for it in the organiser service's refusals
 * (server/services/organiser.ts) and the dashboard's planned-end hints
 * (client/src/organiser/views/planned-end.ts). Free of zod, so the pages can import it.
 */
export const DEFAULT_EVENT_MS = 86_400_000;
