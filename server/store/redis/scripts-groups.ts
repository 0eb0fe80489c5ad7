import { DROP_FROM } from './lua';

/**
 * Lua scripts for what happens around a match once it is made: someone sent to join saying they
 * found it, and the cooldown after "can't find". Same conventions as scripts.ts.
 */
export const groupScripts = {
  /** KEYS: match. ARGV: attendeeId. Store.arrived: the match after, or nil. */
  arrived: {
    numberOfKeys: 1,
    lua: `${DROP_FROM}
if redis.call('HGET', KEYS[1], 'st') ~= 'chatting' or not dropFrom(KEYS[1], 'arr', ARGV[1]) then return nil end
return redis.call('HGETALL', KEYS[1])`,
  },

  /** KEYS: event, cooldown. ARGV: pair key, until. */
  addCooldown: {
    numberOfKeys: 2,
    lua: `
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('PEXPIREAT', KEYS[2], exp)
return 1`,
  },
} as const;
