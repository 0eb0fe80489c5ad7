import Redis from 'ioredis';

/**
 * Deletes every key under `prefix` in the Redis at `url`: a test's or a run's keys, the Socket.IO
 * adapter's stream included. SCANs rather than KEYS, so a shared Redis is never blocked. Returns
 * how many keys it deleted; rejects if Redis does not answer.
 */
export async function dropPrefix(url: string, prefix: string): Promise<number> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  r.on('error', () => {}); // a Redis that is down shows as the rejected command, not a stray event
  let dropped = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) dropped += await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return dropped;
}
