import type { Connection } from '../../shared/schemas';

/**
 * Someone in match m1 as the server lists them in "People I met": `base`, then `over`, over a
 * refused, unshared default.
 */
export const listedAs =
  (base: Partial<Connection>) =>
  (name: string, over: Partial<Connection> = {}): Connection => ({
    attendeeId: name.toLowerCase(),
    name,
    sharedTopics: [],
    matchId: 'm1',
    at: '2026-11-27T05:00:00.000Z',
    contact: null,
    shared: false,
    canShare: false,
    pending: false,
    carriedOn: false,
    notInSwap: false,
    ...base,
    ...over,
  });
