import { TokenBucket } from './limiter';

/** How an attendee's connections to one instance are limited. */
export interface AttendeeLimitsOptions {
  /** Events a second one attendee may send, over all their connections. @default 10 */
  perSecond?: number;
  /** Events one attendee may send at once, over all their connections. @default 30 */
  burst?: number;
  /** Connections one attendee may hold to this instance at once. @default 3 */
  maxSockets?: number;
  /** The clock the buckets read: real time, whatever clock the services read. @default Date.now */
  now?: () => number;
}

interface Allowance {
  bucket: TokenBucket;
  sockets: number;
}

/** How often, at most, attendees with no connection left are looked for and forgotten. */
const SWEEP_EVERY_MS = 10_000;

/**
 * Each attendee's allowance on this instance, shared by all their connections. One token bucket
 * per attendee, not per socket: twenty sockets on one token get the budget of one, and a phone
 * that reconnects finds its bucket as it left it rather than a fresh burst. And a cap on the
 * sockets an attendee holds at once: a phone with a few tabs, or with a dead connection the
 * server has not noticed yet (up to the 45 s ping window), stays under it.
 *
 * An attendee with no connection left is forgotten once their bucket has refilled (3 s at the
 * defaults), when a new one would be the same: the map holds the attendees connected now and
 * those who left moments ago, never everyone who ever connected.
 */
export class AttendeeLimits {
  private readonly allowances = new Map<string, Allowance>();
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly maxSockets: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(o: AttendeeLimitsOptions = {}) {
    this.perSecond = o.perSecond ?? 10;
    this.burst = o.burst ?? 30;
    this.maxSockets = o.maxSockets ?? 3;
    this.now = o.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Whether the attendee may open one more connection (checked at the handshake). */
  mayConnect(attendeeId: string): boolean {
    return (this.allowances.get(attendeeId)?.sockets ?? 0) < this.maxSockets;
  }

  /**
   * Counts a new connection and gives the attendee's bucket for it; null when they already hold
   * the most they may (two handshakes that passed `mayConnect` at once).
   */
  connect(attendeeId: string): TokenBucket | null {
    this.sweep();
    let allowance = this.allowances.get(attendeeId);
    if (!allowance) {
      allowance = { bucket: new TokenBucket(this.perSecond, this.burst, this.now), sockets: 0 };
      this.allowances.set(attendeeId, allowance);
    }
    if (allowance.sockets >= this.maxSockets) return null;
    allowance.sockets++;
    return allowance.bucket;
  }

  /** Counts a connection gone; the bucket outlives it until it has refilled. */
  disconnect(attendeeId: string): void {
    const allowance = this.allowances.get(attendeeId);
    if (!allowance) return;
    allowance.sockets = Math.max(0, allowance.sockets - 1);
    if (allowance.sockets === 0 && allowance.bucket.isFull()) this.allowances.delete(attendeeId);
    this.sweep();
  }

  /** Attendees remembered now: connected, or gone with a bucket still refilling. */
  get size(): number {
    return this.allowances.size;
  }

  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = t;
    for (const [id, allowance] of this.allowances) {
      if (allowance.sockets === 0 && allowance.bucket.isFull()) this.allowances.delete(id);
    }
  }
}
