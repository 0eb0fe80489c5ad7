import type { ProfileChange } from '../profile-changes';

/**
 * Marks, for a moment, the lines of a freshly drawn match card that someone just changed by
 * editing their profile (`.just-changed` in match.css): their name, and how to spot them, or the
 * line that stands in for it. A name the card shows only in its heading ("Chatting with Ann")
 * marks the heading: "How to spot Ann" says it too, but that line is about what they wear.
 * Returns the lines marked, in the card's order.
 */
export function markChangedLines(card: HTMLElement, changes: readonly ProfileChange[]): HTMLElement[] {
  for (const change of changes) {
    const id = CSS.escape(change.id);
    const look = card.querySelector<HTMLElement>(`[data-partner-look="${id}"]`);
    const name = card.querySelector<HTMLElement>(`[data-partner-id="${id}"] [data-partner-name]`);
    const lines = [change.name !== undefined ? (name ?? card.querySelector<HTMLElement>('.view-title')) : null, change.lookFor !== undefined ? look : null];
    for (const line of lines) line?.classList.add('just-changed');
  }
  return [...card.querySelectorAll<HTMLElement>('.just-changed')];
}

/**
 * Brings the marked lines into view, clear of the pinned bar (the page's scroll padding): on a
 * small phone the notice saying what changed (`notice`, above the card) pushes them down, under
 * the bar or off the screen. The last first, then the first, so that where they do not all fit
 * the first is shown. Again as the notice takes its size, which Chromium may settle a frame
 * later, for as long as the lines are tinted.
 */
export function showChangedLines(lines: readonly HTMLElement[], notice: HTMLElement): void {
  if (lines.length === 0) return;
  const show = () => {
    if (!lines[0]?.isConnected) return observer.disconnect();
    lines.at(-1)?.scrollIntoView({ block: 'nearest' });
    lines[0].scrollIntoView({ block: 'nearest' });
  };
  const observer = new ResizeObserver(show);
  observer.observe(notice);
  show();
  // The tint's length (match.css): after that, a scroll is the reader's own.
  setTimeout(() => observer.disconnect(), TINT_MS);
}

const TINT_MS = 4000;
