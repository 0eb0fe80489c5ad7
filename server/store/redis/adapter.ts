import { createAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';

/** How long closing waits for Redis to answer QUIT (Redis up, but slow or just gone). */
const QUIT_WAIT_MS = 1_000;

/**
 * The Socket.IO adapter for several instances: Redis Streams rather than plain pub/sub, because
 * a stream keeps messages while an instance's connection to Redis blips and the adapter resumes
 * from its last offset, so a `match:found` is not lost in a short Redis outage.
 */
export function createStreamsAdapter(url: string, prefix: string) {
  // The adapter's own client keeps an offline queue: it should ride out a Redis restart.
  const client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  client.on('error', () => {});
  // The adapter makes clients of its own from this one (a stream reader, a subscriber). Its reader
  // leaves only once its blocked XREAD returns: with Redis away, never, and it would try to
  // reconnect for as long as the process lives. Kept here, they are closed with the rest.
  const made: Redis[] = [];
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((...args: Parameters<Redis['duplicate']>) => {
    const copy = duplicate(...args);
    made.push(copy);
    return copy;
  }) as Redis['duplicate'];
  const adapter = createAdapter(client, {
    streamName: `${prefix}sio`,
    channelPrefix: `${prefix}sio`,
    onlyPlaintext: true,
    blockTimeInMs: 2_000,
  });
  /**
   * QUIT goes out after the commands queued before it, and while Redis is away this client
   * queues everything (above): QUIT would wait for Redis to come back, and a SIGTERM during an
   * outage for main.ts's 10 s, to exit 1. What is queued then can reach nobody anyway.
   */
  const close = async () => {
    if (client.status === 'ready') {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_WAIT_MS)));
      await Promise.race([client.quit().catch(() => undefined), gaveUp]);
      clearTimeout(timer);
    }
    for (const c of [client, ...made]) if (c.status !== 'end') c.disconnect();
  };
  return { adapter, close };
}
