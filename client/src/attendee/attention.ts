import type { Match } from '../../../shared/schemas';

let restoreTitle: (() => void) | null = null;
/** The page's own title while a match is flagged in it. */
let restoring: string | null = null;

/**
 * Gets a pocketed or backgrounded phone's attention for a new match: a buzz where the browser
 * allows it, and a tab title like "🦊 Matched! – Mingle" until the page is looked at again.
 */
export function announceMatch(match: Match, baseTitle: string): void {
  if ('vibrate' in navigator) navigator.vibrate([180, 80, 180]);
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  // A second match before the first was seen: the title to go back to is still the page's own.
  const base = restoring ?? baseTitle;
  restoreTitle?.();
  restoring = base;
  document.title = `${match.beacon.emoji} Matched! – Mingle`;
  const onSeen = () => {
    if (document.visibilityState !== 'visible') return;
    restoreTitle?.();
  };
  restoreTitle = () => {
    document.removeEventListener('visibilitychange', onSeen);
    window.removeEventListener('focus', onSeen);
    document.title = base;
    restoreTitle = null;
    restoring = null;
  };
  document.addEventListener('visibilitychange', onSeen);
  window.addEventListener('focus', onSeen);
}

/** True while the tab title is flagging a match nobody has looked at yet. */
export function isFlagged(): boolean {
  return restoreTitle !== null;
}

/** A short buzz, where the browser allows it, for news that is not a match: someone joining, an announcement, details swapped. */
export function nudge(): void {
  if ('vibrate' in navigator) navigator.vibrate(120);
}
