/** The live progress line: redrawn each second on a terminal, printed every few seconds otherwise. */
import type { Crowd } from './crowd';
import type { Scraper } from './scraper';

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

export function progressLine(crowd: Crowd, scraper: Scraper | null, startedAt: number, runMs: number): string {
  const tl = crowd.timeline;
  const last = tl.at(-1);
  const back = tl[Math.max(0, tl.length - 6)];
  const rate = last && back && last.t > back.t ? (last.findSessions - back.findSessions) / (last.t - back.t) : 0;
  const servers = (scraper?.latest() ?? [])
    .map(({ name, sample }) => (sample ? `${name}: lag p99 ${sample.lagP99Ms.toFixed(0)} ms, ${(sample.rssBytes / 2 ** 20).toFixed(0)} MiB, ${sample.connections} conn` : `${name}: –`))
    .join(' | ');
  return (
    `${clock((Date.now() - startedAt) / 1000)}/${clock(runMs / 1000)}  joined ${crowd.joined.size}  online ${last?.connected ?? 0}` +
    `  looking ${last?.looking ?? 0}  matched ${last?.matched ?? 0}  chatting ${last?.chatting ?? 0}` +
    `  finds/s ${rate.toFixed(0)}  matches ${crowd.journal.matches.size}  errors ${crowd.errors.total()}` +
    (servers ? `  [${servers}]` : '')
  );
}

/** Starts printing; returns a function that stops (and ends a redrawn line). */
export function startProgress(
  mode: 'tty' | 'lines' | 'off',
  line: () => string,
  runMs: number,
  write: (s: string) => void = (s) => void process.stdout.write(s),
): () => void {
  if (mode === 'off') return () => {};
  const every = mode === 'tty' ? 1000 : runMs < 120_000 ? 5000 : 10_000;
  const timer = setInterval(() => write(mode === 'tty' ? `\r\x1b[2K${line().slice(0, process.stdout.columns || 200)}` : `${line()}\n`), every);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (mode === 'tty') write('\n');
  };
}
