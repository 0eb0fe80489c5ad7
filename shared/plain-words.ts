import type { z } from 'zod';

/** One issue as zod raises it, before it has a message. */
type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

/** What each JSON type is called in a refusal. A type not here keeps zod's own words. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
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

/** A value as a refusal quotes it: strings in quotes, anything else as it prints. */
const quoted = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

const plural = (n: number | bigint, one: string): string => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

/**
 * The words for a limit of length, size or value: `bound` ('at least' or 'at most'), 'exactly',
 * or for a limit that is not inclusive 'more than' or 'less than'. Undefined for a kind of value
 * without words here (a date, a file): zod's own then.
 */
function limit(
  issue: { origin: string; exact?: boolean; inclusive?: boolean },
  n: number | bigint,
  bound: 'at least' | 'at most',
): string | undefined {
  const { origin, exact, inclusive } = issue;
  const how = exact ? 'exactly' : inclusive === false ? (bound === 'at least' ? 'more than' : 'less than') : bound;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return `must be ${how} ${n}`;
  // Text is counted in characters and is that long; a list or set in items, and has that many.
  const unit = origin === 'string' ? 'character' : origin === 'array' || origin === 'set' ? 'item' : null;
  if (unit === null) return undefined;
  if (bound === 'at least' && Number(n) === 1 && !exact) return 'must not be empty';
  return `must ${unit === 'character' ? 'be' : 'have'} ${how} ${plural(n, unit)}`;
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
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
      const wanted = TYPE_WORDS[issue.expected];
      return wanted ? `must be ${wanted}, not ${described(issue.input)}` : undefined;
    }
    case 'too_small':
      return limit(issue, issue.minimum, 'at least');
    case 'too_big':
      return limit(issue, issue.maximum, 'at most');
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'url') return 'must be a web address';
      if (issue.format === 'datetime') return 'must be a date and time';
      if (issue.format === 'regex') return 'is not in the form this takes';
      return undefined;
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${quoted(issue.values[0])}`;
      return `must be one of ${issue.values.map(quoted).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_union':
      // More than one form matched (an exclusive union), or a tagged one: zod's words say which.
      if (issue.inclusive === false || issue.options?.length) return undefined;
      return 'is not in any of the forms this takes';
    default:
      return undefined;
  }
}
