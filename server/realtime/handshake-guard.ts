import type { Socket } from 'socket.io';
import { addressKey } from '../http/join-code-guard';
import { Lru } from '../http/lru';
import type { WindowCounter } from '../http/window-counter';
import type { Logger } from '../logger';
import { clientAddressReader } from './client-address';

/**
 * Failed handshakes an address may make in a minute. Generous: a phone whose token stopped
 * working (forgotten, removed, its event deleted) is refused once and stops trying, so even a
 * room of a few hundred behind one address whose tokens all went at once stays under it, while
 * one client trying tokens gets 5 a second, each a hash and a store lookup.
 */
export const HANDSHAKE_FAILURES_PER_MINUTE = 300;

/**
 * Tokens remembered as having opened a connection here lately, for the exception in `guard`:
 * about 100 bytes each, so 2 MB at most.
 */
const KNOWN_TOKENS = 20_000;

/** How failed Socket.IO handshakes are limited. */
export interface HandshakeLimitsOptions {
  /**
   * Failed handshakes one address may make in a window; past them, every handshake from that
   * address is refused until the window ends.
   * @default HANDSHAKE_FAILURES_PER_MINUTE
   */
  failuresPerWindow?: number;
  /** @default 60000 */
  windowMs?: number;
  /** The clock the windows are counted on. @default the app's clock */
  now?: () => number;
}

/**
 * The refusals that count as a failure: a token that opens nothing here (unknown, forgotten,
 * removed, malformed, of the wrong kind or event), or a namespace nobody serves. Not the ones
 * that say nothing about the caller: a store that cannot answer (`UNAVAILABLE`, a Redis outage
 * would shut out every venue) or an attendee's connection cap (`RATE_LIMITED`, a phone that
 * reconnects while its dead connections still count).
 */
const FAILURES: ReadonlySet<string> = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED']);

/** A Socket.IO namespace middleware. */
export type HandshakeMiddleware<S extends Socket = Socket> = (socket: S, next: (err?: Error) => void) => void;

/**
 * Slows down handshakes that fail, one address at a time, without ever limiting those that
 * succeed: a venue's Wi-Fi puts the whole room behind one NAT address, and a room reconnecting
 * at once (an instance restarted, the Wi-Fi back) is well-formed use, however many phones it is.
 * Past `failuresPerWindow` failed handshakes in a window (of the clock, as the HTTP limits count;
 * an IPv6 address by its /64), every handshake from that address, on any namespace, is refused
 * `RATE_LIMITED` before its token is looked at, until the window ends: so that guessing tokens,
 * or a client looping on a bad one, costs a lookup per try no longer. Handshakes already under
 * way when the limit is reached end as they would have. One exception: a token that opened a
 * connection on this instance lately is still looked at, so that one person at a venue trying
 * bad tokens does not stop the rest of the room, behind the same address, from reconnecting.
 *
 * The counter is a MemoryWindowCounter on one instance, a RedisWindowCounter shared by every
 * instance on Redis (and counting in this process while Redis cannot answer).
 */
export class HandshakeGuard {
  private readonly failuresPerWindow: number;
  private readonly addressOf: ReturnType<typeof clientAddressReader>;
  private readonly logger: Pick<Logger, 'warn'>;
  /** Tokens that opened a connection here lately (this instance's memory only). */
  private readonly known = new Lru<string, true>(KNOWN_TOKENS);

  constructor(
    private readonly counter: WindowCounter,
    o: {
      failuresPerWindow?: number;
      /** TRUST_PROXY, so that an address is the client's as Fastify reads it, not the proxy's. */
      trustProxy: boolean | string[];
      logger: Pick<Logger, 'warn'>;
    },
  ) {
    this.failuresPerWindow = o.failuresPerWindow ?? HANDSHAKE_FAILURES_PER_MINUTE;
    this.addressOf = clientAddressReader(o.trustProxy);
    this.logger = o.logger;
  }

  /**
   * `middleware` behind the guard: an address past its failures (those under way included) is
   * refused at once; otherwise `middleware` runs, and its refusals that are failures stay counted.
   */
  guard<S extends Socket>(middleware: HandshakeMiddleware<S>): HandshakeMiddleware<S> {
    return (socket, next) => {
      const { address, headers } = socket.handshake;
      const key = addressKey(this.addressOf({ address, forwardedFor: headers['x-forwarded-for'] }));
      const token = tokenIn(socket.handshake.auth);
      // Counted before the token is looked at, and given back unless it fails (refused here, it
      // was never looked at): handshakes sent
      // all at once (one WebSocket may carry any number) each see the others, so a burst gets
      // no more lookups than one try after another. Never rejects: on Redis, while Redis cannot
      // answer, the count is this process's.
      void this.counter.add(key).then((added) => {
        if (added.count > this.failuresPerWindow && !(token && this.known.get(token))) {
          void this.counter.remove(key, added);
          return next(new Error('RATE_LIMITED'));
        }
        middleware(socket, (err) => {
          if (err && FAILURES.has(err.message)) this.failed(key, added.count);
          else void this.counter.remove(key, added);
          if (!err && token) this.known.set(token, true);
          next(err);
        });
      });
    };
  }

  private failed(key: string, count: number): void {
    if (count === this.failuresPerWindow) {
      this.logger.warn({ address: key, failures: count }, 'too many failed socket handshakes from one address; refusing its handshakes until the window ends');
    }
  }
}

/** The token a handshake carries (both namespaces send `{token}`), if any. */
function tokenIn(auth: unknown): string | null {
  const token = (auth as { token?: unknown } | null)?.token;
  return typeof token === 'string' ? token : null;
}
