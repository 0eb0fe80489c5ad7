/**
 * The events this browser organises, in localStorage and only on this device. Each event's
 * organiser token is kept under `mingle:organiser:<eventId>`, bare, as the dashboard has always
 * read it; beside it, under `mingle:organiser-event:<eventId>`, its name and join code, so the home
 * page can list it by name. Tokens saved before the details were kept have none until their
 * dashboard next opens. Once an event's data is deleted, its name stays a while under
 * `mingle:organiser-deleted:<eventId>`, for its dashboard to say so. (See local-store.ts for
 * private browsing.)
 */
import { read, readJson, remove, storedKeys, write } from './local-store';

const TOKEN_PREFIX = 'mingle:organiser:';
const DELETED_PREFIX = 'mingle:organiser-deleted:';
const keys = {
  token: (eventId: string) => `${TOKEN_PREFIX}${eventId}`,
  details: (eventId: string) => `mingle:organiser-event:${eventId}`,
  deleted: (eventId: string) => `${DELETED_PREFIX}${eventId}`,
};

/** How long this browser remembers that an event it organised was deleted. */
const DELETED_KEPT_MS = 30 * 24 * 3_600_000;

/** What the home page shows of an event besides its token. */
export interface OrganisedEventDetails {
  name: string;
  code: string;
  /** When this browser first remembered the event (ms), so the newest is listed first. */
  savedAt: number;
}

/** An event this browser holds the organiser token of. */
export interface OrganisedEvent {
  eventId: string;
  token: string;
  /** Null for a token remembered before names were kept, until its dashboard opens again. */
  details: OrganisedEventDetails | null;
}

function isDetails(value: unknown): value is OrganisedEventDetails {
  const v = value as Partial<OrganisedEventDetails> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.code === 'string' && typeof v.savedAt === 'number';
}

export const loadToken = (eventId: string): string | null => read(keys.token(eventId));
export const saveToken = (eventId: string, token: string): void => write(keys.token(eventId), token);

export function loadDetails(eventId: string): OrganisedEventDetails | null {
  const value = readJson(keys.details(eventId));
  return isDetails(value) ? value : null;
}

/** Keeps (or refreshes, after a rename) the event's name and code, keeping when it was first saved. */
export function saveDetails(eventId: string, event: { name: string; code: string }): void {
  const savedAt = loadDetails(eventId)?.savedAt ?? Date.now();
  const details: OrganisedEventDetails = { name: event.name, code: event.code, savedAt };
  write(keys.details(eventId), JSON.stringify(details));
}

/**
 * Forgets the event's token and its details: this browser no longer lists or opens it. Only this
 * browser's copy: the event itself, and its private dashboard link, stay as they were.
 */
export function forgetEvent(eventId: string): void {
  remove(keys.token(eventId));
  remove(keys.details(eventId));
}

/**
 * Keeps a forgotten event again exactly as it was (the home page's Undo): its token, and its
 * details with when it was first saved, so it goes back to its place in the list.
 */
export function restoreEvent(event: OrganisedEvent): void {
  saveToken(event.eventId, event.token);
  if (event.details) write(keys.details(event.eventId), JSON.stringify(event.details));
}

/** The events remembered here, the newest first; those saved without details last. */
export function listOrganised(): OrganisedEvent[] {
  const events: OrganisedEvent[] = [];
  for (const key of storedKeys()) {
    if (!key.startsWith(TOKEN_PREFIX)) continue;
    const eventId = key.slice(TOKEN_PREFIX.length);
    const token = read(key);
    if (eventId && token) events.push({ eventId, token, details: loadDetails(eventId) });
  }
  return events.sort((a, b) => (b.details?.savedAt ?? -1) - (a.details?.savedAt ?? -1));
}

/**
 * Remembers, by name, that the event's data was deleted (its dashboard was told so), so that the
 * dashboard, reloaded or opened from an old link, says so again rather than ask for a link that
 * can no longer work. Entries older than DELETED_KEPT_MS are dropped on the way.
 */
export function rememberDeleted(eventId: string, name: string): void {
  for (const key of storedKeys()) {
    if (key.startsWith(DELETED_PREFIX) && deletedName(key) === null) remove(key);
  }
  write(keys.deleted(eventId), JSON.stringify({ name, at: Date.now() }));
}

/** The name of the event if this browser was told its data was deleted (see `rememberDeleted`), else null. */
export const loadDeleted = (eventId: string): string | null => deletedName(keys.deleted(eventId));

function deletedName(key: string): string | null {
  const v = readJson(key) as { name?: unknown; at?: unknown } | null;
  if (typeof v?.name !== 'string' || typeof v.at !== 'number' || Date.now() - v.at > DELETED_KEPT_MS) return null;
  return v.name;
}
