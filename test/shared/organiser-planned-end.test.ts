import { endsAtHint, retentionWords } from '../../client/src/organiser/views/planned-end';
import type { Event } from '../../shared/schemas';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-27T12:00:00Z');
const event = (endsAt: number | null): Event =>
  ({ createdAt: new Date(NOW - HOUR).toISOString(), endsAt: endsAt === null ? null : new Date(endsAt).toISOString() }) as Event;

describe('how long the dashboard says an event is kept after its planned end', () => {
  test('says the retention period in hours or minutes, or nothing it would have to round', () => {
    expect(retentionWords(6 * HOUR)).toBe('6 hours');
    expect(retentionWords(HOUR)).toBe('1 hour');
    expect(retentionWords(24 * HOUR)).toBe('24 hours');
    expect(retentionWords(1.5 * HOUR)).toBe('90 minutes');
    expect(retentionWords(HOUR + 1_500)).toBeNull();
    expect(retentionWords(0)).toBeNull();
    expect(retentionWords(-HOUR)).toBeNull();
  });

  test('"6 hours after it", not "a while", from figures worked out for this planned end', () => {
    const end = NOW + 3 * HOUR;
    const deletesAt = new Date(end + 6 * HOUR).toISOString();
    expect(endsAtHint(event(end), deletesAt, NOW, true)).toMatch(/deleted at .+, 6 hours after it\. Matching carries on/);
  });

  test('"a while after it" from figures from before the end moved (their deletion time is the old end\'s)', () => {
    const end = NOW + 3 * HOUR;
    const deletesAt = new Date(end + 6 * HOUR).toISOString();
    expect(endsAtHint(event(end + 25 * 60_000), deletesAt, NOW, false)).toMatch(/, a while after it\./);
  });
});
