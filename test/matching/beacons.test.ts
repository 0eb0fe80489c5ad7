import { BEACON_COLORS, BEACON_EMOJI, BeaconPicker, standsOut } from '../../server/matching/beacons';
import type { Beacon } from '../../shared/schemas';
import { seededRandom } from '../../server/matching/rng';

const key = (b: { color: string; emoji: string }) => b.color + b.emoji;

describe('BeaconPicker', () => {
  // Every colour and emoji pair that stands out: the beacons there are.
  const all = BEACON_COLORS.reduce((n, c) => n + BEACON_EMOJI.filter((e) => !(c.clashes ?? []).includes(e)).length, 0);

  it.each([1, 2, 3])('gives no two active matches the same beacon until all are in use (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const active: Beacon[] = [];
    // As the ticker does: a new picker each tick, counting the matches already active.
    while (active.length < all) {
      const picker = new BeaconPicker(active);
      for (let k = 0; k < 7 && active.length < all; k++) active.push(picker.pick(random));
    }
    expect(new Set(active.map(key)).size).toBe(all);
  });

  it('spreads colours and emoji: the first twelve differ in colour, the first 24 in emoji', () => {
    const picker = new BeaconPicker([]);
    const random = seededRandom(7);
    const first = Array.from({ length: 24 }, () => picker.pick(random));
    expect(new Set(first.slice(0, 12).map((b) => b.color)).size).toBe(12);
    expect(new Set(first.map((b) => b.emoji)).size).toBe(24);
  });

  /** The pairs QA found hard to see, by colour name: same-hue emoji on a full-screen colour. */
  const reported: Record<string, string[]> = { yellow: ['🔔', '⭐', '🌻'], red: ['🍉', '🦀'], green: ['🍀', '🐸'] };
  const clashes = (b: Beacon) => {
    const color = BEACON_COLORS.find((c) => c.color === b.color)!;
    return (color.clashes ?? []).includes(b.emoji) || (reported[color.name] ?? []).includes(b.emoji);
  };

  it('never shows an emoji on a colour it clashes with, over many seeds and well past every beacon in use', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const active: Beacon[] = [];
      // Some seeds go past the point where every beacon that stands out is in use: beacons repeat then.
      const matches = seed % 10 === 0 ? 2 * BEACON_COLORS.length * BEACON_EMOJI.length : 60;
      while (active.length < matches) {
        const picker = new BeaconPicker(active);
        for (let k = 0; k < 1 + (seed % 13); k++) active.push(picker.pick(random));
      }
      expect(active.filter(clashes)).toEqual([]);
    }
  });

  it('lists each colour\'s clashes among the emoji, and leaves every colour most of them', () => {
    for (const c of BEACON_COLORS) {
      expect(BEACON_EMOJI).toEqual(expect.arrayContaining([...c.clashes]));
      expect(BEACON_EMOJI.length - c.clashes.length).toBeGreaterThanOrEqual(16);
    }
  });
});

/**
 * Each emoji's main colour, as the common emoji fonts draw it (Apple, Noto), and for each beacon
 * colour the families that do not stand out on it: the same hue, or one close in hue and
 * lightness. Emoji of several colours, or mostly white, stand out on every one.
 */
const FAMILY: Record<string, string> = {
  '🦊': 'orange', '🦁': 'amber',
  '🐝': 'yellow', '⭐': 'yellow', '🌻': 'yellow', '🔔': 'yellow',
  '🎈': 'red', '🦀': 'red', '🍉': 'red', '🍄': 'red', '🦜': 'red',
  '🐙': 'magenta',
  '🐢': 'green', '🐸': 'green', '🌵': 'green', '🍀': 'green',
  '🦋': 'blue', '🐳': 'blue',
  '🦉': 'brown', '🚀': 'grey', '🐧': 'black',
  '🐼': 'many', '🦄': 'many', '🌈': 'many',
};
const TOO_CLOSE: Record<string, string[]> = {
  purple: ['magenta'],
  orange: ['orange', 'amber', 'red'],
  'sky blue': ['blue'],
  red: ['red', 'magenta'],
  green: ['green'],
  yellow: ['yellow', 'amber'],
  pink: ['magenta', 'red'],
  blue: ['blue'],
  teal: ['green', 'blue'],
  brown: ['brown', 'amber', 'orange', 'yellow'],
  grey: ['grey'],
  black: ['black'],
};

describe('beacon colours and emoji', () => {
  it('give every emoji a colour family, and every colour its families too close to it', () => {
    expect(Object.keys(FAMILY).sort()).toEqual([...BEACON_EMOJI].sort());
    expect(Object.keys(TOO_CLOSE).sort()).toEqual(BEACON_COLORS.map((c) => c.name).sort());
  });

  it.each(BEACON_COLORS.map((c) => [c.name, c] as const))('%s clashes with exactly the emoji of the families too close to it', (name, color) => {
    const close = BEACON_EMOJI.filter((e) => TOO_CLOSE[name]!.includes(FAMILY[e]!));
    expect([...color.clashes].sort()).toEqual(close.sort());
  });

  it('never shows the red balloon on orange (QA: an orange beacon with a red balloon)', () => {
    const orange = BEACON_COLORS.find((c) => c.name === 'orange')!;
    expect(standsOut(orange, '🎈')).toBe(false);
  });
});
