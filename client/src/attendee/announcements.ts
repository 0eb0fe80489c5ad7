import type { Announcement } from '../../../shared/schemas';
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
