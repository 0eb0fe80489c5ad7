import type { WindowCounter } from '../../server/http/window-counter';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * What every WindowCounter's `remove` does (in this process or in Redis), on hour windows and a
 * clock the test moves: `make` builds the counter on the clock it is given.
 */
export async function removeContract(make: (now: () => number) => WindowCounter): Promise<void> {
  let t = 10 * HOUR + 59 * MINUTE;
  const counter = make(() => t);
  const first = await counter.add('a');
  const second = await counter.add('a');
  expect(second).toMatchObject({ count: 2, resetInMs: MINUTE });
  await counter.remove('a', second);
  expect((await counter.peek('a')).count).toBe(1);
  await counter.remove('a', first);
  await counter.remove('a', first);
  expect((await counter.peek('a')).count).toBe(0);
  const late = await counter.add('a');
  t += MINUTE; // 11:00
  await counter.add('a');
  await counter.remove('a', late); // counted at 10:59: the 11:00 count stays
  expect((await counter.peek('a')).count).toBe(1);
}
