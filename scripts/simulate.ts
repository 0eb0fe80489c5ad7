/**
 * `npm run simulate -- --attendees N --instances K --minutes M [drills]`: a crowd of real
 * socket.io-client phones lives an evening against real Mingle servers, then the run is checked
 * and reported (terminal, and Markdown + JSON under bench-results/). Exits non-zero when an
 * invariant breaks. See docs/BENCHMARKS.md, "Crowd simulator".
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from './sim/options';
import { toMarkdown } from './sim/markdown';
import { openFileLimit, runSimulation } from './sim/run';

/** Node cannot raise its own open-file limit: run again under a shell that has (to the hard limit). */
function reexecWithMoreFiles(needed: number): boolean {
  const soft = openFileLimit();
  if (soft === null || soft >= needed || process.env.MINGLE_SIM_FDS_RAISED) return false;
  process.stdout.write(`Open-file limit ${soft} < ${needed}: running again with ulimit -n raised to the hard limit.\n`);
  const res = spawnSync('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$@"', 'sh', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, MINGLE_SIM_FDS_RAISED: '1' },
  });
  process.exit(res.status ?? 1);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), !!process.stdout.isTTY);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  reexecWithMoreFiles(options.attendees + 1000);
  const abort = new AbortController();
  process.on('SIGINT', () => {
    if (abort.signal.aborted) process.exit(130);
    process.stdout.write('\nEnding the evening early (Ctrl-C again to quit at once)...\n');
    abort.abort();
  });
  const report = await runSimulation(options, { signal: abort.signal });
  process.stdout.write(`\n${toMarkdown(report)}\n`);
  process.exit(report.ok ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulate: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
