/**
 * Lua scripts for one attendee's record: joining (with their token), moving between statuses with
 * the looking index kept in step, and presence. Same conventions as scripts.ts.
 */
export const attendeeScripts = {
  /**
   * KEYS: event, attendee, attendees, token, looking, busy. ARGV: attendeeId, grant, token hash,
   * eventId, most attendees, ...fields. Returns 1, 0 if there is no event, or 2 (nothing
   * written) if it already holds the most attendees and this one is not among them.
   */
  createAttendee: {
    numberOfKeys: 6,
    lua: `
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[5]) then return 2 end
redis.call('HSET', KEYS[2], 'tok', ARGV[3], unpack(ARGV, 6))
redis.call('PEXPIREAT', KEYS[2], exp)
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[3], exp)
if redis.call('HGET', KEYS[2], 'st') == 'looking' then
  redis.call('SADD', KEYS[5], ARGV[1])
  redis.call('PEXPIREAT', KEYS[5], exp)
  redis.call('SADD', KEYS[6], ARGV[4])
end
redis.call('SET', KEYS[4], ARGV[2], 'PXAT', exp)
return 1`,
  },

  /**
   * KEYS: event, attendee, looking, busy. ARGV: eventId, attendeeId, allowed statuses (",a,b,"),
   * matchId guard ("*" for any), ...fields. Returns the attendee after, or nil if a guard failed.
   */
  transitionAttendee: {
    numberOfKeys: 4,
    lua: `
local st = redis.call('HGET', KEYS[2], 'st')
if not st or not string.find(ARGV[3], ',' .. st .. ',', 1, true) then return nil end
if ARGV[4] ~= '*' and redis.call('HGET', KEYS[2], 'm') ~= ARGV[4] then return nil end
if #ARGV > 4 then redis.call('HSET', KEYS[2], unpack(ARGV, 5)) end
local exp = redis.call('HGET', KEYS[1], 'exp')
if redis.call('HGET', KEYS[2], 'st') == 'looking' then
  redis.call('SADD', KEYS[3], ARGV[2])
  if exp then redis.call('PEXPIREAT', KEYS[3], exp) end
  redis.call('SADD', KEYS[4], ARGV[1])
else
  redis.call('SREM', KEYS[3], ARGV[2])
end
return redis.call('HGETALL', KEYS[2])`,
  },

  /** KEYS: attendee. ARGV: delta, now. Returns the attendee after, or nil. */
  addOnline: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local on = redis.call('HINCRBY', KEYS[1], 'on', ARGV[1])
if on < 0 then redis.call('HSET', KEYS[1], 'on', 0) end
redis.call('HSET', KEYS[1], 'seen', ARGV[2])
return redis.call('HGETALL', KEYS[1])`,
  },

  /** KEYS: attendee hashes. ARGV: now. Touches only attendees that still exist. */
  touchOnline: {
    numberOfKeys: 0,
    lua: `
for i = 2, #ARGV do
  if redis.call('EXISTS', ARGV[i]) == 1 then redis.call('HSET', ARGV[i], 'seen', ARGV[1]) end
end
return 1`,
  },
} as const;
