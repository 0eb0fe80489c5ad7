import fc from 'fast-check';
import { topicKey } from '../../shared/text';
import { keyOf } from '../../server/matching/topics';

describe('keyOf', () => {
  it('is topicKey', () => {
    const chars = fc.constantFrom('a', 'B', ' ', '  ', '\t', '\n', '\u00a0', '\u202e', '\u0007', 'É', 'ß', 'İ', '-', '\u200b', '\u200d', '\u0301', '\ufeff');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((cs) => cs.join('')), (s) => keyOf(s) === topicKey(s)),
      { seed: 42, numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => keyOf(s) === topicKey(s)), { seed: 7, numRuns: 2000 });
  });
});
