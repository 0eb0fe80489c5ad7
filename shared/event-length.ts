/**
 * How long an event with no planned end (`endsAt: null`) counts as lasting, from its creation: a
 * day. The stores delete its data that long plus the retention period after it was created, and
 * the dashboard says when. Free of zod, so the pages can import it.
 */
export const DEFAULT_EVENT_MS = 86_400_000;
