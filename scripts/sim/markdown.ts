/** A run's report as Markdown: what the terminal prints and what bench-results/ keeps. */
import { EVENT_LOOP_SAMPLE_MS } from '../../server/metrics';
import type { Report } from './report';
import { fmt, type Summary } from './stats';

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const mb = (b: number | null) => (b === null || !Number.isFinite(b) ? '–' : (b / 2 ** 20).toFixed(0));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function summaryRow(name: string, s: Summary): string {
  return row([name, s.n, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)]);
}

export function toMarkdown(r: Report): string {
  const m = r.machine;
  const s = r.setup;
  const out: string[] = [];
  out.push(
    `**${r.ok ? 'PASS' : 'FAIL'}**: ${s.attendees} attendees, ${s.instances} instance(s)${s.redis ? ` on Redis ${m.redis ?? ''}${s.ownRedis ? ' (own redis-server)' : ''}` : ', embedded store'}, ` +
      `${s.minutes} min evening (${r.durationS.toFixed(0)} s run), MATCH_INTERVAL_MS ${s.matchIntervalMs}` +
      `${s.findsPerSecondTarget ? `, paced for ${s.findsPerSecondTarget} finds/s` : ''}, seed ${s.seed}. Servers at ${s.serverRevision}${s.nodeFlags.length ? `, Node flags \`${s.nodeFlags.join(' ')}\`` : ''}${s.heapGrowingPercent === null ? '' : `, HEAP_GROWING_PERCENT ${s.heapGrowingPercent || '0 (V8 default)'}`}.`,
    '',
    `Measured ${r.date} on ${m.cpus} × ${m.cpuModel}, ${m.ramGiB} GiB RAM, Node ${m.node}${m.redis ? `, Redis ${m.redis}` : ''}. ` +
      `Load average ${m.loadAtStart.join(' / ')} at the start, ${m.loadAtEnd.join(' / ')} at the end (1/5/15 min). ` +
      `The load generator shares the machine. Connections spread over ${s.sourceAddresses || 'no extra'} loopback source address(es); ` +
      `open-file limit ${s.openFiles.generator ?? '?'} for the generator, ${s.openFiles.servers.map((x) => x ?? '?').join(', ') || '–'} for the servers.`,
    '',
    '**Latency, ms**',
    '',
    row(['', 'n', 'p50', 'p95', 'p99', 'max']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    summaryRow('tap → `match:found` (tap that completed a pair, first tick after it)', r.latency.tapToFound),
    row(['same, minus the interval', '', fmt(r.latency.tapToFoundMinusInterval.p50), fmt(r.latency.tapToFoundMinusInterval.p95), fmt(r.latency.tapToFoundMinusInterval.p99), '']),
    summaryRow('`match:found` after the tick started (tick work + delivery)', r.latency.foundAfterTick),
    summaryRow('tap → `match:found`, every tap (includes waiting for a partner)', r.latency.timeToMatch),
    summaryRow('emit+ack baseline: `profile:update {}`', r.latency.emitAck),
    ...Object.entries(r.latency.acks).map(([e, x]) => summaryRow(`ack of \`${e}\``, x)),
    '',
    '`profile:update {}` is the cheapest real action: the server has no echo event. It validates, writes a no-change patch, reads the state back (and pushes it to any partners) and acks it.',
    '',
    '**Server load**',
    '',
    row(['server', 'event-loop p99, worst window (ms)', 'median window (ms)', 'max delay (ms)', 'peak connections', 'idle RSS (MiB)', 'RSS at peak (MiB)', 'heap used at peak (MiB)', 'RSS per attendee above idle', 'highest RSS of the run (MiB)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...r.load.servers.map((x) =>
      row([x.name, fmt(x.lagP99WorstMs), fmt(x.lagP99MedianMs), fmt(x.lagMaxMs), x.peakConnections, mb(x.idleRssBytes), mb(x.rssAtPeakBytes), mb(x.heapAtPeakBytes), x.bytesPerAttendee === null ? '–' : `${(x.bytesPerAttendee / 1024).toFixed(1)} KB`, mb(x.peakRssBytes)]),
    ),
    row(['load generator (this process; p99 over the run)', fmt(r.load.generator.lagP99Ms), '', fmt(r.load.generator.lagMaxMs), '', '', mb(r.load.generator.rssBytes), '', '', '']),
    row(['control: an idle Node process (noise floor)', fmt(r.load.control.lagP99WorstMs), fmt(r.load.control.lagP99MedianMs), '', '', '', '', '', '', '']),
    '',
    `Event-loop delay is \`nodejs_eventloop_lag_p99_seconds\` from \`/metrics\`, one value per scrape window (prom-client resets its histogram at each scrape); worst and median are over the windows that lie wholly between the moment everyone had arrived and the end of the evening (worst window of the whole run, arrivals and wind-down included: ${r.load.servers.map((x) => `${x.name} ${fmt(x.lagP99WorstAllMs)} ms`).join(', ')}). Node samples it every ${EVENT_LOOP_SAMPLE_MS} ms and its histogram includes that interval (an idle process reads about ${EVENT_LOOP_SAMPLE_MS} ms there, nodejs/node#34661); the figures here are the delay beyond it, as Elastic's APM agent reports it (open-telemetry/opentelemetry-js-contrib#2794). Add ${EVENT_LOOP_SAMPLE_MS} ms for the raw Prometheus figures.`,
    '',
    `Steady state from ${r.throughput.steadyFromS} s (everyone arrived): ${r.throughput.findsPerSecond.toFixed(1)} finds/s (first taps), ` +
      `${r.throughput.findEmitsPerSecond.toFixed(1)} \`match:find\` emits/s (repeat taps included); peak ${r.throughput.peakConnected} phones connected; ` +
      `${r.throughput.locks} phone locks (offline spells), ${r.throughput.reconnects} unexpected drops, each reconnected. Server → phone events per second: ` +
      Object.entries(r.throughput.receivedPerSecond).map(([e, n]) => `${e} ${n.toFixed(0)}`).join(', ') + '.',
    '',
    '**Outcomes**',
    '',
    `${r.outcomes.joined} joined; ${r.outcomes.matches} matches (${r.outcomes.matchesPerMinute.toFixed(1)} per minute); ` +
      `${pct(r.outcomes.conversedShare)} had at least one conversation; longest wait while someone else was looking ${fmt(r.outcomes.longestWaitWhileOthersLookingMs)} ms ` +
      `(looking episodes: p50 ${fmt(r.outcomes.waits.p50)} ms, p99 ${fmt(r.outcomes.waits.p99)} ms).`,
    '',
    `**Errors**: ${Object.entries(r.errors).map(([c, n]) => `${c} ×${n}`).join(', ') || 'none'}.`,
  );
  if (r.drills.length) {
    out.push('', '**Drills**', '', row(['drill', 'at (s)', 'phones knocked off', 'back', 'all back after', 'exact', 'explained', 'unexplained', 'figures']), row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']));
    for (const d of r.drills) {
      const figures = Object.entries(d.figures).map(([k, v]) => `${k}: ${v ?? '–'}`).join('; ');
      out.push(row([d.name, d.atS, d.affected, d.back, d.recoveryMs === null ? 'not all' : `${fmt(d.recoveryMs)} ms`, d.exact, d.explained, d.unexplained, figures]));
    }
  }
  out.push('', '**Invariants**', '', row(['check', 'checked', 'violations', 'result']), row(['---', '---:', '---:', '---']));
  for (const i of r.invariants) {
    const unverified = i.unverified ? ` (${i.unverified} could not be checked: never connected before the end)` : '';
    out.push(row([i.name, i.checked, i.violations, (i.ok ? 'ok' : `FAIL: ${i.examples.join('; ')}`) + unverified]));
  }
  out.push('', '**Targets**', '', row(['', 'target', 'measured', 'verdict']), row(['---', '---', '---', '---']));
  for (const t of r.targets) out.push(row([t.name, t.target, t.measured, t.met === null ? 'not tested by this run' : t.met ? 'met' : 'MISSED']));
  return out.join('\n');
}
