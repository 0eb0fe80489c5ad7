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

/** How often each value is in use; counts once, then keeps count of what is picked after. */
class Usage<T> {
  private readonly uses = new Map<string, number>();

  constructor(
    private readonly items: ReadonlyArray<T>,
    private readonly key: (item: T) => string,
  ) {}

  add(key: string): void {
    this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
  }

  /**
   * One of the least used items, at random, among those `allowed` (all of them if none is);
   * counted as used.
   */
  pickLeastUsed(random: () => number, allowed: (item: T) => boolean = () => true): T {
    const pool = this.items.some(allowed) ? this.items.filter(allowed) : this.items;
    let min = Infinity;
    for (const item of pool) min = Math.min(min, this.uses.get(this.key(item)) ?? 0);
    const candidates = pool.filter((item) => (this.uses.get(this.key(item)) ?? 0) === min);
    const chosen = candidates[Math.floor(random() * candidates.length)] as T;
    this.add(this.key(chosen));
    return chosen;
  }
}

/**
 * Picks the beacons of one tick's new matches: each unlike those of the event's active matches
 * and of the matches picked before it. The least used colour, then, of the emoji not yet shown
 * on that colour, the least used: so no two active matches share a beacon until all 288 are in
 * use (picking colour and emoji each on its own let two share one from about 25 matches on).
 * Counting the matches in use once per tick keeps a big evening's tick linear.
 */
export class BeaconPicker {
  private readonly colors = new Usage(BEACON_COLORS, (c) => c.color);
  private readonly emoji = new Usage(BEACON_EMOJI, (e) => e);
  /** Colour and emoji pairs in use, as colour + emoji. */
  private readonly shown = new Set<string>();

  constructor(inUse: Iterable<Beacon>) {
    for (const b of inUse) {
      this.colors.add(b.color);
      this.emoji.add(b.emoji);
      this.shown.add(b.color + b.emoji);
    }
  }

  pick(random: () => number): Beacon {
    const color = this.colors.pickLeastUsed(random);
    const emoji = this.emoji.pickLeastUsed(random, (e) => !this.shown.has(color.color + e));
    this.shown.add(color.color + emoji);
    return { color: color.color, colorName: color.name, emoji };
  }
}

/** Picks meeting spots the same way: the least used by the active matches, or null if the event has none. */
export class SpotPicker {
  private readonly usage: Usage<string>;

  constructor(
    private readonly spots: ReadonlyArray<string>,
    inUse: Iterable<string | null>,
  ) {
    this.usage = new Usage(spots, (s) => s);
    for (const s of inUse) if (s) this.usage.add(s);
  }

  pick(random: () => number): string | null {
    return this.spots.length === 0 ? null : this.usage.pickLeastUsed(random);
  }
}
