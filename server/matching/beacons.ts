import type { Beacon } from '../../shared/schemas';

/** Colours that read well full-screen in a dim room and differ for common colour blindness. */
export const BEACON_COLORS: ReadonlyArray<{ color: string; name: string }> = [
  { color: '#7c3aed', name: 'purple' },
  { color: '#f97316', name: 'orange' },
  { color: '#0ea5e9', name: 'sky blue' },
  { color: '#e11d48', name: 'red' },
  { color: '#16a34a', name: 'green' },
  { color: '#facc15', name: 'yellow' },
  { color: '#db2777', name: 'pink' },
  { color: '#1d4ed8', name: 'blue' },
  { color: '#0d9488', name: 'teal' },
  { color: '#a16207', name: 'brown' },
  { color: '#64748b', name: 'grey' },
  { color: '#111827', name: 'black' },
];

export const BEACON_EMOJI: ReadonlyArray<string> = [
  '🦊', '🐙', '🦉', '🐢', '🦋', '🐳', '🦁', '🐝', '🦜', '🐼', '🦄', '🐸',
  '🌵', '🍉', '🚀', '⭐', '🌈', '🍀', '🎈', '🔔', '🍄', '🌻', '🐧', '🦀',
];

/**
 * Picks a beacon unlike those of the event's active matches: an unused colour and an unused
 * emoji where possible, then the least used of each.
 */
export function pickBeacon(inUse: ReadonlyArray<Beacon>, random: () => number): Beacon {
  const colorUse = new Map<string, number>();
  const emojiUse = new Map<string, number>();
  for (const b of inUse) {
    colorUse.set(b.color, (colorUse.get(b.color) ?? 0) + 1);
    emojiUse.set(b.emoji, (emojiUse.get(b.emoji) ?? 0) + 1);
  }
  const color = leastUsed(BEACON_COLORS, (c) => colorUse.get(c.color) ?? 0, random);
  const emoji = leastUsed(BEACON_EMOJI, (e) => emojiUse.get(e) ?? 0, random);
  return { color: color.color, colorName: color.name, emoji };
}

function leastUsed<T>(items: ReadonlyArray<T>, uses: (item: T) => number, random: () => number): T {
  let min = Infinity;
  for (const item of items) min = Math.min(min, uses(item));
  const candidates = items.filter((item) => uses(item) === min);
  return candidates[Math.floor(random() * candidates.length)] as T;
}

/** The meeting spot least used by the event's active matches, or null if it has none. */
export function pickSpot(
  spots: ReadonlyArray<string>,
  inUse: ReadonlyArray<string | null>,
  random: () => number,
): string | null {
  if (spots.length === 0) return null;
  const use = new Map<string, number>();
  for (const s of inUse) if (s) use.set(s, (use.get(s) ?? 0) + 1);
  return leastUsed(spots, (s) => use.get(s) ?? 0, random);
}
