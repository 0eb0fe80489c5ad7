import { CONTACT_FIELDS, type ContactDraft, type ContactField } from './contact';
import { read, readJson, remove, write } from '../shared/local-store';
import type { State } from '../../../shared/schemas';
import type { AfterChat, SeenMatch } from './model';

/**
 * What a phone remembers, in localStorage, and only on this device: the attendee token per
 * event code, the matches it offered its details in, the last announcement it dismissed, the
 * "Good chat?" card of the chat that just ended, the match it was last in (so an end it missed
 * can be explained), the last `state` the server sent (so a page opened offline still shows
 * the match card), a "we found each other" tapped offline and not yet sent, the match it last
 * buzzed a reminder for, whom it blocked or
 * reported (so a reload offers them nowhere again), and the contact details it shared last (so
 * the next "Keep in touch" is one tap). Private browsing can make localStorage throw; then everything lives only as long as the tab.
 */
const keys = {
  token: (code: string) => `mingle:token:${code.toUpperCase()}`,
  shared: (code: string) => `mingle:shared:${code.toUpperCase()}`,
  dismissed: (code: string) => `mingle:dismissed:${code.toUpperCase()}`,
  afterChat: (code: string) => `mingle:after:${code.toUpperCase()}`,
  match: (code: string) => `mingle:match:${code.toUpperCase()}`,
  state: (code: string) => `mingle:state:${code.toUpperCase()}`,
  removed: (code: string) => `mingle:removed:${code.toUpperCase()}`,
  gone: (code: string) => `mingle:gone:${code.toUpperCase()}`,
  keptMet: (code: string) => `mingle:kept-met:${code.toUpperCase()}`,
  reminded: (code: string) => `mingle:reminded:${code.toUpperCase()}`,
  apart: (code: string) => `mingle:apart:${code.toUpperCase()}`,
  /** From before People I met came from the server; removed when an event is forgotten. */
  met: (code: string) => `mingle:met:${code.toUpperCase()}`,
  contact: () => 'mingle:contact',
};

export const loadToken = (code: string) => read(keys.token(code));
export const saveToken = (code: string, token: string) => write(keys.token(code), token);

/**
 * The matches this phone has offered its details in and not taken back, for "waiting for Sam
 * to share too". The server says whether I have shared only for the matches it lists among the
 * people I met (`Connection.shared`); the phone follows it there and keeps this list for the rest.
 */
export function loadShared(code: string): string[] {
  const ids = readJson(keys.shared(code));
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function saveShared(code: string, matchIds: readonly string[]): void {
  write(keys.shared(code), JSON.stringify(matchIds));
}

/** The `at` of the announcement dismissed last, so it stays dismissed after a reload. */
export const loadDismissed = (code: string) => read(keys.dismissed(code));
export const saveDismissed = (code: string, at: string) => write(keys.dismissed(code), at);

/** The "Good chat?" card, so that a reload does not lose the one chance to answer it or keep in touch. */
export function loadAfterChat(code: string): AfterChat | null {
  const raw = readJson(keys.afterChat(code)) as Partial<AfterChat> | null;
  if (!raw || typeof raw.matchId !== 'string' || !Array.isArray(raw.people)) return null;
  const people = raw.people.filter((p) => typeof p?.id === 'string' && typeof p?.name === 'string').map((p) => ({ id: p.id, name: p.name }));
  if (people.length === 0) return null;
  return { matchId: raw.matchId, people, feedback: raw.feedback === 'thanks' ? 'thanks' : 'ask', leftGroup: raw.leftGroup === true };
}

export function saveAfterChat(code: string, after: AfterChat | null): void {
  if (after) write(keys.afterChat(code), JSON.stringify(after));
  else remove(keys.afterChat(code));
}

/**
 * The match this phone was last in. A phone may drop a backgrounded tab (a locked screen): the
 * page it reopens has only this to tell that a match ended while it was away.
 */
export function loadSeenMatch(code: string): SeenMatch | null {
  const raw = readJson(keys.match(code)) as Partial<SeenMatch> | null;
  if (!raw || typeof raw.id !== 'string' || !Array.isArray(raw.partners)) return null;
  const partners = raw.partners
    .filter((p) => typeof p?.id === 'string' && typeof p?.name === 'string')
    .map((p) => ({ id: p.id, name: p.name, arriving: p.arriving === true }));
  if (partners.length === 0) return null;
  return { id: raw.id, arriving: raw.arriving === true, chatting: raw.chatting === true, partners };
}

export function saveSeenMatch(code: string, seen: SeenMatch | null): void {
  if (seen) write(keys.match(code), JSON.stringify(seen));
  else remove(keys.match(code));
}

/**
 * The last `state` the server sent this phone, for a page opened while offline (the venue's
 * Wi-Fi gone, and the page reloaded): it shows the match card as it last was, marked offline,
 * until the server's own `state` takes over. Only while the event runs: once it has ended, or
 * this person is gone from the phone (see {@link forgetPerson}), nobody's name stays behind; and
 * only for {@link KEPT_STATE_MS} after it came, so that a page closed mid-match, and never opened
 * online again to hear the end, does not keep a partner's name and looks for good.
 */
export function loadLastState(code: string, now = Date.now()): State | null {
  const kept = readJson(keys.state(code)) as { savedAt?: unknown; state?: Partial<State> } | null;
  if (!kept || typeof kept.savedAt !== 'number' || now - kept.savedAt > KEPT_STATE_MS || now < kept.savedAt) {
    if (kept) remove(keys.state(code));
    return null;
  }
  const raw = kept.state;
  // Written by this page from the server's own `state`; the checks only keep out what is not one.
  if (!raw || typeof raw !== 'object' || typeof raw.status !== 'string' || typeof raw.event?.name !== 'string' || typeof raw.me?.name !== 'string') return null;
  if (raw.match !== null && !Array.isArray(raw.match?.partners)) return null;
  if (raw.event.status === 'ended') return null;
  return raw as State;
}

export function saveLastState(code: string, state: State | null, now = Date.now()): void {
  if (state && state.event.status !== 'ended') write(keys.state(code), JSON.stringify({ savedAt: now, state }));
  else remove(keys.state(code));
}

/** How long a kept `state` may be shown offline: an evening's event, not the days after it. */
export const KEPT_STATE_MS = 6 * 3_600_000;

/**
 * The match whose "we found each other" was tapped offline and is still to be sent (see
 * `Offline`), so that a reload, or a phone that drops the tab in the background, does not lose it.
 */
export const loadKeptMet = (code: string) => read(keys.keptMet(code));

export function saveKeptMet(code: string, matchId: string | null): void {
  if (matchId) write(keys.keptMet(code), matchId);
  else remove(keys.keptMet(code));
}

/**
 * The match this phone last buzzed a reminder for ("Found Sam? Tap…"): sent again to a phone that
 * reconnects, or reloads, while it is due, it shows again without a second buzz.
 */
export const loadReminded = (code: string) => read(keys.reminded(code));
export const saveReminded = (code: string, matchId: string) => write(keys.reminded(code), matchId);

/**
 * The id of the event whose organisers took whoever had this phone out of it: on a reload the
 * page says so again rather than offer the join form (clearing the browser's data gets past it,
 * as the organiser's confirm says). By id, so that the code used again for another event is not
 * refused.
 */
export const loadRemoved = (code: string) => read(keys.removed(code));
export const saveRemoved = (code: string, eventId: string) => write(keys.removed(code), eventId);
export const clearRemoved = (code: string) => remove(keys.removed(code));

/**
 * That this phone was in the event with this code when its data was deleted: on a reload, with
 * the token gone, the page still says the event is over and deleted, not "check the poster".
 * Cleared once the code opens an event again.
 */
export const loadGone = (code: string) => read(keys.gone(code)) !== null;
export const markGone = (code: string, gone: boolean) => (gone ? write(keys.gone(code), '1') : remove(keys.gone(code)));

/**
 * The attendees this phone blocked or reported, by id. The server keeps a block as a pair, with
 * no word of who asked for it, so its list of the people I met still names them: the phone leaves
 * them out itself, of the "Good chat?" card and of People I met. The one blocked is told nothing.
 */
export function loadApart(code: string): string[] {
  const ids = readJson(keys.apart(code));
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function saveApart(code: string, attendeeIds: readonly string[]): void {
  write(keys.apart(code), JSON.stringify(attendeeIds));
}

/** What I shared last time, and which of the fields I picked: offered again next time. */
export interface RememberedContact {
  values: ContactDraft;
  picked: Record<ContactField, boolean>;
}

export function loadContact(): RememberedContact | null {
  const raw = readJson(keys.contact()) as Partial<RememberedContact> | null;
  if (!raw || typeof raw !== 'object') return null;
  const values = {} as ContactDraft;
  const picked = {} as Record<ContactField, boolean>;
  for (const field of CONTACT_FIELDS) {
    const value = raw.values?.[field];
    values[field] = typeof value === 'string' ? value : '';
    picked[field] = raw.picked?.[field] === true;
  }
  return { values, picked };
}

export const saveContact = (remembered: RememberedContact) => write(keys.contact(), JSON.stringify(remembered));

/** Forget me: everything this phone kept about the event, and the details it would share. */
export function forgetEvent(code: string): void {
  forgetPerson(code);
  remove(keys.dismissed(code));
}

/** Start over: whoever joins next on this phone is someone else, and sees nothing of mine. */
export function forgetPerson(code: string): void {
  for (const key of [keys.token(code), keys.shared(code), keys.met(code), keys.afterChat(code), keys.match(code), keys.state(code), keys.keptMet(code), keys.reminded(code), keys.apart(code), keys.contact()]) {
    remove(key);
  }
}
