/**
 * The organiser token: it arrives once in the link's fragment (`/organiser/ID#token=…`, never
 * sent to a server), is kept in localStorage under the key the home page uses, and is then
 * wiped from the address bar so it cannot be read over a shoulder or off a projector.
 */
const memory = new Map<string, string>();
const keyFor = (eventId: string) => `mingle:organiser:${eventId}`;

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

export function loadToken(eventId: string): string | null {
  try {
    return localStorage.getItem(keyFor(eventId)) ?? memory.get(keyFor(eventId)) ?? null;
  } catch {
    return memory.get(keyFor(eventId)) ?? null;
  }
}

export function saveToken(eventId: string, token: string): void {
  memory.set(keyFor(eventId), token);
  try {
    localStorage.setItem(keyFor(eventId), token);
  } catch {
    /* private mode: kept for this tab only */
  }
}

export function forgetToken(eventId: string): void {
  memory.delete(keyFor(eventId));
  try {
    localStorage.removeItem(keyFor(eventId));
  } catch {
    /* nothing stored */
  }
}

/**
 * Takes a token from the address bar's fragment: stores it, and removes the fragment without
 * adding a history entry. Returns the token to use now (from the fragment, else stored), or null.
 */
export function takeToken(eventId: string): string | null {
  const fromLink = tokenFromFragment(location.hash);
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  if (fromLink) saveToken(eventId, fromLink);
  return fromLink ?? loadToken(eventId);
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
