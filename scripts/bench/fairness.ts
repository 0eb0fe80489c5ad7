import { planMatches } from '../../server/matching/matcher';
import type { ActiveGroup, MatchInput } from '../../server/matching/types';
import { attendeeFactory, type Distribution } from './crowds';

export interface Fairness {
  /** Longest anyone waited, in ticks (those still waiting at the end included). */
  longestTicks: number;
  /** How many were still waiting after the last tick. */
  waitingAtEnd: number;
  /** People placed over the run. */
  placed: number;
}

/**
 * A 30-tick run of one event that keeps about n people looking: each tick, the matched leave
 * (their matches become active groups, open as circles as often as the crowd's distribution
 * says) and as many newcomers arrive. The history (blocked, cooldown, met) is the crowd's.
 */
export function fairness(start: MatchInput, dist: Distribution, ticks: number, tickMs: number): Fairness {
  const factory = attendeeFactory(dist, 7, 'new');
  const looking = new Map(start.seekers.map((s) => [s.id, s]));
  const profiles = new Map(looking);
  const since = new Map(start.seekers.map((s) => [s.id, 0]));
  let active: ActiveGroup[] = start.active;
  let longestTicks = 0;
  let placed = 0;
  for (let t = 0; t < ticks; t++) {
    const now = start.options.now + t * tickMs;
    const plan = planMatches({
      ...start,
      seekers: [...looking.values()],
      active,
      options: { ...start.options, now, seed: t },
    });
    const gone = [...plan.groups.flatMap((g) => g.memberIds), ...plan.joins.map((j) => j.attendeeId)];
    for (const id of gone) {
      longestTicks = Math.max(longestTicks, t - since.get(id)!);
      looking.delete(id);
    }
    placed += gone.length;
    active = [
      ...active.filter((g) => now - g.createdAt < start.options.recentMatchMs),
      ...plan.groups.map((g, k) => ({
        id: `tick${t}-${k}`,
        members: g.memberIds.map((id) => profiles.get(id)!),
        status: 'matched' as const,
        createdAt: now,
        open: factory.random() < factory.shape.groups,
      })),
    ];
    for (let k = 0; k < gone.length; k++) {
      const s = factory.make(now, 0);
      looking.set(s.id, s);
      profiles.set(s.id, s);
      since.set(s.id, t + 1);
    }
  }
  for (const id of looking.keys()) longestTicks = Math.max(longestTicks, ticks - since.get(id)!);
  return { longestTicks, waitingAtEnd: looking.size, placed };
}
