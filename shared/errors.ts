/**
 * Error codes on the wire, shared by HTTP bodies (`{error: {code, message, issues?}}`)
 * and socket acks (`{ok: false, error: {code, message}}`).
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
  REMOVED: 'REMOVED',
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
  // 401 as for any token that opens nothing, so a client that knows only that still stops using
  // it; the code tells a phone the organiser took its attendee out, rather than that it is unknown.
  REMOVED: 401,
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

export interface WireError {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
}
