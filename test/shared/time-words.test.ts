import { tonightOrToday, whenItWas } from '../../client/src/shared/time';

/** "You met 3 people tonight" and "40 people mingled tonight" at an evening event; "today" at a lunchtime one. */
describe('tonightOrToday', () => {
  const at = (hour: number, minute = 0) => new Date(2026, 10, 28, hour, minute);

  it('says "tonight" from five in the afternoon until four in the morning', () => {
    for (const [h, m] of [[17, 0], [21, 30], [23, 59], [0, 0], [3, 59]] as const) expect(tonightOrToday(at(h, m))).toBe('tonight');
  });

  it('says "today" in the daytime', () => {
    for (const [h, m] of [[4, 0], [9, 0], [12, 30], [16, 59]] as const) expect(tonightOrToday(at(h, m))).toBe('today');
  });
});

/** The thank-you of an ended event, read later: the words are about when it ended, not when it is read. */
describe('whenItWas', () => {
  const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute);
  const iso = (d: Date) => d.toISOString();

  it('says "tonight" of an evening that ended, through to the small hours', () => {
    expect(whenItWas(iso(at(28, 22)), at(28, 22, 5))).toBe('tonight');
    expect(whenItWas(iso(at(28, 23, 30)), at(29, 1))).toBe('tonight');
    expect(whenItWas(iso(at(29, 1)), at(29, 3, 59))).toBe('tonight');
  });

  it('says "today" of a lunchtime meetup, into the evening', () => {
    expect(whenItWas(iso(at(28, 13)), at(28, 13, 5))).toBe('today');
    expect(whenItWas(iso(at(28, 13)), at(28, 20))).toBe('today');
  });

  it('says neither once that evening or day is over', () => {
    // Last night's evening, read over breakfast: not "today"; last lunchtime's, the next day.
    expect(whenItWas(iso(at(28, 22)), at(29, 9))).toBeNull();
    expect(whenItWas(iso(at(28, 13)), at(29, 13))).toBeNull();
  });

  it('takes now for an end it does not know', () => {
    expect(whenItWas(null, at(28, 21))).toBe('tonight');
    expect(whenItWas(null, at(28, 10))).toBe('today');
  });
});
