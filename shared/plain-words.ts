import type { z } from 'zod';

/** One issue as zod raises it, before it has a message. */
type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

/** What each JSON type is called in a refusal. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/** What a value that came in is, in the same words: "a list", "text", "null". */
function described(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  return TYPE_WORDS[typeof input] ?? typeof input;
}

const plural = (n: number | bigint, one: string): string => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

/** The unit a size limit counts in: characters of text, items of a list. */
function counted(origin: string, n: number | bigint): string | null {
  if (origin === 'string') return plural(n, 'character');
  if (origin === 'array' || origin === 'set') return plural(n, 'item');
  return null;
}

/**
 * Every schema refusal in plain words, for people and API callers alike: "must not be empty",
 * "must be at most 80 characters", `unknown field "isAdmin"`, instead of zod's own ("Too small:
 * expected string to have >=1 characters"). The server puts the field's path before it
 * ("name: must not be empty"). A schema's own message (`error:` or a refine's) still wins, and
 * an issue this does not know keeps zod's wording (undefined).
 */
export function plainWords(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${described(issue.input)}`;
    case 'too_small': {
      const unit = counted(issue.origin, issue.minimum);
      if (unit === null) return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
      if (Number(issue.minimum) === 1 && !issue.exact) return 'must not be empty';
      return `must ${issue.origin === 'string' ? 'be' : 'have'} ${issue.exact ? 'exactly' : 'at least'} ${unit}`;
    }
    case 'too_big': {
      const unit = counted(issue.origin, issue.maximum);
      if (unit === null) return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
      return `must ${issue.origin === 'string' ? 'be' : 'have'} ${issue.exact ? 'exactly' : 'at most'} ${unit}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'url') return 'must be a web address';
      if (issue.format === 'datetime') return 'must be a date and time';
      if (issue.format === 'regex') return 'is not in the form this takes';
      return undefined;
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])}`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      return 'is not in any of the forms this takes';
    default:
      return undefined;
  }
}
