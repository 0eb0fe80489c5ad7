import { defaultOptions, type SimOptions } from '../../scripts/sim/options';
import { runSimulation } from '../../scripts/sim/run';
import { describeRedis, redisUrl } from '../helpers/redis';
import { startServer } from '../helpers/server';

/** A short evening: 200 people over 20 s, with every human timing scaled down to fit. */
const shortEvening: SimOptions = {
  ...defaultOptions,
  attendees: 200,
  minutes: 1 / 3,
  matchIntervalMs: 200,
  progress: 'off',
  outDir: null,
};

async function evening(options: Partial<SimOptions>) {
  const report = await runSimulation({ ...shortEvening, ...options }, { log: () => {} });
  // The run's own checks, then that the evening really happened: joins, matches, locks, repeats.
  expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
  expect(report.outcomes.joined).toBe(200);
  expect(report.outcomes.matches).toBeGreaterThan(100);
  expect(report.outcomes.conversedShare).toBeGreaterThan(0.9);
  expect(report.throughput.locks).toBeGreaterThan(0);
  expect(report.latency.tapToFound.n).toBeGreaterThan(0);
  return report;
}

describe('the crowd simulator', () => {
  test('one instance: 200 attendees for 20 s keep every invariant', async () => {
    await evening({ instances: 1 });
  }, 60_000);
});

describe('the crowd simulator driving a running server (--url)', () => {
  test('that asks for the organiser key and a metrics token: it sends both, as the servers want them', async () => {
    const server = await startServer({ matchIntervalMs: 200, organiserKey: 'sim-organiser-key', metricsToken: 'sim-metrics-token' });
    try {
      const report = await runSimulation(
        { ...shortEvening, attendees: 20, minutes: 1 / 12, urls: [server.url], organiserKey: 'sim-organiser-key', metricsToken: 'sim-metrics-token' },
        { log: () => {} },
      );
      expect(report.outcomes.joined).toBe(20);
      // Its /metrics was read: the phones it held were seen there.
      expect(report.load.servers[0]!.peakConnections).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describeRedis('the crowd simulator on Redis', () => {
  test('two instances: 200 attendees for 20 s keep every invariant', async () => {
    const report = await evening({ instances: 2, redisUrl });
    expect(report.load.servers).toHaveLength(2);
  }, 60_000);
});
