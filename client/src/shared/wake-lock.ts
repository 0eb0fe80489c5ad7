/**
 * Keeps the screen on, where the browser allows it (the Screen Wake Lock API: Chromium, Safari
 * 16.4+, Firefox 126+, in a secure context), until the returned function is called. The browser
 * lets the lock go whenever the page is hidden (another tab, the lid shut); it is asked for again
 * when the page is shown, for as long as it is wanted. Where there is no such API, or it is
 * refused (low battery, a policy), the screen goes dark as it would have.
 */
export function keepScreenOn(): () => void {
  let wanted = true;
  let held: WakeLockSentinel | null = null;
  const ask = async () => {
    if (!wanted || (held && !held.released) || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    try {
      const sentinel = await navigator.wakeLock.request('screen');
      // Let go meanwhile: not wanted any more.
      if (wanted) held = sentinel;
      else void sentinel.release().catch(() => {});
    } catch {
      /* refused: nothing more to do */
    }
  };
  const onVisible = () => void ask();
  document.addEventListener('visibilitychange', onVisible);
  void ask();
  return () => {
    wanted = false;
    document.removeEventListener('visibilitychange', onVisible);
    void held?.release().catch(() => {});
    held = null;
  };
}
