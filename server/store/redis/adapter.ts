import { createAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';

/**
 * The Socket.IO adapter for several instances: Redis Streams rather than plain pub/sub, because
 * a stream keeps messages while an instance's connection to Redis blips and the adapter resumes
 * from its last offset, so a `match:found` is not lost in a short Redis outage.
 */
export function createStreamsAdapter(url: string, prefix: string) {
  // The adapter's own client keeps an offline queue: it should ride out a Redis restart.
  const client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  client.on('error', () => {});
  const adapter = createAdapter(client, {
    streamName: `${prefix}sio`,
    channelPrefix: `${prefix}sio`,
    onlyPlaintext: true,
    blockTimeInMs: 2_000,
  });
  return { adapter, close: () => client.quit().then(() => undefined, () => client.disconnect()) };
}
