import { retryIn } from '../../server/errors';

describe('retryIn', () => {
  test('says a wait in the largest unit that reads naturally', () => {
    expect(retryIn(0.2)).toBe('in 1 second');
    expect(retryIn(40)).toBe('in 40 seconds');
    expect(retryIn(60)).toBe('in about 1 minute');
    expect(retryIn(227)).toBe('in about 4 minutes');
    expect(retryIn(59 * 60)).toBe('in about 59 minutes');
    expect(retryIn(3 * 3600 + 100)).toBe('in about 3 hours');
  });
});
