import pino from 'pino';
import { planMatches } from '../../server/matching/matcher';
import { Planner } from '../../server/services/planner';
import { makeCrowd } from '../../scripts/bench/crowds';

describe('Planner', () => {
  const logger = pino({ level: 'silent' });

  test('plans a big crowd in a worker thread, exactly as on the event loop', async () => {
    const planner = new Planner({ logger, workerFrom: 100 });
    try {
      for (const seed of [1, 2]) {
        const input = makeCrowd('skewed', 400, seed);
        const inWorker = await planner.plan(input);
        expect(inWorker.groups.length).toBeGreaterThan(100);
        expect(inWorker).toEqual(planMatches(input));
      }
      expect(planner.plannedInWorker).toBe(2);
      // A small crowd stays on the event loop.
      await planner.plan(makeCrowd('uniform', 20, 4));
      expect(planner.plannedInWorker).toBe(2);
    } finally {
      await planner.close();
    }
  });

  test('a closed planner starts its worker again for the next big crowd', async () => {
    const planner = new Planner({ logger, workerFrom: 10 });
    const input = makeCrowd('uniform', 50, 3);
    const first = await planner.plan(input);
    await planner.close();
    expect(await planner.plan(input)).toEqual(first);
    expect(planner.plannedInWorker).toBe(2);
    await planner.close();
  });

  test('stops a worker that has been idle, and starts it again for the next big crowd', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const planner = new Planner({ logger, workerFrom: 10, workerIdleMs: 1000 });
    try {
      const input = makeCrowd('uniform', 50, 5);
      await planner.plan(input);
      expect(planner.workerRunning).toBe(true);
      jest.advanceTimersByTime(999);
      await planner.plan(input); // a plan restarts the idle clock
      jest.advanceTimersByTime(999);
      expect(planner.workerRunning).toBe(true);
      jest.advanceTimersByTime(1);
      expect(planner.workerRunning).toBe(false);
      expect(await planner.plan(input)).toEqual(planMatches(input));
      expect(planner.workerRunning).toBe(true);
      expect(planner.plannedInWorker).toBe(3);
    } finally {
      await planner.close();
      jest.useRealTimers();
    }
  });

  test('a plan in the worker when the planner closes is made on the event loop; the worker is used again after', async () => {
    const planner = new Planner({ logger, workerFrom: 10 });
    try {
      const input = makeCrowd('uniform', 50, 6);
      const owed = planner.plan(input);
      await planner.close();
      expect(await owed).toEqual(planMatches(input));
      expect(planner.plannedInWorker).toBe(0);
      await planner.plan(input);
      expect(planner.plannedInWorker).toBe(1);
    } finally {
      await planner.close();
    }
  });
});
