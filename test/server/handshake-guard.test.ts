import type { Socket } from 'socket.io';
import { MemoryWindowCounter } from '../../server/http/window-counter';
import { HandshakeGuard } from '../../server/realtime/handshake-guard';

/** A handshake from 203.0.113.7, as the guard reads it. */
const handshake = (token?: string) => ({ handshake: { address: '203.0.113.7', headers: {}, auth: token ? { token } : {} } }) as unknown as Socket;

describe('HandshakeGuard', () => {
  it('lets a burst of handshakes sent all at once look up no more tokens than the limit, and gives back those that succeed', async () => {
    const guard = new HandshakeGuard(new MemoryWindowCounter({ windowMs: 60_000, now: () => 0 }), {
      failuresPerWindow: 5,
      trustProxy: false,
      logger: { warn: () => {} },
    });
    // The token lookups hang until the test answers them, as a slow store would.
    const lookups: Array<(err?: Error) => void> = [];
    const guarded = guard.guard((_socket, next) => void lookups.push(next));
    const outcome = (start: (next: (err?: Error) => void) => void) => new Promise<string>((resolve) => start((err) => resolve(err?.message ?? 'ok')));
    const burst = Array.from({ length: 20 }, () => outcome((next) => guarded(handshake(), next)));
    // The first 5 are looked up; the other 15 are refused before any lookup has answered.
    expect(await Promise.all(burst.slice(5))).toEqual(Array(15).fill('RATE_LIMITED'));
    expect(lookups).toHaveLength(5);

    // Two succeed (given back), three fail: two more may try.
    lookups[0]!();
    lookups[1]!();
    for (const next of lookups.slice(2)) next(new Error('UNAUTHORIZED'));
    expect(await Promise.all(burst.slice(0, 5))).toEqual(['ok', 'ok', 'UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    const after = Array.from({ length: 3 }, () => outcome((next) => guarded(handshake(), next)));
    expect(await after[2]).toBe('RATE_LIMITED');
    expect(lookups).toHaveLength(7);
  });

  it('still looks at a token that connected here lately, so one person trying bad tokens does not lock out the room behind the same address', async () => {
    const guard = new HandshakeGuard(new MemoryWindowCounter({ windowMs: 60_000, now: () => 0 }), {
      failuresPerWindow: 2,
      trustProxy: false,
      logger: { warn: () => {} },
    });
    const good = 'a-token-that-works-here';
    const guarded = guard.guard((socket, next) => next(socket.handshake.auth.token === good ? undefined : new Error('UNAUTHORIZED')));
    const outcome = (token: string) => new Promise<string>((resolve) => guarded(handshake(token), (err) => resolve(err?.message ?? 'ok')));
    expect(await outcome(good)).toBe('ok');
    expect([await outcome('guess-1'), await outcome('guess-2'), await outcome('guess-3')]).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'RATE_LIMITED']);
    // Ann's phone reconnects after the limit was reached: let in. A token never seen here is not.
    expect(await outcome(good)).toBe('ok');
    expect(await outcome('another-good-token-never-seen')).toBe('RATE_LIMITED');
  });
});
