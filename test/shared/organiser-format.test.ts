import { duration, percent } from '../../client/src/organiser/format';

describe('how the dashboard writes a wait', () => {
  test('under half a second is "<1s", never "0s" (which made "9 in 10 waited under 0s")', () => {
    expect(duration(0)).toBe('<1s');
    expect(duration(400)).toBe('<1s');
    expect(duration(600)).toBe('1s');
    expect(duration(59_000)).toBe('59s');
    expect(duration(61_000)).toBe('1m 1s');
    expect(duration(null)).toBe('—');
  });
});

describe('how the dashboard writes a share', () => {
  test('rounds to the nearest whole percent', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.754)).toBe('75%');
    expect(percent(1)).toBe('100%');
    expect(percent(1.2)).toBe('100%');
  });

  test('someone who talked is never "0%", and someone who did not is never left out of "100%"', () => {
    // One of 300 has talked to someone; 299 of 300 have.
    expect(percent(1 / 300)).toBe('<1%');
    expect(percent(299 / 300)).toBe('99%');
    expect(percent(199 / 200)).toBe('99%');
  });
});

describe('how the dashboard writes a long wait', () => {
  test('an hour and more in hours and minutes, never "60m" or "75m"', () => {
    expect(duration(10 * 60_000)).toBe('10m');
    expect(duration(59 * 60_000)).toBe('59m');
    expect(duration(3_590_000)).toBe('1h');
    expect(duration(3_600_000)).toBe('1h');
    expect(duration(75 * 60_000)).toBe('1h 15m');
    expect(duration(2 * 3_600_000)).toBe('2h');
  });
});
