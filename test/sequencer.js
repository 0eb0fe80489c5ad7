const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's own order, except on a run with no timings from an earlier one (a fresh clone, as CI
 * is): Jest then starts the largest files first, and the crowd simulator's file is small but runs
 * for 50 s (three simulated evenings, in real time). Started last, as it was, it ran alone after
 * every other file had ended: 50 of the 398 s of a fresh-clone run on 28 November. So without
 * timings, the simulator's files (test/sim) go first, then the browser files (about 10 to 35 s
 * each), then the rest, each group largest first as before.
 */
class SlowFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => (/[\\/]test[\\/]sim[\\/]/.test(test.path) ? 0 : /[\\/]test[\\/]browser[\\/]/.test(test.path) ? 1 : 2);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirst;
