/**
 * The matcher benchmark: `npm run bench:matcher [-- --sizes 50,200 --oracle-max 1000]`.
 *
 * For each crowd size and distribution (scripts/bench/crowds.ts) it measures
 * - the tick time of `planMatches` (median and max over repeated runs, after warm-up);
 * - the plan's new pairs' total score against the exact maximum-weight matching of every fresh
 *   pair among the same people (`edmonds-blossom`, scripts/bench/oracle.ts), and that exact
 *   algorithm's own time (scoring every pair, then matching);
 * - the share of solo people paired with a solo person;
 * - trios, circle joins and repeats, separately;
 * - fairness: the longest wait, in ticks, in a 30-tick run with arrivals (scripts/bench/fairness.ts).
 *
 * Prints a Markdown report and writes it to bench-results/matcher.md (git ignores it).
 *
 * `--min-seeds N` (default 3): for n <= 200, the "min %" column is the lowest of N crowds of the
 * distribution (seeds 1 to N), for a wider look at the worst cases.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { planMatches } from '../server/matching/matcher';
import type { MatchInput, MatchPlan } from '../server/matching/types';
import { DISTRIBUTIONS, makeCrowd, type Distribution } from './bench/crowds';
import { fairness } from './bench/fairness';
import { machineLine } from './bench/machine';
import { compareWithOptimum, type Comparison } from './bench/oracle';
import { readFlags } from './lib/flags';

const USAGE = `npm run bench:matcher -- [options]
  --sizes N,N,...    crowd sizes (default 50,200,1000,2000,5000)
  --oracle-max N     largest crowd checked against the exact optimum (default 2000)
  --min-seeds N      crowds per distribution behind "min %", for n <= 200 (default 3)`;
const args = readFlags(process.argv.slice(2), USAGE, ['sizes', 'oracle-max', 'min-seeds']);
const SIZES = (args.get('sizes') ?? '50,200,1000,2000,5000').split(',').map(Number);
const ORACLE_MAX = Number(args.get('oracle-max') ?? 2000);
const MIN_SEEDS = Number(args.get('min-seeds') ?? 3);
const SIM_TICKS = 30;
const SIM_TICK_MS = 1000;

/** Repeats per measurement: many for small crowds (sub-millisecond ticks), fewer for big ones. */
const runsFor = (n: number): number => (n <= 50 ? 400 : n <= 200 ? 150 : n <= 1000 ? 40 : 15);
const exactRunsFor = (n: number): number => (n <= 50 ? 20 : n <= 200 ? 5 : 1);

interface Row {
  n: number;
  dist: Distribution;
  median: number;
  max: number;
  cmp: Comparison | null;
  exactMs: number | null;
  plan: MatchPlan;
  soloPct: number;
  /** For small n: the lowest % of optimum over MIN_SEEDS crowds (seeds 1, 2, ...) of the distribution. */
  minPct: number | null;
  longest: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function timeTicks(input: MatchInput, runs: number): { median: number; max: number } {
  const times: number[] = [];
  for (let k = 0; k < Math.min(20, runs); k++) planMatches({ ...input, options: { ...input.options, seed: 1000 + k } });
  for (let k = 0; k < runs; k++) {
    const variant = { ...input, options: { ...input.options, seed: k } };
    const started = performance.now();
    planMatches(variant);
    times.push(performance.now() - started);
  }
  return { median: median(times), max: Math.max(...times) };
}

function measure(n: number, dist: Distribution): Row {
  const input = makeCrowd(dist, n, 1);
  const { median: med, max } = timeTicks(input, runsFor(n));
  const plan = planMatches(input);
  let cmp: Comparison | null = null;
  let exactMs: number | null = null;
  if (n <= ORACLE_MAX) {
    const exact: number[] = [];
    for (let k = 0; k < exactRunsFor(n); k++) {
      cmp = compareWithOptimum(input, plan);
      exact.push(cmp.exactMs);
    }
    exactMs = median(exact);
  }
  const solo = input.seekers.filter((s) => s.solo).length;
  const bySolo = new Map(input.seekers.map((s) => [s.id, s.solo]));
  const soloPaired = plan.groups.filter((g) => g.memberIds.every((id) => bySolo.get(id))).length * 2;
  const fair = fairness(input, dist, SIM_TICKS, SIM_TICK_MS);
  let minPct: number | null = null;
  if (cmp && n <= 200) {
    minPct = (100 * cmp.planScore) / cmp.optimum;
    for (let seed = 2; seed <= MIN_SEEDS; seed++) {
      const other = makeCrowd(dist, n, seed);
      const x = compareWithOptimum(other, planMatches(other));
      minPct = Math.min(minPct, (100 * x.planScore) / x.optimum);
    }
  }
  return {
    n,
    dist,
    median: med,
    max,
    cmp,
    exactMs,
    plan,
    soloPct: solo ? (100 * soloPaired) / solo : 100,
    minPct,
    longest: fair.longestTicks,
  };
}

const fmt = (x: number, digits = 2): string => x.toFixed(digits);

function rowLine(r: Row): string {
  const pct = r.cmp ? fmt((100 * r.cmp.planScore) / r.cmp.optimum, 2) : 'skipped';
  const minPct = r.minPct === null ? '–' : fmt(r.minPct, 2);
  const fitPct = r.cmp ? fmt((100 * r.cmp.planFit) / r.cmp.optimumFit, 2) : 'skipped';
  const exact = r.exactMs === null ? 'skipped' : fmt(r.exactMs, r.exactMs < 10 ? 2 : 0);
  const ratio = r.exactMs === null ? '–' : `${fmt(r.exactMs / r.median, 0)}×`;
  const soloOpt = r.cmp && r.cmp.solo ? ` (opt. ${fmt((100 * r.cmp.optimumSoloPaired) / r.cmp.solo, 1)})` : '';
  const trios = r.plan.joins.filter((j) => j.kind === 'trio').length;
  const circles = r.plan.joins.filter((j) => j.kind === 'circle').length;
  const repeats = r.plan.groups.filter((g) => g.repeat).length;
  return `| ${r.n} | ${r.dist} | ${fmt(r.median, 3)} | ${fmt(r.max, 2)} | ${exact} | ${ratio} | ${pct} | ${minPct} | ${fitPct} | ${fmt(r.soloPct, 1)}${soloOpt} | ${trios} / ${circles} / ${repeats} | ${r.plan.waiting.length} | ${r.longest} |`;
}

function main(): void {
  const lines: string[] = [];
  const out = (line: string): void => {
    lines.push(line);
    console.log(line);
  };
  out(machineLine());
  out('');
  out(
    `Oracle: exact maximum-weight matching (edmonds-blossom) on every fresh pair, for n <= ${ORACLE_MAX}. ` +
      `Fairness: ${SIM_TICKS} ticks of ${SIM_TICK_MS} ms, n kept looking.`,
  );
  out('');
  out(
    `| n | distribution | tick median ms | tick max ms | exact ms | exact / tick | % of optimum | min % (${MIN_SEEDS} crowds) | fit % of optimum | solo→solo % | trios / circles / repeats | waiting | longest wait, ticks |`,
  );
  out('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) for (const dist of DISTRIBUTIONS) out(rowLine(measure(n, dist)));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/matcher.md', `${lines.join('\n')}\n`);
}

main();
