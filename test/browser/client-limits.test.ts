import { AnnouncePayload, CreateEventBody, JoinBody } from '../../shared/schemas';
import { LIMITS } from '../../client/src/shared/limits';

/** The client's form limits (client/src/shared/limits.ts) must match the server's schemas. */
describe('client form limits', () => {
  const word = (n: number) => 'x'.repeat(n);
  const many = (n: number, len = 5) => Array.from({ length: n }, (_, i) => `${i}${word(len)}`);

  it('match JoinBody', () => {
    const ok = { name: word(LIMITS.name), interests: many(LIMITS.interests), lookFor: word(LIMITS.lookFor), offers: many(LIMITS.offers), asks: many(LIMITS.asks) };
    expect(JoinBody.safeParse(ok).success).toBe(true);
    expect(JoinBody.safeParse({ ...ok, interests: [word(LIMITS.topic)] }).success).toBe(true);
    for (const tooMuch of [
      { name: word(LIMITS.name + 1) },
      { interests: many(LIMITS.interests + 1) },
      { interests: [word(LIMITS.topic + 1)] },
      { lookFor: word(LIMITS.lookFor + 1) },
      { offers: many(LIMITS.offers + 1) },
      { asks: many(LIMITS.asks + 1) },
    ]) {
      expect(JoinBody.safeParse({ ...ok, ...tooMuch }).success).toBe(false);
    }
  });

  it('match CreateEventBody', () => {
    const ok = { name: word(LIMITS.eventName), topics: many(LIMITS.eventTopics), spots: [word(LIMITS.spot), ...many(LIMITS.spots - 1)] };
    expect(CreateEventBody.safeParse(ok).success).toBe(true);
    for (const tooMuch of [
      { name: word(LIMITS.eventName + 1) },
      { topics: many(LIMITS.eventTopics + 1) },
      { topics: [word(LIMITS.topic + 1)] },
      { spots: many(LIMITS.spots + 1) },
      { spots: [word(LIMITS.spot + 1)] },
    ]) {
      expect(CreateEventBody.safeParse({ ...ok, ...tooMuch }).success).toBe(false);
    }
  });

  it('match AnnouncePayload', () => {
    expect(AnnouncePayload.safeParse({ message: word(LIMITS.announcement) }).success).toBe(true);
    expect(AnnouncePayload.safeParse({ message: word(LIMITS.announcement + 1) }).success).toBe(false);
  });
});
