/** The screen's action bar being measured, and what measures it; none before the first screen. */
let watched: { bar: HTMLElement; observer: ResizeObserver } | null = null;

/**
 * Keeps `--action-bar-height` on the page the height of the screen's sticky action bar, or unset
 * when the screen has none. attendee.css makes it the page's bottom scroll padding, so that a line
 * brought into view (find in page, a screen reader's cursor, the focus moving) stops above the
 * bar rather than under it. The bar's height changes with its buttons and the text size, so it
 * is measured, not guessed. Call with each new screen's bar.
 */
export function leaveRoomFor(bar: HTMLElement | null): void {
  if (bar === (watched?.bar ?? null)) return;
  watched?.observer.disconnect();
  watched = null;
  const root = document.documentElement.style;
  if (!bar) {
    root.removeProperty('--action-bar-height');
    return;
  }
  const observer = new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize[0]?.blockSize;
    if (height !== undefined) root.setProperty('--action-bar-height', `${height}px`);
  });
  observer.observe(bar);
  watched = { bar, observer };
}
