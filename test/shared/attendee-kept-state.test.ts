import { KEPT_STATE_MS, loadLastState, saveLastState } from '../../client/src/attendee/storage';
import type { State } from '../../shared/schemas';

/**
 * The state a phone keeps for an offline reload (storage.ts). Here in Node, with no localStorage,
 * the store keeps it in memory, as a private tab's does: the same rules apply.
 */
const state = (code: string, eventStatus: 'open' | 'ended' = 'open') =>
  ({
    status: 'matched',
    event: { code, name: 'Friday Social', status: eventStatus },
    me: { name: 'Ann' },
    match: { id: 'm1', partners: [{ id: 'b', name: 'Bob', lookFor: 'red cap' }] },
  }) as unknown as State;

const T0 = 1_800_000_000_000;

describe('the state kept for an offline reload', () => {
  test('is there for an evening after it came', () => {
    saveLastState('EVE1', state('EVE1'), T0);
    expect(loadLastState('EVE1', T0 + 60_000)?.match?.partners[0]?.name).toBe('Bob');
    expect(loadLastState('EVE1', T0 + KEPT_STATE_MS)?.me.name).toBe('Ann');
  });

  test('is gone once older than that, for good: a page closed mid-match keeps no name for days', () => {
    saveLastState('EVE2', state('EVE2'), T0);
    expect(loadLastState('EVE2', T0 + KEPT_STATE_MS + 1)).toBeNull();
    // Dropped, not only hidden: a clock set back later does not bring it back.
    expect(loadLastState('EVE2', T0 + 60_000)).toBeNull();
  });

  test('is not shown once the phone’s clock has gone back past when it came, nor once the event has ended', () => {
    saveLastState('EVE3', state('EVE3'), T0);
    expect(loadLastState('EVE3', T0 - 60_000)).toBeNull();
    saveLastState('EVE4', state('EVE4'), T0);
    saveLastState('EVE4', state('EVE4', 'ended'), T0 + 1000);
    expect(loadLastState('EVE4', T0 + 2000)).toBeNull();
  });
});
