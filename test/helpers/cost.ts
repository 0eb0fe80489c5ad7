/**
 * How many times longer `work` takes than `baseline`: the median of `runs` timings of each, taken
 * in turns, each timing repeating its call until it has run a few milliseconds. For checking that
 * an input costs what its size says (no pattern that reads it over and over), not a speed target
 * (those are benchmarks): a machine under load slows both alike, so the ratio holds where a time
 * limit would not.
 */
export function costRatio(work: () => unknown, baseline: () => unknown, runs = 9): number {
  const [workReps, baseReps] = [repsFor(work), repsFor(baseline)];
  const w: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < runs; k++) {
    w.push(timed(work, workReps) / workReps);
    b.push(timed(baseline, baseReps) / baseReps);
  }
  return median(w) / median(b);
}

/** Enough calls of `f` to take about 2 ms, so that the clock's grain does not count. */
function repsFor(f: () => unknown): number {
  let reps = 1;
  while (reps < 1 << 20 && timed(f, reps) < 2) reps *= 2;
  return reps;
}

function timed(f: () => unknown, reps: number): number {
  const started = performance.now();
  for (let i = 0; i < reps; i++) f();
  return performance.now() - started;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[s.length >> 1]!;
}
