import { OTHER_IN, PAIR_KEY } from './lua';

/**
 * Lua scripts for one attendee's record: joining (with their token), moving between statuses with
 * the looking index kept in step, and presence. Same conventions as scripts.ts.
 */
export const attendeeScripts = {
  /**
   * KEYS: event, attendee, attendees, token, looking, busy, blocked, successors. ARGV: attendeeId,
   * grant, token hash, eventId, most attendees, the attendee this one starts over from ('' for
   * none), ...fields. Returns 1, 0 if there is no event, or 2 (nothing written) if it already
   * holds the most attendees and this one is not among them. Starting over copies the earlier
   * attendee's blocks and links the two (see Store.createAttendee), in this same step.
   */
  createAttendee: {
    numberOfKeys: 8,
    lua: `${PAIR_KEY}${OTHER_IN}
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[5]) then return 2 end
local prev = ARGV[6]
if prev ~= '' and prev ~= ARGV[1] and redis.call('SISMEMBER', KEYS[3], prev) == 1 then
  for _, pair in ipairs(redis.call('SMEMBERS', KEYS[7])) do
    local other = otherIn(pair, prev)
    if other and other ~= ARGV[1] then redis.call('SADD', KEYS[7], pairKey(ARGV[1], other)) end
  end
  local raw = redis.call('HGET', KEYS[8], prev)
  local after = raw and cjson.decode(raw) or {}
  local has = false
  for _, n in ipairs(after) do if n == ARGV[1] then has = true end end
  if not has then
    table.insert(after, ARGV[1])
    redis.call('HSET', KEYS[8], prev, cjson.encode(after))
  end
  redis.call('PEXPIREAT', KEYS[7], exp)
  redis.call('PEXPIREAT', KEYS[8], exp)
end
redis.call('HSET', KEYS[2], 'tok', ARGV[3], unpack(ARGV, 7))
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

  /**
   * KEYS: event. ARGV: now, then attendee hashes. Touches only attendees that still exist.
   * Returns 0 when the event hash is gone (expired: its data deleted), else 1.
   */
  touchOnline: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV do
  if redis.call('EXISTS', ARGV[i]) == 1 then redis.call('HSET', ARGV[i], 'seen', ARGV[1]) end
end
return 1`,
  },
} as const;
