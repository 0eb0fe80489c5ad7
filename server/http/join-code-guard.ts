import { Lru } from './lru';

/** How lookups of unknown join codes are limited. */
export interface JoinCodeGuardOptions {
  /** Lookups of unknown codes one address may make in a window before it is refused. @default 30 */
  missesPerWindow?: number;
  /** @default 60000 */
  windowMs?: number;
  /** Addresses remembered at once; the least recently seen is forgotten first. @default 10000 */
  maxAddresses?: number;
  /**
   * Codes an address has found, remembered so that it keeps reaching them while refused; the
   * least recently found is forgotten first. @default 32
   */
  codesPerAddress?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * What the join routes ask before and after using a code. `JoinCodeGuard` counts in this
 * process; `SharedJoinCodeGuard` counts in Redis, over every instance.
 */
export interface CodeGuard {
  /** Null if `ip` may look `code` up now; else the seconds until it may. */
  refusal(ip: string, code: string): number | null | Promise<number | null>;
  /** `ip` looked `code` up and it exists. */
  found(ip: string, code: string): void | Promise<void>;
  /** `ip` looked up a code that does not exist. */
  missed(ip: string): void | Promise<void>;
}

interface AddressRecord {
  windowStart: number;
  misses: number;
  /** Codes this address has found, most recent last. */
  found: string[];
}

/**
 * Slows down guessing join codes, one address at a time, without turning a venue away: a whole
 * room loads the join page from one NAT address, so successful lookups are never counted. Only
 * misses (404s) are. Past `missesPerWindow` of them, the address is refused RATE_LIMITED for the
 * rest of the window, for every code it has not found before, whether or not that code exists:
 * answering 404 and 200 as usual would still tell a guesser which codes are real. The room's own
 * code, found before the refusal began, keeps working for everyone behind that address.
 *
 * An IPv6 address counts by its /64, which one host usually holds whole.
 *
 * This one counts in this process, each address's window starting at its first miss; on Redis,
 * `SharedJoinCodeGuard` keeps the same rules over every instance.
 */
export class JoinCodeGuard implements CodeGuard {
  private readonly addresses: Lru<string, AddressRecord>;
  private readonly missesPerWindow: number;
  private readonly windowMs: number;
  private readonly codesPerAddress: number;
  private readonly now: () => number;

  constructor(o: JoinCodeGuardOptions = {}) {
    this.addresses = new Lru(o.maxAddresses ?? 10_000);
    this.missesPerWindow = o.missesPerWindow ?? 30;
    this.windowMs = o.windowMs ?? 60_000;
    this.codesPerAddress = o.codesPerAddress ?? 32;
    this.now = o.now ?? Date.now;
  }

  /** Null if `ip` may look `code` up now; else the seconds until it may. */
  refusal(ip: string, code: string): number | null {
    const record = this.current(addressKey(ip));
    if (!record || record.misses < this.missesPerWindow || record.found.includes(code)) return null;
    return Math.max(1, Math.ceil((record.windowStart + this.windowMs - this.now()) / 1000));
  }

  /** `ip` looked `code` up and it exists. */
  found(ip: string, code: string): void {
    const key = addressKey(ip);
    const record = this.current(key) ?? this.fresh(key);
    // Least recently found goes first: a venue's own code, looked up all evening, stays.
    const at = record.found.indexOf(code);
    if (at >= 0) record.found.splice(at, 1);
    record.found.push(code);
    if (record.found.length > this.codesPerAddress) record.found.shift();
  }

  /** `ip` looked up a code that does not exist. */
  missed(ip: string): void {
    const key = addressKey(ip);
    (this.current(key) ?? this.fresh(key)).misses++;
  }

  /** The address's record, its count restarted if its window has passed. */
  private current(key: string): AddressRecord | undefined {
    const record = this.addresses.get(key);
    if (record && this.now() - record.windowStart >= this.windowMs) {
      record.windowStart = this.now();
      record.misses = 0;
    }
    return record;
  }

  private fresh(key: string): AddressRecord {
    const record = { windowStart: this.now(), misses: 0, found: [] };
    this.addresses.set(key, record);
    return record;
  }
}

/** The address as counted: IPv4 as it is, IPv6 by its /64 prefix. */
export function addressKey(ip: string): string {
  const address = ip.split('%')[0]!;
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${all.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
