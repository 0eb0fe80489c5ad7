/**
 * Where a phone remembers that it joined: the attendee token, per event code, in localStorage.
 * Private browsing can make localStorage throw; then the token lives only as long as the tab.
 */
const memory = new Map<string, string>();
const keyFor = (code: string) => `mingle:token:${code.toUpperCase()}`;

export function loadToken(code: string): string | null {
  try {
    return localStorage.getItem(keyFor(code));
  } catch {
    return memory.get(keyFor(code)) ?? null;
  }
}

export function saveToken(code: string, token: string): void {
  memory.set(keyFor(code), token);
  try {
    localStorage.setItem(keyFor(code), token);
  } catch {
    /* kept in memory only */
  }
}

/** Someone met at an event: enough to thank them by name when it ends. */
interface Met {
  id: string;
  name: string;
}

const metKeyFor = (code: string) => `mingle:met:${code.toUpperCase()}`;

/**
 * The people this phone has met at an event. The server's state carries only the current
 * match, so the phone keeps its own list for the thank-you screen; another device or cleared
 * storage starts it afresh.
 */
export function loadMet(code: string): Met[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(metKeyFor(code)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((m): m is Met => typeof m?.id === 'string' && typeof m?.name === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds people to the list (once each, by id); returns the whole list. */
export function rememberMet(code: string, people: readonly Met[]): Met[] {
  const met = loadMet(code);
  for (const p of people) if (!met.some((m) => m.id === p.id)) met.push({ id: p.id, name: p.name });
  try {
    localStorage.setItem(metKeyFor(code), JSON.stringify(met));
  } catch {
    /* not remembered; the thank-you is just shorter */
  }
  return met;
}

export function forgetMet(code: string): void {
  try {
    localStorage.removeItem(metKeyFor(code));
  } catch {
    /* nothing stored */
  }
}

export function forgetToken(code: string): void {
  memory.delete(keyFor(code));
  try {
    localStorage.removeItem(keyFor(code));
  } catch {
    /* nothing stored */
  }
}
