import type { Event, Stats } from '../../../shared/schemas';

/**
 * The dashboard's last figures, kept so that a reload while the venue's Wi-Fi is down (the page
 * then comes from its service worker, ../service-worker.ts) shows them, greyed and "as last known
 * at", rather than an empty dashboard. In sessionStorage, under `mingle:dashboard:<eventId>`: one
 * event's own, and only this tab's: the names of people waiting are not kept for another tab, and
 * go when the browser drops the tab's storage (a tab it restores may bring them back, so they are
 * shown for at most KEPT_FIGURES_MS, and never past the event's deletion). The token is not in it
 * (it stays where organised-events.ts keeps it).
 */
export interface KeptFigures {
  event: Event;
  joinUrl: string | null;
  stats: Stats;
  /** When (this laptop's clock) the figures arrived, for the waiting clocks. */
  statsReceivedAt: number;
  /** When (this laptop's clock) the server was last heard while they were kept: they held until then. */
  heardAt: number;
}

const key = (eventId: string) => `mingle:dashboard:${eventId}`;

/** This event's kept figures, or null (none, or not a copy this page wrote). */
export function loadKeptFigures(eventId: string): KeptFigures | null {
  let kept: Partial<KeptFigures> | null;
  try {
    kept = JSON.parse(sessionStorage.getItem(key(eventId)) ?? 'null') as Partial<KeptFigures> | null;
  } catch {
    return null;
  }
  // Written by this page from the server's own payloads; the checks only keep out what is not one.
  if (!kept || typeof kept !== 'object' || kept.event?.id !== eventId || typeof kept.stats?.attendees !== 'number') return null;
  if (typeof kept.statsReceivedAt !== 'number' || typeof kept.heardAt !== 'number') return null;
  // Not past the event's own deletion (a tab left open overnight, reloaded offline), nor older
  // than a phone keeps its own (attendee/storage.ts): names and reports go with the event's data.
  const now = Date.now();
  const deletesAt = Date.parse(kept.stats.deletesAt ?? '');
  if (deletesAt <= now || now - kept.heardAt > KEPT_FIGURES_MS || now < kept.heardAt) {
    keepFigures(eventId, null);
    return null;
  }
  return kept as KeptFigures;
}

/** How long kept figures are shown for at most, from when the server was last heard: 6 hours. */
const KEPT_FIGURES_MS = 6 * 3_600_000;

/** Keeps this event's figures, or forgets them (null). Where storage is refused, nothing is kept. */
export function keepFigures(eventId: string, kept: KeptFigures | null): void {
  try {
    if (kept) sessionStorage.setItem(key(eventId), JSON.stringify(kept));
    else sessionStorage.removeItem(key(eventId));
  } catch {
    /* private browsing, or full: the dashboard reloads offline without figures */
  }
}
