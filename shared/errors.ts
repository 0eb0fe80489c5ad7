/**
 * Error codes on the wire, shared by HTTP bodies (`{error: WireError}`) and socket acks
 * (`{ok: false, error: WireError}`): `{code, message, issues?, reason?}` in both.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  EVENT_CLOSED: 'EVENT_CLOSED',
  EVENT_FULL: 'EVENT_FULL',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  EVENT_CLOSED: 409,
  // The event's state refuses a new person, as EVENT_CLOSED does, not the caller's rights (403):
  // joining carries no credential, and the same request succeeds once someone leaves.
  EVENT_FULL: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorStatus, value);
}

/** One issue of a failed validation, as sent to clients. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * Why, where one code covers cases a client tells apart. `REMOVED`: an `UNAUTHORIZED` attendee
 * token whose holder the organiser took out of the event (a phone shows why, not a join form).
 * `TOO_MANY_CONNECTIONS`: a `RATE_LIMITED` handshake of an attendee who already holds as many
 * connections as they may (a page open in one tab too many: the phone says so, not "offline").
 * `NEVER_MET`: a `CONFLICT` `contact:share` in a match that ended before anyone in it said they
 * had found each other (it timed out, or someone could not find the other): nobody in it lists
 * the others under People I met, so nobody could ever share back.
 * Beside the code, never instead of it, so a client that knows only the code still does the
 * right thing with it.
 */
export const ErrorReason = {
  REMOVED: 'REMOVED',
  TOO_MANY_CONNECTIONS: 'TOO_MANY_CONNECTIONS',
  NEVER_MET: 'NEVER_MET',
} as const;

export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

export interface WireError {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
  reason?: ErrorReason;
}

/**
 * The message of an event edit refused for the event's end (EVENT_CLOSED); the dashboard says
 * the same of changes typed but not saved when the end comes.
 */
export const CHANGES_AFTER_END = 'This event has ended, so the changes were not saved.';
