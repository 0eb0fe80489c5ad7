import { seededRandom } from '../../server/matching/rng';
import type { ActiveGroup, MatchHistory, MatchInput, Seeker } from '../../server/matching/types';
import { defaultMatchOptions } from '../../server/matching/types';

/** The crowd shapes the matcher is benchmarked on. */
export type Distribution = 'uniform' | 'skewed' | 'mostly-solo' | 'mostly-groups';
export const DISTRIBUTIONS: Distribution[] = ['uniform', 'skewed', 'mostly-solo', 'mostly-groups'];

const TOPICS = [
  'climbing', 'jazz', 'chess', 'running', 'cooking', 'photography', 'startups', 'design', 'ai',
  'rust', 'typescript', 'gardening', 'cycling', 'film', 'poetry', 'board games', 'football',
  'yoga', 'sailing', 'podcasts', 'knitting', 'astronomy', 'history', 'travel', 'coffee',
  'wine', 'baking', 'surfing', 'music production', 'comics', 'theatre', 'birdwatching',
  'hiking', 'philosophy', 'languages', 'volunteering', 'crypto', 'robotics', 'dance', 'tennis',
];
const SKILLS = [
  'fundraising', 'hiring', 'pitching', 'marketing', 'design', 'public speaking', 'sales',
  'career change', 'writing', 'data', 'product', 'legal', 'accounting', 'mentoring', 'cloud',
];

/** How each distribution differs from the uniform one. */
const SHAPES: Record<Distribution, { solo: number; zipf: number; groups: number }> = {
  uniform: { solo: 0.5, zipf: 0, groups: 0.05 },
  // A few topics nearly everyone picks ("ai", "startups"...), a long tail of rare ones.
  skewed: { solo: 0.5, zipf: 1.3, groups: 0.05 },
  'mostly-solo': { solo: 0.9, zipf: 0, groups: 0.05 },
  // Most came with friends or colleagues, and many matches are open circles or recent pairs.
  'mostly-groups': { solo: 0.1, zipf: 0, groups: 0.3 },
};

/** A seeded picker of topics, uniform or Zipf-like. */
function topicPicker(random: () => number, zipf: number): (from: string[]) => string {
  return (from) => {
    if (zipf === 0) return from[Math.floor(random() * from.length)]!;
    // Inverse-CDF sampling over weights 1/rank^zipf.
    const weights = from.map((_, r) => 1 / (r + 1) ** zipf);
    let x = random() * weights.reduce((a, b) => a + b, 0);
    for (let r = 0; r < from.length; r++) {
      x -= weights[r]!;
      if (x <= 0) return from[r]!;
    }
    return from[from.length - 1]!;
  };
}

/** A generator of attendees for one distribution, with ids `${prefix}${k}`. */
export function attendeeFactory(dist: Distribution, seed: number, prefix = 'p') {
  const random = seededRandom(seed);
  const shape = SHAPES[dist];
  const pick = topicPicker(random, shape.zipf);
  const some = (from: string[], min: number, max: number): string[] => {
    const k = min + Math.floor(random() * (max - min + 1));
    const out = new Set<string>();
    for (let tries = 0; out.size < k && tries < 50; tries++) out.add(pick(from));
    // Vary the spelling, as people type it: the matcher must compare by topicKey.
    return [...out].map((t) => (random() < 0.1 ? ` ${t[0]!.toUpperCase()}${t.slice(1)} ` : t));
  };
  let next = 0;
  return {
    random,
    shape,
    make(now: number, maxWaitMs: number): Seeker {
      return {
        id: `${prefix}${next++}`,
        interests: some(TOPICS, 2, 6),
        solo: random() < shape.solo,
        offers: some(SKILLS, 0, 2),
        asks: some(SKILLS, 0, 2),
        lookingSince: now - Math.floor(random() * maxWaitMs),
        connected: true,
      };
    },
  };
}

/** One tick's input: n looking people, a history with met/blocked/cooldown pairs, active matches. */
export function makeCrowd(dist: Distribution, n: number, seed: number): MatchInput {
  const now = 1_700_000_000_000;
  const factory = attendeeFactory(dist, seed);
  const { random, shape } = factory;
  const seekers = Array.from({ length: n }, () => factory.make(now, 30_000));
  const anyTwo = (): [string, string] => {
    const a = seekers[Math.floor(random() * n)]!.id;
    const b = seekers[Math.floor(random() * n)]!.id;
    return [a, b];
  };
  const history: MatchHistory = {
    met: Array.from({ length: Math.floor(n / 2) }, anyTwo),
    blocked: Array.from({ length: Math.floor(n / 20) }, anyTwo),
    cooldown: Array.from({ length: Math.floor(n / 50) }, anyTwo),
  };
  const others = attendeeFactory(dist, seed + 1, 'm');
  const active: ActiveGroup[] = Array.from({ length: Math.ceil(n * shape.groups) }, (_, k) => {
    const size = 2 + Math.floor(random() * 2);
    const open = random() < 0.5;
    return {
      id: `g${k}`,
      members: Array.from({ length: size }, () => others.make(now, 0)),
      status: open || random() < 0.5 ? 'chatting' : 'matched',
      createdAt: now - Math.floor(random() * 200_000),
      open,
    };
  });
  return { seekers, active, history, options: { ...defaultMatchOptions, now, seed } };
}
