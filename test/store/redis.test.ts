import Redis from 'ioredis';
import { RedisStore } from '../../server/store/redis';
import { describeRedis, dropPrefix, redisUrl, testPrefix } from '../helpers/redis';
import { storeContract } from './contract';

describeRedis('redis', () => {
  storeContract(
    'redis',
    async () => {
      const store = new RedisStore({ url: redisUrl, prefix: testPrefix() });
      await store.connect();
      return store;
    },
    async (store) => dropPrefix((store as RedisStore).keys.prefix),
    async (store, needles) => {
      // Every key name and every value under the store's prefix.
      const r = new Redis(redisUrl);
      const found = new Set<string>();
      try {
        const keys = await r.keys(`${(store as RedisStore).keys.prefix}*`);
        for (const key of keys) {
          const type = await r.type(key);
          const raw =
            type === 'hash' ? JSON.stringify(await r.hgetall(key))
            : type === 'set' ? JSON.stringify(await r.smembers(key))
            : type === 'zset' ? JSON.stringify(await r.zrange(key, 0, -1))
            : type === 'list' ? JSON.stringify(await r.lrange(key, 0, -1))
            : String(await r.get(key));
          for (const n of needles) if (key.includes(n) || raw.includes(n)) found.add(n);
        }
      } finally {
        r.disconnect();
      }
      return [...found];
    },
  );
});
