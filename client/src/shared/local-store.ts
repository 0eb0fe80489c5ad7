/**
 * localStorage, on this device only, with this tab's memory behind it: private browsing can make
 * localStorage throw, or refuse a write, and then a value lives only as long as the tab.
 */
const memory = new Map<string, string>();

export function read(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function write(key: string, value: string): void {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    /* kept in memory only */
  }
}

export function remove(key: string): void {
  memory.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing stored */
  }
}

/** A stored JSON value, or null if absent or not JSON. */
export function readJson(key: string): unknown {
  try {
    return JSON.parse(read(key) ?? 'null');
  } catch {
    return null;
  }
}

/** Every key stored, in localStorage and in this tab's memory. */
export function storedKeys(): Set<string> {
  const found = new Set(memory.keys());
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key !== null) found.add(key);
    }
  } catch {
    /* private mode: memory only */
  }
  return found;
}
