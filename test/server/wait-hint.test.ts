import { defaultMatchOptions } from '../../server/matching/types';
import { waitHint, type WaitHintContext } from '../../server/services/wait-hint';
import type { AttendeeRecord, MatchRecord } from '../../server/store/records';

const NOW = 1_800_000_000_000;
const TIMEOUT = 180_000;
const ctx: WaitHintContext = {
  // As the ticker sets them: a third joins an unconfirmed pair only in its first half.
  options: { ...defaultMatchOptions, unconfirmedTrioMs: TIMEOUT / 2 },
  intervalMs: 1_000,
  isConnected: () => true,
};
const gus = { id: 'gus', status: 'looking', lookingSince: NOW } as AttendeeRecord;
/** Hal and Ida, paired `ageMs` ago, not yet found each other. */
const pair = (ageMs: number) =>
  ({ id: 'm1', memberIds: ['hal', 'ida'], status: 'matched', createdAt: NOW - ageMs, open: false }) as MatchRecord;
const hintFor = (active: MatchRecord[]) => waitHint(ctx, [gus], new Set(['gus']), active, { history: { met: [], blocked: [], cooldown: [] }, cooldownEnds: new Map() }, NOW).estimateMs;

describe('the wait hint for someone on their own beside an unconfirmed pair', () => {
  test('promises the trio when the pair will still take a third once the trio wait is over', () => {
    expect(hintFor([pair(60_000)])).toBe(defaultMatchOptions.trioAfterMs + ctx.intervalMs);
  });

  test('does not, when the pair will be past its window by then (it could take a third now, but not them)', () => {
    // 80 s old: open to a third for 10 s more, but Gus may join one only after 20 s.
    const hint = hintFor([pair(80_000)]);
    expect(hint === null || hint > defaultMatchOptions.trioAfterMs + ctx.intervalMs).toBe(true);
  });
});
