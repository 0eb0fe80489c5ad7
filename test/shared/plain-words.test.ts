import { z } from 'zod';
import { parseWith } from '../../server/errors';
import { CreateEventBody, EventStatus, JoinBody, MatchLeavePayload, MatchOpenPayload, ProfileUpdate } from '../../shared/schemas';

/** The issues a schema raises for an input, as the server sends them. */
function refusal(schema: Parameters<typeof parseWith>[0], input: unknown) {
  try {
    parseWith(schema, input);
  } catch (err) {
    const { code, message, issues } = err as { code: string; message: string; issues: unknown };
    return { code, message, issues };
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('schema refusals in plain words', () => {
  test.each<[string, Parameters<typeof parseWith>[0], unknown, string, string]>([
    ['an empty name', JoinBody, { name: '   ' }, 'name', 'must not be empty'],
    ['a missing name', JoinBody, {}, 'name', 'is required'],
    ['a name that is a number', JoinBody, { name: 42 }, 'name', 'must be text, not a number'],
    ['a long name', JoinBody, { name: 'x'.repeat(41) }, 'name', 'must be at most 40 characters'],
    // Refused before it is cleaned (text.ts), in the words of the real limit.
    ['an absurdly long name', JoinBody, { name: 'x'.repeat(300) }, 'name', 'must be at most 40 characters'],
    ['a long interest', ProfileUpdate, { interests: ['x'.repeat(33)] }, 'interests.0', 'must be at most 32 characters'],
    ['too many interests', ProfileUpdate, { interests: Array.from({ length: 11 }, (_, k) => `t${k}`) }, 'interests', 'must have at most 10 items'],
    ['interests as text', ProfileUpdate, { interests: 'climbing' }, 'interests', 'must be a list, not text'],
    ['solo as null', ProfileUpdate, { solo: null }, 'solo', 'must be true or false, not null'],
    ['open as a word', MatchOpenPayload, { matchId: 'm1', open: 'yes' }, 'open', 'must be true or false, not text'],
    ['an empty match id', MatchOpenPayload, { matchId: '', open: true }, 'matchId', 'must not be empty'],
    ['an unknown reason', MatchLeavePayload, { matchId: 'm1', reason: 'bored' }, 'reason', 'must be one of "done", "cant_find"'],
    ['too many topics', CreateEventBody, { name: 'Z', topics: Array.from({ length: 41 }, (_, k) => `t${k}`) }, 'topics', 'must have at most 40 items'],
  ])('%s', (_label, schema, input, path, words) => {
    const { code, message, issues } = refusal(schema, input);
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues).toEqual([{ path, message: words }]);
    expect(message).toBe(`${path}: ${words}.`);
  });

  test('unknown fields are named; about the whole input, the message starts with a capital', () => {
    expect(refusal(CreateEventBody, { name: 'Z', isAdmin: true, x: 1 })).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Unknown fields "isAdmin", "x".',
      issues: [{ path: '', message: 'unknown fields "isAdmin", "x"' }],
    });
  });

  test('a schema’s own words still win over the plain ones, and read after the path as they do', () => {
    // They once named the field themselves, and the headline said it twice ("endsAt: endsAt must…").
    expect(refusal(CreateEventBody, { name: 'Z', endsAt: '2001-01-01T10:00:00Z' })).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'endsAt: must be in the future.',
      issues: [{ path: 'endsAt', message: 'must be in the future' }],
    });
  });

  test('numbers, whole numbers and values that are not text', () => {
    expect(refusal(z.object({ n: z.number().int() }), { n: 1.5 }).issues).toEqual([{ path: 'n', message: 'must be a whole number' }]);
    expect(refusal(z.object({ n: z.number().gt(0) }), { n: 0 }).issues).toEqual([{ path: 'n', message: 'must be more than 0' }]);
    expect(refusal(z.object({ n: z.number().max(9) }), { n: 10 }).issues).toEqual([{ path: 'n', message: 'must be at most 9' }]);
    // A bigint is quoted as it prints: JSON.stringify would throw, and turn a refusal into INTERNAL.
    expect(refusal(z.object({ n: z.literal(5n) }), { n: 4n }).issues).toEqual([{ path: 'n', message: 'must be 5' }]);
  });

  test('what it has no words for keeps zod’s', () => {
    expect(refusal(z.object({ d: z.date() }), { d: 'soon' }).issues).toEqual([{ path: 'd', message: 'Invalid input: expected date, received string' }]);
    expect(refusal(z.object({ u: z.uuid() }), { u: 'x' }).issues).toEqual([{ path: 'u', message: 'Invalid UUID' }]);
    // The headline finishes them as a sentence, as it does the plain words.
    expect(refusal(z.object({ u: z.uuid() }), { u: 'x' }).message).toBe('u: Invalid UUID.');
  });

  test('a bare enum names what it takes', () => {
    expect(refusal(EventStatus, 'closed').issues).toEqual([{ path: '', message: 'must be one of "open", "paused", "ended"' }]);
  });
});
