import type { ActiveGroup, MatchHistory, MatchInput, MatchOptions, Seeker } from '../../server/matching/types';
import { defaultMatchOptions } from '../../server/matching/types';

/** The clock every test starts from. */
export const NOW = 1_700_000_000_000;

/** A connected seeker who just started looking, with nothing picked unless given. */
export function seeker(id: string, over: Partial<Seeker> = {}): Seeker {
  return { id, interests: [], solo: false, offers: [], asks: [], lookingSince: NOW, connected: true, ...over };
}

/** An active match of the given members (ids or seekers), formed `ageMs` ago. */
export function group(id: string, members: Array<string | Seeker>, over: Partial<ActiveGroup> = {}): ActiveGroup {
  return {
    id,
    members: members.map((m) => {
      const s = typeof m === 'string' ? seeker(m) : m;
      return { id: s.id, interests: s.interests, solo: s.solo, offers: s.offers, asks: s.asks };
    }),
    status: 'chatting',
    createdAt: NOW - 60_000,
    open: false,
    ...over,
  };
}

export const noHistory = (): MatchHistory => ({ met: [], blocked: [], cooldown: [] });

/** A tick's input with defaults for everything not given. */
export function tick(
  seekers: Seeker[],
  over: { active?: ActiveGroup[]; history?: Partial<MatchHistory>; options?: Partial<MatchOptions> } = {},
): MatchInput {
  return {
    seekers,
    active: over.active ?? [],
    history: { ...noHistory(), ...over.history },
    options: { ...defaultMatchOptions, now: NOW, seed: 1, ...over.options },
  };
}

/** The plan's new groups as sorted id pairs, e.g. ["a|b", "c|d"]. */
export function pairsOf(plan: { groups: Array<{ memberIds: string[] }> }): string[] {
  return plan.groups.map((g) => [...g.memberIds].sort().join('|')).sort();
}

/** Maximum total weight of a matching, by trying everything (small graphs only; null: no edge). */
export function bruteForce(n: number, weight: (i: number, j: number) => number | null): number {
  const memo = new Map<number, number>();
  const best = (used: number): number => {
    let i = 0;
    while (i < n && used & (1 << i)) i++;
    if (i >= n) return 0;
    const known = memo.get(used);
    if (known !== undefined) return known;
    let value = best(used | (1 << i));
    for (let j = i + 1; j < n; j++) {
      const w = used & (1 << j) ? null : weight(i, j);
      if (w !== null) value = Math.max(value, w + best(used | (1 << i) | (1 << j)));
    }
    memo.set(used, value);
    return value;
  };
  return best(0);
}
