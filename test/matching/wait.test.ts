import { waitOutlook } from '../../server/matching/wait';

const base = { looking: 1, recentlyPlaced: 0, windowMs: 300_000, tickIntervalMs: 1000 };

describe('waitOutlook: the estimate', () => {
  it('expects the next tick when someone else is looking', () => {
    expect(waitOutlook({ ...base, looking: 2 }).estimateMs).toBe(1000);
    expect(waitOutlook({ ...base, looking: 40 }).estimateMs).toBe(1000);
  });

  it('expects the next tick when an open circle has room', () => {
    expect(waitOutlook({ ...base, openCircles: 1 }).estimateMs).toBe(1000);
  });

  it('expects the end of the trio wait when a recent pair could take a third', () => {
    expect(waitOutlook({ ...base, recentPairs: 2, trioAfterMs: 20_000, waitedMs: 5_000 }).estimateMs).toBe(16_000);
    expect(waitOutlook({ ...base, recentPairs: 2, trioAfterMs: 20_000, waitedMs: 60_000 }).estimateMs).toBe(1000);
    expect(waitOutlook({ ...base, recentPairs: 2, trios: false }).estimateMs).toBeNull();
  });

  it('estimates from the recent match rate when alone', () => {
    // 30 people placed in 5 minutes: one every 10 s.
    expect(waitOutlook({ ...base, recentlyPlaced: 30 }).estimateMs).toBe(11_000);
    expect(waitOutlook({ ...base, recentlyPlaced: 30, waitedMs: 4_000 }).estimateMs).toBe(7_000);
  });

  it('says nothing rather than guess', () => {
    expect(waitOutlook(base).estimateMs).toBeNull();
    expect(waitOutlook({ ...base, recentlyPlaced: 1, windowMs: 3_600_000 }).estimateMs).toBeNull();
  });
});

describe('waitOutlook, for a wait that has run past its guess', () => {
  // 30 people placed in 5 minutes: someone new every 10 s.
  const alone = { ...base, recentlyPlaced: 30 };

  it('gives the countdown while it lasts, and never one tick after a long wait', () => {
    expect(waitOutlook({ ...alone, waitedMs: 4_000 })).toEqual({ estimateMs: 7_000 });
    // Four minutes alone (say, everyone else looking was met or blocked): no "about a second".
    for (const waitedMs of [10_000, 60_000, 240_000]) {
      expect(waitOutlook({ ...alone, waitedMs })).toEqual({ estimateMs: null, overdue: true });
    }
  });

  it('is not overdue when someone can be placed with them, nor with nothing to go on', () => {
    expect(waitOutlook({ ...alone, looking: 2, waitedMs: 240_000 })).toEqual({ estimateMs: 1000 });
    expect(waitOutlook({ ...alone, openCircles: 1, waitedMs: 240_000 })).toEqual({ estimateMs: 1000 });
    expect(waitOutlook({ ...base, waitedMs: 240_000 })).toEqual({ estimateMs: null });
  });
});
