import type { Beacon } from '../../shared/schemas';

/**
 * A beacon colour: it fills the phone's screen, with the emoji big on it. `clashes` are the emoji
 * that do not stand out on it (the same hue, or too close in hue and lightness), which it is
 * never shown with: a yellow bell on a yellow screen is hard to spot across a room, and a red
 * balloon on an orange one no easier. test/matching/beacons.test.ts holds each emoji's colour
 * family and which families are too close to each colour, and checks these lists against it.
 */
export interface BeaconColor {
  color: string;
  name: string;
  clashes: ReadonlyArray<string>;
}

/** Colours that read well full-screen in a dim room and differ for common colour blindness. */
export const BEACON_COLORS: ReadonlyArray<BeaconColor> = [
  { color: '#7c3aed', name: 'purple', clashes: ['🐙'] },
  { color: '#f97316', name: 'orange', clashes: ['🦊', '🦁', '🎈', '🦀', '🍉', '🍄', '🦜'] },
  { color: '#0ea5e9', name: 'sky blue', clashes: ['🐳', '🦋'] },
  { color: '#e11d48', name: 'red', clashes: ['🍉', '🦀', '🎈', '🍄', '🐙', '🦜'] },
  { color: '#16a34a', name: 'green', clashes: ['🍀', '🐸', '🐢', '🌵'] },
  { color: '#facc15', name: 'yellow', clashes: ['🔔', '⭐', '🌻', '🐝', '🦁'] },
  { color: '#db2777', name: 'pink', clashes: ['🐙', '🎈', '🦀', '🍉', '🍄', '🦜'] },
  { color: '#1d4ed8', name: 'blue', clashes: ['🦋', '🐳'] },
  { color: '#0d9488', name: 'teal', clashes: ['🐢', '🌵', '🐸', '🍀', '🐳', '🦋'] },
  { color: '#a16207', name: 'brown', clashes: ['🦉', '🦁', '🦊', '🐝', '🌻', '⭐', '🔔'] },
  { color: '#64748b', name: 'grey', clashes: ['🚀'] },
  { color: '#111827', name: 'black', clashes: ['🐧'] },
];

export const BEACON_EMOJI: ReadonlyArray<string> = [
  '🦊', '🐙', '🦉', '🐢', '🦋', '🐳', '🦁', '🐝', '🦜', '🐼', '🦄', '🐸',
  '🌵', '🍉', '🚀', '⭐', '🌈', '🍀', '🎈', '🔔', '🍄', '🌻', '🐧', '🦀',
];

/** Whether `emoji` stands out on `color` (is not one of its `clashes`). */
export function standsOut(color: BeaconColor, emoji: string): boolean {
  return !color.clashes.includes(emoji);
}

/** The emoji that stand out on each colour. */
const FITTING = new Map(BEACON_COLORS.map((c) => [c, BEACON_EMOJI.filter((e) => standsOut(c, e))]));

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
   * One of the least used items, at random, among those `allowed`; if none is, among those
   * `otherwise` allows (all of them if none is either). Counted as used.
   */
  pickLeastUsed(random: () => number, allowed: (item: T) => boolean = () => true, otherwise: (item: T) => boolean = () => true): T {
    const pool = [allowed, otherwise, () => true].map((ok) => this.items.filter(ok)).find((items) => items.length > 0) ?? [];
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
 * and of the matches picked before it, and never an emoji on a colour it clashes with. The least
 * used colour with an emoji that stands out on it not yet shown on it, then, of those emoji, the
 * least used: so no two active matches share a beacon until every one that stands out is in use
 * (picking colour and emoji each on its own let two share one from about 25 matches on). Past
 * that, beacons repeat, still never with a clash. Counting the matches in use once per tick
 * keeps a big evening's tick linear.
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
    const unshown = (color: BeaconColor, e: string) => !this.shown.has(color.color + e);
    const color = this.colors.pickLeastUsed(random, (c) => FITTING.get(c)!.some((e) => unshown(c, e)));
    const emoji = this.emoji.pickLeastUsed(random, (e) => standsOut(color, e) && unshown(color, e), (e) => standsOut(color, e));
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
