import type { ProfileChange } from '../profile-changes';

/**
 * Marks, for a moment, the lines of a freshly drawn match card that someone just changed by
 * editing their profile (`.just-changed` in match.css): their name, and how to spot them, or the
 * line that stands in for it. A name shown only in the "How to spot Ann" line marks that line.
 */
export function markChangedLines(card: HTMLElement, changes: readonly ProfileChange[]): void {
  for (const change of changes) {
    const id = CSS.escape(change.id);
    const look = card.querySelector<HTMLElement>(`[data-partner-look="${id}"]`);
    const name = card.querySelector<HTMLElement>(`[data-partner-id="${id}"] [data-partner-name]`);
    const lines = [change.name !== undefined ? (name ?? look) : null, change.lookFor !== undefined ? look : null];
    for (const line of lines) line?.classList.add('just-changed');
  }
}
