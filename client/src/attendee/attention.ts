import type { Match } from '../../../shared/schemas';

let restoreTitle: (() => void) | null = null;

/**
 * Gets a pocketed or backgrounded phone's attention for a new match: a buzz where the browser
 * allows it, and a tab title like "🦊 Matched! – Mingle" until the page is looked at again.
 */
export function announceMatch(match: Match, baseTitle: string): void {
  if ('vibrate' in navigator) navigator.vibrate([180, 80, 180]);
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  restoreTitle?.();
  document.title = `${match.beacon.emoji} Matched! – Mingle`;
  const onSeen = () => {
    if (document.visibilityState !== 'visible') return;
    restoreTitle?.();
  };
  restoreTitle = () => {
    document.removeEventListener('visibilitychange', onSeen);
    window.removeEventListener('focus', onSeen);
    document.title = baseTitle;
    restoreTitle = null;
  };
  document.addEventListener('visibilitychange', onSeen);
  window.addEventListener('focus', onSeen);
}

/** True while the tab title is flagging a match nobody has looked at yet. */
export function isFlagged(): boolean {
  return restoreTitle !== null;
}
