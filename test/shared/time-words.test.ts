import { tonightOrToday } from '../../client/src/shared/time';

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
