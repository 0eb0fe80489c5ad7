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

/** How a lookup that the guard let through ended. */
export type LookupOutcome = 'found' | 'missed' | 'failed';

/** The guard's answer to a lookup about to be made. */
export type CodeLookup =
  | { allowed: false; /** Seconds until the address may look codes up again. */ retryAfter: number }
  | {
      allowed: true;
      /**
       * Ends the lookup: the code exists (`found`), it does not (`missed`, a 404), or the lookup
       * failed some other way and says nothing about the code (`failed`). Never throws.
       */
      end(outcome: LookupOutcome): Promise<void>;
    };

/**
 * What the join routes ask before using a code, and tell after. `JoinCodeGuard` counts in this
 * process; `SharedJoinCodeGuard` counts in Redis, over every instance.
 */
export interface CodeGuard {
  /**
   * May `ip` look `code` up now? If so, the lookup holds a place among the address's lookups in
   * flight until it ends, so that parallel guesses are counted as they are made, not after.
   */
  begin(ip: string, code: string): CodeLookup | Promise<CodeLookup>;
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
 * Lookups in flight count too, one per distinct code: a lookup is let through only while the
 * misses plus the distinct codes being looked up (this one included) stay within
 * `missesPerWindow`. So 500 guesses sent at once get no further than 30 sent one by one, while
 * the room loading its one code at once takes a single place. One refused only for the lookups
 * in flight (its misses are still under the limit) is told to try again in a second.
 *
 * An IPv6 address counts by its /64, which one host usually holds whole.
 *
 * This one counts in this process, each address's window starting at its first miss or find;
 * on Redis, `SharedJoinCodeGuard` keeps the same rules over every instance.
 */
export class JoinCodeGuard implements CodeGuard {
  private readonly addresses: Lru<string, AddressRecord>;
  /**
   * Per address, the codes it is looking up right now, each once however many lookups of it run.
   * Apart from the records, so that a lookup changes no record until it ends; an address leaves
   * once its last lookup ends, so this holds no more than the requests in flight.
   */
  private readonly looking = new Map<string, Set<string>>();
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

  begin(ip: string, code: string): CodeLookup {
    const key = addressKey(ip);
    const known = this.current(key);
    const end = async (outcome: LookupOutcome) => this.settle(ip, code, outcome);
    if (known?.found.includes(code)) return { allowed: true, end };
    if (known && known.misses >= this.missesPerWindow) {
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((known.windowStart + this.windowMs - this.now()) / 1000)) };
    }
    const codes = this.looking.get(key) ?? new Set<string>();
    const looking = codes.size + (codes.has(code) ? 0 : 1);
    if ((known?.misses ?? 0) + looking > this.missesPerWindow) return { allowed: false, retryAfter: 1 };
    this.looking.set(key, codes.add(code));
    return { allowed: true, end };
  }

  /**
   * Counts how a lookup of `code` by `ip` ended, and frees its place among those in flight. Also
   * counts one that began elsewhere (SharedJoinCodeGuard, when Redis stopped answering midway).
   */
  settle(ip: string, code: string, outcome: LookupOutcome): void {
    const key = addressKey(ip);
    const codes = this.looking.get(key);
    if (codes?.delete(code) && codes.size === 0) this.looking.delete(key);
    const known = this.current(key);
    if (outcome === 'missed') {
      (known ?? this.fresh(key)).misses++;
    } else if (outcome === 'found') {
      const record = known ?? this.fresh(key);
      // Least recently found goes first: a venue's own code, looked up all evening, stays.
      const at = record.found.indexOf(code);
      if (at >= 0) record.found.splice(at, 1);
      record.found.push(code);
      if (record.found.length > this.codesPerAddress) record.found.shift();
    }
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
