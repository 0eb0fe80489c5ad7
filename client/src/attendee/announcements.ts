import type { Announcement } from '../../../shared/schemas';
import { dayAndTime } from '../shared/time';
import { loadDismissed, saveDismissed } from './storage';

/**
 * The organiser's latest announcement arrives live, and again with every `state` (so a phone
 * that connects later sees it). Keyed by its `at`, it shows once, and a dismissed one stays
 * dismissed, also after a reload.
 */
export class Announcements {
  private dismissedAt: string | null;

  constructor(private readonly code: string) {
    this.dismissedAt = loadDismissed(code);
  }

  /** True when `incoming` is neither the one on screen nor one already dismissed. */
  isNew(incoming: Announcement | null, shown: Announcement | null): incoming is Announcement {
    return !!incoming && incoming.at !== this.dismissedAt && incoming.at !== shown?.at;
  }

  dismiss(shown: Announcement | null): void {
    if (shown) saveDismissed(this.code, (this.dismissedAt = shown.at));
  }
}

/**
 * When an announcement was sent, for its banner: "Sent 20:14" on the phone's 24-hour clock, with
 * the day when it was not today (a conference runs for days). A clock time rather than "5 min
 * ago": the banner stays up, and a relative time would need a timer to stay true. Empty for a
 * time that cannot be read.
 */
export function sentLabel(at: string, now = new Date()): string {
  return Number.isNaN(new Date(at).getTime()) ? '' : `Sent ${dayAndTime(at, now)}`;
}
