import { duration } from '../../client/src/organiser/format';

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
