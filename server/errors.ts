import type { ErrorReason, ValidationIssue } from '../shared/errors';
import { ErrorCode } from '../shared/errors';
import type { ZodError } from 'zod';
import { sentence } from '../shared/sentence';

/** The one error type services throw; transports map it to a status or an ack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    /** Sent beside the code (see ErrorReason). */
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function validationError(error: ZodError): AppError {
  // One check may fail twice over (a URL's protocol and its host): the person needs it once.
  const seen = new Set<string>();
  const issues = error.issues
    .map((i) => ({ path: i.path.join('.'), message: i.message }))
    .filter((i) => {
      const key = JSON.stringify([i.path, i.message]);
      return !seen.has(key) && seen.add(key);
    });
  const first = issues[0];
  return new AppError(ErrorCode.VALIDATION_FAILED, first ? headline(first) : 'The input is not valid.', issues);
}

/**
 * "name: must not be empty."; about the whole input, the words alone: 'Unknown field "isAdmin".'
 * An issue's words are a fragment ("must not be empty"), said of its field; the headline is shown
 * as it is, beside the pages' own sentences, so it is one too.
 */
function headline({ path, message }: ValidationIssue): string {
  return sentence(path ? `${path}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1));
}


/** Parses with a shared schema, throwing VALIDATION_FAILED on failure. */
export function parseWith<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** What a request body that is not a JSON object (text, an array, malformed JSON) is told. */
export const NOT_A_JSON_OBJECT = 'The request body must be a JSON object.';

/**
 * Parses a request body with a shared schema, as {@link parseWith}; a body that is not a JSON
 * object at all (sent as text, or a JSON string, array or null) is told so, rather than a
 * schema's words about the whole input.
 */
export function parseBody<T>(schema: Parameters<typeof parseWith<T>>[0], body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, NOT_A_JSON_OBJECT, [{ path: '', message: NOT_A_JSON_OBJECT }]);
  }
  return parseWith(schema, body);
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthorized = (message = 'A valid token is required.') =>
  new AppError(ErrorCode.UNAUTHORIZED, message);
/** An attendee token whose holder the organiser removed: UNAUTHORIZED, as any dead token, and why. */
export const removed = () =>
  new AppError(ErrorCode.UNAUTHORIZED, 'The organisers have taken you out of this event.', undefined, 'REMOVED');

/** "in 40 seconds", "in about 4 minutes", "in about 2 hours": a Retry-After a person can read. */
export function retryIn(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `in ${s} second${s === 1 ? '' : 's'}`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `in about ${hours} hour${hours === 1 ? '' : 's'}`;
}
