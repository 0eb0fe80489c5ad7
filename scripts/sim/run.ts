/**
 * `runSimulation(options)`: starts the servers (or takes `urls`), lets a crowd live an evening
 * against them with the drills asked for, and returns the report; the invariants decide `ok`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../server/config';
import { EVENT_LOOP_SAMPLE_MS, delayBeyondSample } from '../../server/metrics';
import { ControlProbe } from './control';
import { Crowd } from './crowd';
import { restartRedis } from './drill-redis';
import { drillInvariants, firstMatchesAfter, killInstance, reconnectStorm, type DrillResult } from './drills';
import { checkInvariants } from './invariants';
import { bearer, closeAgents, postJson, sourceAddresses } from './loopback';
import { toMarkdown } from './markdown';
import { usesRedis, validate, type SimOptions } from './options';
import { paceFor } from './pace';
import { progressLine, startProgress } from './progress';
import { machine, steadyRates, tapLatency, targets, type Report } from './report';
import { Scraper } from './scraper';
import { dropPrefix, ownRedis, pong, redisVersion, repoRoot, startServer, tempDataDir, type OwnRedis, type ServerHandle } from './servers';
import { maxOf, summarise } from './stats';

/** The commit the servers run, and whether server/ or shared/ have uncommitted changes. */
function serverRevision(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'server', 'shared').split('\n').filter(Boolean).length;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ` + ${dirty} uncommitted file(s) in server/ and shared/` : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

/** The soft open-file limit of this process, from /proc (Linux), or null. */
export function openFileLimit(): number | null {
  try {
    const m = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export interface RunHooks {
  /** Ends the evening early (e.g. Ctrl-C); the run still checks and reports. */
  signal?: AbortSignal;
  /** Where progress and notices go. @default stdout */
  log?: (line: string) => void;
}

export async function runSimulation(input: SimOptions, hooks: RunHooks = {}): Promise<Report> {
  const o = validate({ ...input });
  const log = hooks.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const runMs = o.minutes * 60_000;
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const servers: ServerHandle[] = [];
  const dataDirs: Array<{ remove(): void }> = [];
  let redis: OwnRedis | null = null;
  let redisUrl: string | null = null;
  const prefix = `mingle-sim:${randomBytes(4).toString('hex')}:`;
  let crowd: Crowd | null = null;
  let control: ControlProbe | null = null;
  let stopProgress = () => {};
  try {
    if (usesRedis(o)) {
      if (o.restartRedisAtMs !== undefined) {
        redis = await ownRedis();
        redisUrl = redis.url;
        log(`Started an own redis-server at ${redisUrl} for the Redis drill (AOF, appendfsync always).`);
      } else {
        redisUrl = o.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
        if (!(await pong(redisUrl))) throw new Error(`No Redis answered at ${redisUrl}. Start one (redis-server) or pass --redis-url.`);
      }
    }
    const profileDir = o.cpuProfile && !o.urls ? path.join(repoRoot, 'bench-results', 'profiles', stamp) : undefined;
    if (!o.urls) {
      const names = Array.from({ length: o.instances }, (_, i) => String.fromCharCode(65 + i));
      const started = await Promise.all(
        names.map((name) => {
          const data = tempDataDir();
          dataDirs.push(data);
          return startServer({ name, matchIntervalMs: o.matchIntervalMs, dataDir: data.dir, cpuProfileDir: profileDir, nodeFlags: o.nodeFlags, root: o.serverRoot, ...(redisUrl ? { redisUrl, redisPrefix: prefix } : {}) });
        }),
      );
      servers.push(...started);
      log(`Started ${servers.length} instance(s)${o.serverRoot ? ` from ${o.serverRoot}` : ''}: ${servers.map((s) => `${s.name} ${s.url}`).join(', ')}${redisUrl ? ` on ${redisUrl} (prefix ${prefix})` : ''}.`);
    }
    const urls = o.urls ?? servers.map((s) => s.url);
    const named = urls.map((url, i) => ({ name: servers[i]?.name ?? `server${i + 1}`, url }));
    // Servers with ORGANISER_KEY or METRICS_TOKEN (a deployment driven with --url, or servers
    // started here, which inherit this environment) refuse the event and the scrapes without them.
    const organiserKey = o.organiserKey ?? (process.env.ORGANISER_KEY || undefined);
    const metricsToken = o.metricsToken ?? (process.env.METRICS_TOKEN || undefined);
    const scraper = new Scraper(named, Date.now(), runMs < 120_000 ? 1000 : 5000, metricsToken);
    await scraper.baseline();

    const created = await postJson(`${urls[0]}/api/events`, { name: 'Mingle crowd simulation', spots: ['By the window', 'At the bar', 'Near the stage', 'By the coat rack'] }, undefined, undefined, bearer(organiserKey));
    if (created.status !== 201) throw new Error(`could not create the event: HTTP ${created.status} ${JSON.stringify(created.body)}`);
    const code = (created.body as { event: { code: string } }).event.code;
    const wanted = o.sourceAddresses ?? Math.min(16, Math.ceil(o.attendees / 2000));
    const sources = await sourceAddresses(urls[0]!, wanted);
    const fds = openFileLimit();
    if (fds !== null && fds < o.attendees + 1000) log(`NOTICE: this process may open only ${fds} files, fewer than ${o.attendees + 1000} needed; run through npm run simulate, which raises it to the hard limit.`);

    const live = () => (o.urls ? o.urls : servers.filter((s) => s.alive() && !s.killedOnPurpose).map((s) => s.url));
    const pace = paceFor(o);
    crowd = new Crowd({ size: o.attendees, runMs, pace, seed: o.seed, code, liveUrls: live, sourceAddresses: sources, probesPerSecond: o.probesPerSecond ?? Math.max(5, Math.min(50, o.attendees / 100)), findsPerSecond: o.findsPerSecond });
    const lag = monitorEventLoopDelay({ resolution: EVENT_LOOP_SAMPLE_MS });
    lag.enable();
    control = new ControlProbe(runMs < 120_000 ? 1000 : 5000);
    const startedAt = Date.now();
    crowd.start();
    scraper.start();
    const c = crowd;
    stopProgress = startProgress(o.progress, () => progressLine(c, scraper, startedAt, runMs), runMs);

    const drills: Array<Promise<DrillResult>> = [];
    const at = (ms: number, drill: () => Promise<DrillResult>) =>
      drills.push(new Promise((resolve, reject) => setTimeout(() => drill().then(resolve, reject), ms)));
    if (o.killInstanceAtMs !== undefined) at(o.killInstanceAtMs, () => killInstance(c, servers[0]!, startedAt));
    if (o.restartRedisAtMs !== undefined && redis) {
      const own = redis;
      at(o.restartRedisAtMs, () => restartRedis(c, own, servers, o.redisDownMs, startedAt));
    }
    if (o.reconnectStorm) at(o.reconnectStormAtMs ?? runMs / 2, () => reconnectStorm(c, startedAt));

    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, runMs);
      hooks.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const drillResults = hooks.signal?.aborted ? [] : await Promise.all(drills);
    const { stoppedAt } = await crowd.finish(o.attendees > 2000 ? 60_000 : 30_000);
    firstMatchesAfter(drillResults, crowd);
    stopProgress();
    scraper.stop();
    lag.disable();
    const controlLag = control.stop();
    const durationS = (Date.now() - startedAt) / 1000;

    const steadyFromS = Math.ceil(crowd.arrivedByMs / 1000);
    const rates = steadyRates(crowd.timeline, steadyFromS);
    const received = Object.fromEntries(Object.entries(crowd.stats.received.toObject()).map(([e, n]) => [e, n / durationS]));
    const matchesSeen = [...crowd.journal.matches.values()];
    const partial: Omit<Report, 'targets' | 'ok'> = {
      date: new Date().toISOString(),
      durationS,
      machine: machine(redisUrl ? await redisVersion(redisUrl) : null, loadAtStart),
      setup: {
        attendees: o.attendees,
        instances: o.urls ? o.urls.length : o.instances,
        urls,
        redis: redisUrl,
        ownRedis: !!redis,
        matchIntervalMs: o.matchIntervalMs,
        minutes: o.minutes,
        findsPerSecondTarget: o.findsPerSecond ?? null,
        sourceAddresses: sources.length,
        openFiles: { generator: fds, servers: servers.map((s) => s.openFiles) },
        seed: o.seed,
        pace,
        serverRevision: o.urls ? 'unknown (--url)' : serverRevision(o.serverRoot ?? repoRoot),
        nodeFlags: o.urls ? [] : o.nodeFlags,
        heapGrowingPercent: o.urls ? null : loadConfig({ HEAP_GROWING_PERCENT: process.env.HEAP_GROWING_PERCENT }).heapGrowingPercent,
      },
      latency: {
        ...tapLatency(crowd, o.matchIntervalMs),
        emitAck: summarise(crowd.stats.probeRtt),
        acks: Object.fromEntries([...crowd.stats.ackRtt].map(([e, xs]) => [e, summarise(xs)])),
      },
      load: {
        servers: scraper.summary(crowd.arrivedByMs, runMs),
        generator: { lagP99Ms: delayBeyondSample(lag.percentile(99) / 1e6), lagMaxMs: delayBeyondSample(lag.max / 1e6), rssBytes: process.memoryUsage().rss },
        control: controlLag,
      },
      throughput: {
        steadyFromS,
        ...rates,
        peakConnected: maxOf(crowd.timeline.map((p) => p.connected), 0),
        receivedPerSecond: received,
        reconnects: crowd.stats.reconnects,
        locks: crowd.stats.locks,
      },
      outcomes: {
        joined: crowd.joined.size,
        matches: matchesSeen.length,
        matchesPerMinute: matchesSeen.length / (durationS / 60),
        conversedShare: crowd.joined.size ? [...crowd.joined].filter((id) => crowd!.journal.attendee(id).conversed).length / crowd.joined.size : 0,
        longestWaitWhileOthersLookingMs: maxOf(crowd.stats.waitsWhileOthers, 0),
        waits: summarise(crowd.stats.waits),
      },
      errors: crowd.errors.toObject(),
      drills: drillResults,
      invariants: checkInvariants({
        journal: crowd.journal,
        joined: crowd.joined,
        stoppedAt,
        maxGroupSize: 4,
        extra: drillInvariants(drillResults, servers),
      }),
      timeline: crowd.timeline,
    };
    const report: Report = { ...partial, targets: targets(partial), ok: partial.invariants.every((i) => i.ok) };
    if (o.outDir !== null) await save(report, o.outDir ?? path.join(repoRoot, 'bench-results'), stamp, log);
    return report;
  } finally {
    stopProgress();
    control?.stop();
    crowd?.close();
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    if (redisUrl && !redis) await dropPrefix(redisUrl, prefix).catch(() => 0);
    await redis?.dispose();
    for (const d of dataDirs) d.remove();
    closeAgents();
  }
}

async function save(report: Report, dir: string, stamp: string, log: (line: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  const stem = path.join(dir, `simulate-${stamp}Z`);
  await writeFile(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${stem}.md`, `# Crowd simulation\n\n${toMarkdown(report)}\n`);
  log(`Wrote ${path.relative(process.cwd(), stem)}.md and .json`);
}
