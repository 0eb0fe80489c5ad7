/**
 * How fast the evening goes. Human timings (a chat of 3 to 10 minutes, a phone locked for 10 to
 * 120 s about every 15 minutes) are for an evening of 30 minutes or more; a shorter run scales
 * them down by minutes / 30, so a 20-second test still sees chats end, people find again and
 * phones lock. Locks keep their real length and rate in runs of 3 minutes or more: a benchmark
 * should see phones gone for 10 to 120 s, as many at a time as at a real evening. With a target
 * rate of finds, walks, chats and rests are sized to hold it instead.
 */
import type { Pace, Span } from './link';
import type { SimOptions } from './options';

const FULL_EVENING_MIN = 30;

export function paceFor(o: Pick<SimOptions, 'minutes' | 'attendees' | 'findsPerSecond' | 'matchIntervalMs'>): Pace {
  const s = Math.min(1, o.minutes / FULL_EVENING_MIN);
  const sec = (lo: number, hi: number): Span => [lo * 1000 * s, hi * 1000 * s];
  const locks = o.minutes >= 3 ? 1 : s;
  const around = (mean: number): Span => [0.5 * mean, 1.5 * mean];
  let walk = sec(10, 60);
  let chat = sec(180, 600);
  let rest = sec(20, 120);
  if (o.findsPerSecond) {
    // Each person finds once per cycle: rest, wait for the tick, walk, chat. A chat ends when
    // the first of the two leaves; the earlier of two uniform draws averages 5/6 of the mean.
    const cycle = (o.attendees / o.findsPerSecond) * 1000 - 0.75 * o.matchIntervalMs;
    walk = around(0.08 * cycle);
    chat = around((0.7 * cycle * 6) / 5);
    rest = around(0.22 * cycle);
  }
  return {
    think: sec(5, 30),
    walk,
    chat,
    rest,
    offline: [10_000 * locks, 120_000 * locks],
    offlineEveryMs: 15 * 60_000 * locks,
    cancelAfter: sec(20, 90),
    doubleTap: 0.25,
    cantFind: 0.05,
    block: 0.03,
    cancel: 0.03,
    silent: 0.3,
  };
}
