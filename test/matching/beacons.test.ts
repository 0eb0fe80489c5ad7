import { BEACON_COLORS, BEACON_EMOJI, BeaconPicker } from '../../server/matching/beacons';
import { seededRandom } from '../../server/matching/rng';

const key = (b: { color: string; emoji: string }) => b.color + b.emoji;

describe('BeaconPicker', () => {
  const all = BEACON_COLORS.length * BEACON_EMOJI.length;

  it.each([1, 2, 3])('gives no two active matches the same beacon until all are in use (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const active: Array<{ color: string; emoji: string; colorName: string }> = [];
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
});
