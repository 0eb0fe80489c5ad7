/**
 * The organiser token: it arrives once in the link's fragment (`/organiser/ID#token=…`, never
 * sent to a server) and is wiped from the address bar at once, so it cannot be read over a
 * shoulder or off a projector. It is kept on this laptop (client/src/shared/organised-events.ts)
 * only once the server has accepted it: a truncated or wrong link must not replace a token
 * that works.
 */
import { forgetEvent, loadToken, saveToken } from '../shared/organised-events';

export { loadToken, saveToken };

/** Forgets a refused token, unless another tab has since saved a different one. */
export function forgetToken(eventId: string, token: string): void {
  if (loadToken(eventId) === token) forgetEvent(eventId);
}

/** What a bearer token looks like: base64url, as long as the server accepts. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** `/organiser/abc` -> `abc`; empty when the path has no event id. */
export function eventIdFromPath(pathname: string): string {
  const match = /^\/organiser\/([^/]+)/.exec(pathname);
  try {
    return decodeURIComponent(match?.[1] ?? '');
  } catch {
    return '';
  }
}

/** The token in a `#token=…` fragment, or null. */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() ?? '';
  return TOKEN.test(token) ? token : null;
}

/**
 * What the address bar's link brought: nothing, a token to try, or a fragment with no usable
 * token in it (cut short when copied, say), which the page must not treat as no link at all.
 */
export type LinkToken = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'incomplete' };

/** Reads the fragment's token and removes the fragment, without adding a history entry. */
export function takeLinkToken(): LinkToken {
  const hash = location.hash.replace(/^#/, '');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  if (!hash) return { kind: 'none' };
  const token = tokenFromFragment(hash);
  return token ? { kind: 'token', token } : { kind: 'incomplete' };
}

/** A pasted organiser link or bare token, and the event it is for. */
export interface Pasted {
  eventId: string;
  token: string;
}

/**
 * Reads what an organiser pasted: the whole dashboard link (`…/organiser/ID#token=…`), or just
 * the token, which is then taken to be for the event on screen. Null if it is neither.
 */
export function parsePasted(raw: string, currentEventId: string): Pasted | null {
  const text = raw.trim();
  if (TOKEN.test(text)) return currentEventId ? { eventId: currentEventId, token: text } : null;
  let url: URL;
  try {
    url = new URL(text, location.origin);
  } catch {
    return null;
  }
  const token = tokenFromFragment(url.hash);
  const eventId = eventIdFromPath(url.pathname) || currentEventId;
  return token && eventId ? { eventId, token } : null;
}
