import type { ErrorCode, ValidationIssue, WireError } from '../../../shared/errors';

/** A failed request, carrying the server's error code and its human message. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly status = 0,
    /** For `VALIDATION_FAILED`: what is wrong with which field, so a form can mark it. */
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const OFFLINE_MESSAGE = "Can't reach Mingle right now. Check your connection and try again.";

/** Sends a JSON request; resolves with the parsed body (null for none) or throws an ApiError. */
export async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new ApiError('NETWORK', OFFLINE_MESSAGE);
  }
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return payload as T;
  const error = (payload as { error?: WireError } | null)?.error;
  throw new ApiError(error?.code ?? 'INTERNAL', error?.message ?? `Request failed (${res.status}).`, res.status, error?.issues ?? []);
}
