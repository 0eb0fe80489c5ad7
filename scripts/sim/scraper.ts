/**
 * Reads each server's `/metrics` every few seconds: event-loop delay (prom-client resets its
 * histogram at every scrape, so each sample is the p99 of the window since the last one), RSS
 * and open attendee connections. Delays are reported beyond the sampling interval that
 * prom-client's figures include (`delayBeyondSample`).
 */
import { delayBeyondSample } from '../../server/metrics';
import { bearer, getText } from './loopback';
import { maxOf, summarise } from './stats';

export interface MetricsSample {
  /** ms since the run started. */
  t: number;
  lagP99Ms: number;
  lagMaxMs: number;
  rssBytes: number;
  /** V8 heap in use (live objects and not yet collected garbage). */
  heapUsedBytes: number;
  connections: number;
}

export interface ServerLoad {
  name: string;
  /** RSS before any phone connected. */
  idleRssBytes: number | null;
  /** p99 event-loop delay of each scrape window, worst and median over the run (ms). */
  lagP99WorstMs: number;
  lagP99MedianMs: number;
  /** Worst window over the whole run, arrivals included (ms). */
  lagP99WorstAllMs: number;
  /** Longest single event-loop delay seen (ms). */
  lagMaxMs: number;
  peakConnections: number;
  /** RSS when the connections peaked, and the V8 heap in use then. */
  rssAtPeakBytes: number;
  heapAtPeakBytes: number;
  peakRssBytes: number;
  /** (RSS at peak − idle RSS) / peak connections. */
  bytesPerAttendee: number | null;
  /** (the run's highest RSS − idle RSS) / peak connections: the evening's store on top of the connections. */
  highestBytesPerAttendee: number | null;
  samples: number;
  /** Every scrape, for the JSON report. */
  series: MetricsSample[];
}

/** Parses the Prometheus text format's unlabelled samples into name → value. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

export class Scraper {
  private timer: NodeJS.Timeout | null = null;
  readonly samples = new Map<string, MetricsSample[]>();
  readonly idleRss = new Map<string, number>();

  constructor(
    private readonly servers: Array<{ name: string; url: string }>,
    private readonly started: number,
    private readonly everyMs: number,
    /** The servers' METRICS_TOKEN, when they ask for one. */
    private readonly metricsToken?: string,
  ) {
    for (const s of servers) this.samples.set(s.name, []);
  }

  /** One scrape of one server, or null if it did not answer. */
  async scrape(server: { name: string; url: string }): Promise<MetricsSample | null> {
    const res = await getText(`${server.url}/metrics`, undefined, bearer(this.metricsToken));
    if (!res || res.status !== 200) return null;
    const m = parseMetrics(res.text);
    return {
      t: Date.now() - this.started,
      lagP99Ms: delayBeyondSample((m.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000),
      lagMaxMs: delayBeyondSample((m.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000),
      rssBytes: m.get('process_resident_memory_bytes') ?? NaN,
      heapUsedBytes: m.get('nodejs_heap_size_used_bytes') ?? NaN,
      connections: m.get('mingle_connections') ?? 0,
    };
  }

  /** The idle baseline: the lowest RSS of a few scrapes before anyone connects. */
  async baseline(): Promise<void> {
    for (const s of this.servers) {
      let low = Infinity;
      for (let i = 0; i < 3; i++) {
        const sample = await this.scrape(s);
        if (sample) low = Math.min(low, sample.rssBytes);
        await new Promise((r) => setTimeout(r, 200));
      }
      if (Number.isFinite(low)) this.idleRss.set(s.name, low);
    }
  }

  start(): void {
    const tick = async () => {
      await Promise.all(
        this.servers.map(async (s) => {
          const sample = await this.scrape(s);
          if (sample) this.samples.get(s.name)!.push(sample);
        }),
      );
    };
    this.timer = setInterval(() => void tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The latest sample of each server. */
  latest(): Array<{ name: string; sample: MetricsSample | undefined }> {
    return this.servers.map((s) => ({ name: s.name, sample: this.samples.get(s.name)!.at(-1) }));
  }

  /**
   * Per-server load figures over the evening: the scrape windows from `fromMs` into the run
   * (everyone has arrived) to `toMs` (the evening's end, before the wind-down and final checks).
   */
  summary(fromMs = 0, toMs = Infinity): ServerLoad[] {
    return this.servers.map((s) => {
      const all = this.samples.get(s.name)!;
      // A window counts when it lies wholly in [fromMs, toMs]: it starts at the scrape before.
      const steady = all.filter((x, i) => i > 0 && all[i - 1]!.t >= fromMs && x.t <= toMs && Number.isFinite(x.lagP99Ms));
      const lags = summarise(steady.map((x) => x.lagP99Ms));
      const peak = all.reduce<MetricsSample | null>((best, x) => (!best || x.connections > best.connections ? x : best), null);
      const idle = this.idleRss.get(s.name) ?? null;
      const highest = maxOf(all.map((x) => x.rssBytes));
      const perAttendee = (rss: number) => (peak && idle !== null && peak.connections > 0 ? (rss - idle) / peak.connections : null);
      return {
        name: s.name,
        idleRssBytes: idle,
        lagP99WorstMs: lags.max,
        lagP99MedianMs: lags.p50,
        lagP99WorstAllMs: maxOf(all.map((x) => x.lagP99Ms)),
        lagMaxMs: maxOf(steady.map((x) => x.lagMaxMs)),
        peakConnections: peak?.connections ?? 0,
        rssAtPeakBytes: peak?.rssBytes ?? NaN,
        heapAtPeakBytes: peak?.heapUsedBytes ?? NaN,
        peakRssBytes: highest,
        bytesPerAttendee: peak ? perAttendee(peak.rssBytes) : null,
        highestBytesPerAttendee: perAttendee(highest),
        samples: steady.length,
        series: all,
      };
    });
  }
}

