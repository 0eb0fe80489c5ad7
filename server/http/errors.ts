import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus, type WireError } from '../../shared/errors';
import { sentence } from '../../shared/sentence';
import { AppError, NOT_A_JSON_OBJECT } from '../errors';

/** Fastify's refusals of a body before any route sees it. */
const BODY_NOT_AN_OBJECT = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_INVALID_MEDIA_TYPE']);

/**
 * Fastify's own failures, in our codes. Some come before any route sees the request (see
 * frameworkErrors): a `%` not followed by two hex digits (`FST_ERR_BAD_URL`), or a part of the path
 * over the router's 100 characters (`FST_ERR_MAX_PARAM_LENGTH`, which Fastify answers 414). Its own
 * bodies for those had another shape and codes of its own, and echoed the address back whole.
 */
function fromFastify(err: FastifyError): WireError | null {
  if (err.code === 'FST_ERR_BAD_URL') {
    return { code: 'VALIDATION_FAILED', message: 'The address is not valid: a % must be followed by two hexadecimal digits.' };
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return { code: 'VALIDATION_FAILED', message: 'A part of the address is too long.' };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 16 KB.' };
  }
  if (err.statusCode === 429) return { code: 'RATE_LIMITED', message: 'Too many requests; please slow down.' };
  // Malformed or empty JSON, or a type of body no route reads: told as a body of any other shape
  // is (see parseBody).
  if (BODY_NOT_AN_OBJECT.has(err.code)) {
    return { code: 'VALIDATION_FAILED', message: NOT_A_JSON_OBJECT, issues: [{ path: '', message: NOT_A_JSON_OBJECT }] };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's words, finished as ours are.
    return { code: 'VALIDATION_FAILED', message: sentence(err.message) };
  }
  return null;
}

/** The one answer to a failed request: known codes map to statuses; anything else is a 500 with no internals. */
function answerFailure(err: FastifyError, request: FastifyRequest, reply: FastifyReply, onUnavailable?: () => void): void {
  let wire: WireError | null = null;
  if (err instanceof AppError) {
    wire = { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}), ...(err.reason ? { reason: err.reason } : {}) };
  } else {
    wire = fromFastify(err);
  }
  if (wire?.code === 'UNAVAILABLE') onUnavailable?.();
  if (!wire || wire.code === 'INTERNAL') {
    request.log.error({ err }, 'request failed');
    wire = { code: 'INTERNAL', message: 'Something went wrong on our side.' };
  }
  void reply.status(errorStatus[wire.code]).send({ error: wire });
}

/** Fastify's refusals of an address before any route or error handler sees it. Passed to Fastify as `frameworkErrors`. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  answerFailure(err, request, reply);
}

/** One error handler for every route, and the answer to an address no route serves. */
export function registerErrorHandler(app: FastifyInstance, onUnavailable?: () => void) {
  app.setErrorHandler((err: FastifyError, request, reply) => answerFailure(err, request, reply, onUnavailable));

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `There is no route for ${request.method} ${request.url.split('?')[0]}.` } });
  });
}
