/**
 * A token bucket: `burst` actions at once, refilled at `perSecond`. One per attendee (shared by
 * their sockets, see AttendeeLimits) or per dashboard connection keeps a flooding client from
 * crowding out everyone else.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Whether it has refilled to its burst: such a bucket is as good as a new one. */
  isFull(): boolean {
    return this.tokens + ((this.now() - this.last) / 1000) * this.perSecond >= this.burst;
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
