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
  );
});
