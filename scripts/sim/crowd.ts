/**
 * The crowd of an evening: people arriving in waves, each joining over HTTP and connecting a
 * phone; the `profile:update {}` probes; a per-second timeline; and the end of the evening,
 * when every phone comes back for a last read of its state.
 */
import { seededRandom } from '../../server/matching/rng';
import type { State } from '../../shared/schemas';
import { SimAttendee } from './attendee';
import { Journal } from './journal';
import type { CrowdLink, CrowdStats, Drop, Pace } from './link';
import { postJson } from './loopback';
import { LookingClock, Tally, now } from './stats';

const TOPICS = [
  'AI', 'Climbing', 'Startups', 'Design', 'Music', 'Open source', 'Coffee', 'Travel', 'Rust', 'Jazz',
  'Photography', 'Running', 'Board games', 'Books', 'Cooking', 'Film', 'Hiking', 'Python', 'Product',
  'Cycling', 'Gardening', 'Chess', 'Football', 'Podcasts',
];
const HINTS = ['green jumper', 'by the bar', 'tall, glasses', 'red scarf', 'near the window', ''];

/** Arrivals: half at the doors, a third after work, the rest late; each wave over a tenth of the run. */
const WAVES = [
  { at: 0, share: 0.5 },
  { at: 0.2, share: 0.3 },
  { at: 0.4, share: 0.2 },
];
const WAVE_SPREAD = 0.1;

export interface TimelinePoint {
  /** Seconds into the run. */
  t: number;
  connected: number;
  looking: number;
  matched: number;
  chatting: number;
  findSessions: number;
  findEmits: number;
  matches: number;
  /** The crowd's tempo (see Crowd.steer). */
  tempo: number;
}

export interface CrowdOptions {
  size: number;
  runMs: number;
  pace: Pace;
  seed: number;
  code: string;
  /** The live servers' URLs, asked at every (re)connection. */
  liveUrls: () => string[];
  sourceAddresses: string[];
  probesPerSecond: number;
  /** Hold about this many first taps of "find" per second, by speeding up or slowing down the crowd. */
  findsPerSecond?: number;
}

export class Crowd implements CrowdLink {
  readonly random: () => number;
  readonly pace: Pace;
  readonly journal = new Journal();
  readonly errors = new Tally();
  readonly clock = new LookingClock(now);
  readonly code: string;
  readonly stats: CrowdStats = {
    findSessions: 0,
    findEmits: 0,
    taps: [],
    probeRtt: [],
    ackRtt: new Map(),
    waits: [],
    waitsWhileOthers: [],
    received: new Tally(),
    reconnects: 0,
    locks: 0,
  };
  readonly attendees: SimAttendee[] = [];
  private readonly byId = new Map<string, SimAttendee>();
  readonly joined = new Set<string>();
  readonly timeline: TimelinePoint[] = [];
  /** When the last wave has fully arrived (ms into the run). */
  readonly arrivedByMs: number;
  /** Drills listen here for phones getting their state back. */
  onStateBack: (id: string, drop: Drop | null, state: State, at: number) => void = () => {};
  private stopped = false;
  private pace_ = 1;
  private readonly timers: NodeJS.Timeout[] = [];
  private started = 0;

  constructor(private readonly o: CrowdOptions) {
    this.random = seededRandom(o.seed);
    this.pace = o.pace;
    this.code = o.code;
    this.arrivedByMs = o.runMs * (WAVES.at(-1)!.at + WAVE_SPREAD);
  }

  pickUrl(avoid?: string): string {
    const live = this.o.liveUrls();
    const choices = live.length > 1 && avoid ? live.filter((u) => u !== avoid) : live;
    return choices[Math.floor(this.random() * choices.length)] ?? avoid ?? '';
  }

  localAddress(index: number): string | undefined {
    const a = this.o.sourceAddresses;
    return a.length ? a[index % a.length] : undefined;
  }

  tempo(): number {
    return this.pace_;
  }

  /**
   * Every 5 s, nudges the tempo towards the target rate of finds for the people arrived so far,
   * gently, because a change shows in the rate only a cycle (walk, chat, rest) later.
   */
  private steer(): void {
    const target = this.o.findsPerSecond;
    const tl = this.timeline;
    const last = tl.at(-1);
    const back = tl[tl.length - 11];
    if (!target || !last || !back || last.t % 5 !== 0 || last.connected === 0) return;
    // The target is for the whole crowd once it has arrived; locked phones do not lower it.
    const want = (target * this.joined.size) / this.o.size;
    const got = (last.findSessions - back.findSessions) / (last.t - back.t);
    if (got <= 0) return;
    this.pace_ = Math.min(3, Math.max(0.1, this.pace_ * Math.min(1.15, Math.max(0.85, (got / want) ** 0.3))));
  }

  stopping(): boolean {
    return this.stopped;
  }

  /** Armed by the Redis drill: each phone's first ok ack from `since` on. */
  readonly firstOk = new Map<string, number>();
  okSince: number | null = null;

  ackOk(id: string, at: number): void {
    if (this.okSince !== null && at >= this.okSince && !this.firstOk.has(id)) this.firstOk.set(id, at);
  }

  stateBack(id: string, drop: Drop | null, state: State, at: number): void {
    this.onStateBack(id, drop, state, at);
  }

  attendee(id: string): SimAttendee | undefined {
    return this.byId.get(id);
  }

  /** Starts the arrivals, the probes and the timeline. */
  start(): void {
    this.started = now();
    let i = 0;
    WAVES.forEach((w, k) => {
      const count = k === WAVES.length - 1 ? this.o.size - i : Math.round(this.o.size * w.share);
      for (let j = 0; j < count; j++, i++) {
        const at = this.o.runMs * (w.at + WAVE_SPREAD * (j / Math.max(1, count)));
        const index = i;
        this.timers.push(setTimeout(() => void this.arrive(index), at));
      }
    });
    const every = 1000 / this.o.probesPerSecond;
    this.timers.push(setInterval(() => this.probeSomeone(), every));
    this.timers.push(setInterval(() => this.sample(), 1000));
  }

  private async arrive(index: number): Promise<void> {
    if (this.stopped) return;
    const r = this.random;
    const body = {
      name: `Guest ${index + 1}`,
      interests: TOPICS.filter(() => r() < 0.12).slice(0, 4),
      solo: r() < 0.65,
      lookFor: HINTS[Math.floor(r() * HINTS.length)]!,
    };
    for (let attempt = 0; attempt < 8 && !this.stopped; attempt++) {
      const url = `${this.pickUrl()}/api/events/${this.code}/attendees`;
      const res = await postJson(url, body, this.localAddress(index)).catch((err: Error) => ({ status: 0, body: err.message }));
      if (res.status === 201) {
        const { attendee, token } = res.body as { attendee: { id: string }; token: string };
        const a = new SimAttendee(this, index, attendee.id, token);
        this.joined.add(attendee.id);
        this.attendees.push(a);
        this.byId.set(a.id, a);
        a.connect();
        a.startLife();
        return;
      }
      const code = (res.body as { error?: { code?: string } })?.error?.code ?? (res.status ? `HTTP ${res.status}` : String(res.body));
      this.errors.add(`join: ${code}`);
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt * (0.5 + r())));
    }
  }

  private probeSomeone(): void {
    if (this.stopped || !this.attendees.length) return;
    const a = this.attendees[Math.floor(this.random() * this.attendees.length)]!;
    if (a.connected) void a.probe();
  }

  private sample(): void {
    const p: TimelinePoint = {
      t: Math.round((now() - this.started) / 1000),
      connected: 0,
      looking: 0,
      matched: 0,
      chatting: 0,
      findSessions: this.stats.findSessions,
      findEmits: this.stats.findEmits,
      matches: this.journal.matches.size,
      tempo: Math.round(this.pace_ * 1000) / 1000,
    };
    for (const a of this.attendees) {
      if (!a.connected) continue;
      p.connected++;
      if (a.known.status !== 'idle') p[a.known.status]++;
    }
    this.timeline.push(p);
    this.steer();
  }

  /**
   * The end of the evening: nobody starts anything new; locked phones come back; once every
   * phone is connected (or `deadlineMs` passed), each reads its state once more.
   */
  async finish(deadlineMs = 30_000): Promise<{ stoppedAt: number; unreachable: number }> {
    this.stopped = true;
    const stoppedAt = now();
    for (const t of this.timers) clearTimeout(t);
    for (const a of this.attendees) a.finish();
    const until = now() + deadlineMs;
    while (now() < until && this.attendees.some((a) => !a.connected && a.phase !== 'done')) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const queue = [...this.attendees];
    const worker = async () => {
      for (let a = queue.pop(); a; a = queue.pop()) await a.probe();
    };
    await Promise.all(Array.from({ length: 200 }, worker));
    return { stoppedAt, unreachable: this.attendees.filter((a) => !a.connected).length };
  }

  close(): void {
    for (const a of this.attendees) a.close();
  }
}
