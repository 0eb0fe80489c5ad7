/**
 * The most people one match grows to, everyone included (an open circle): the matcher's default
 * `maxGroupSize` (server/matching/types.ts), which the attendee page needs to say "full".
 */
export const MAX_GROUP_SIZE = 4;
