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

export function forgetToken(code: string): void {
  memory.delete(keyFor(code));
  try {
    localStorage.removeItem(keyFor(code));
  } catch {
    /* nothing stored */
  }
}
