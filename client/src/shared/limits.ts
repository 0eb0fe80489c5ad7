/**
 * Input limits the forms enforce before the server does. They mirror shared/schemas.ts, which
 * the client may not import at runtime (it would pull zod into the bundle);
 * test/browser/client-limits.test.ts fails if the two drift apart.
 */
export const LIMITS = {
  name: 40,
  interests: 10,
  topic: 32,
  offers: 5,
  asks: 5,
  lookFor: 80,
  eventName: 80,
  eventTopics: 40,
  spots: 20,
  spot: 60,
  announcement: 280,
  /** Keep in touch: the note, and the longest email, phone (as typed) and profile link. */
  contactNote: 200,
  email: 254,
  phone: 32,
  url: 200,
  reportText: 500,
} as const;
