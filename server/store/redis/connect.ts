import type Redis from 'ioredis';

/**
 * Connects `redis` (made with `lazyConnect`) and resolves once it is ready: Redis has answered
 * ioredis's handshake (CLIENT SETINFO, then the INFO of its ready check).
 *
 * A client's `commandTimeout` is the budget of one command in service (200 ms for the shared
 * limits), and ioredis gives it to the handshake's commands too. A Redis busy for longer than
 * that (a slow script, a burst from other instances, a CPU shared with other work) then failed
 * the ready check, ioredis closed the connection to retry, and `connect()` rejected with
 * "Connection is closed." though Redis was up: an instance did not boot, or a test failed. So
 * the handshake goes without the command timeout, and `handshakeTimeoutMs` bounds it as a whole.
 * A refused connection still rejects at once. On a failure the client is disconnected, so that it
 * does not go on reconnecting with nobody to use it.
 * @param handshakeTimeoutMs @default 10000 (ioredis's own connect timeout)
 */
export async function connectReady(redis: Redis, handshakeTimeoutMs = 10_000): Promise<void> {
  const { commandTimeout } = redis.options;
  redis.options.commandTimeout = undefined;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${handshakeTimeoutMs} ms`)), handshakeTimeoutMs);
  });
  try {
    await Promise.race([redis.connect(), deadline]);
  } catch (err) {
    if (redis.status !== 'end') redis.disconnect();
    throw err;
  } finally {
    clearTimeout(timer);
    redis.options.commandTimeout = commandTimeout;
  }
}
