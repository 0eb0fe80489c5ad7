import request from 'supertest';
import { startProcess, type MingleProcess } from '../helpers/process';
import { describeRedis, dropPrefix, redisUrl, testPrefix } from '../helpers/redis';

// Each test starts Mingle as its own process (`node --import tsx`, which compiles the server
// first): seconds of CPU that a busy machine, running other suites beside it, stretches.
jest.setTimeout(60_000);

/** The limits as `npm start` wires them: server/main.ts in a process of its own. */
describe('EVENTS_PER_HOUR_PER_ADDRESS at boot', () => {
  test('a bad value stops the boot with one line naming it', async () => {
    const boot = startProcess({ EVENTS_PER_HOUR_PER_ADDRESS: '0' });
    await expect(boot).rejects.toThrow(/^mingle exited with 1 before listening:\nmingle: Invalid environment variable EVENTS_PER_HOUR_PER_ADDRESS: [^\n]+\n$/);
  });
});

describeRedis('two instances started by main.ts on one Redis', () => {
  const prefix = testPrefix();
  const procs: MingleProcess[] = [];

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await dropPrefix(prefix);
  });

  test('count the limits together: events created from one address meet the cap over both', async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, EVENTS_PER_HOUR_PER_ADDRESS: '2' };
    // One at a time, so that afterAll stops the first even if the second fails to start.
    procs.push(await startProcess({ ...env, INSTANCE_ID: 'limits-a' }));
    procs.push(await startProcess({ ...env, INSTANCE_ID: 'limits-b' }));
    const [a, b] = procs as [MingleProcess, MingleProcess];
    await request(a.url).post('/api/events').send({ name: 'First' }).expect(201);
    await request(b.url).post('/api/events').send({ name: 'Second' }).expect(201);
    for (const via of [a, b]) {
      const refused = await request(via.url).post('/api/events').send({ name: 'Third' }).expect(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
