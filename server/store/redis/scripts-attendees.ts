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

  /**
   * KEYS: attendee. ARGV: delta, now, this store's instance key, how long an instance's count
   * stands unvouched, and optionally this instance's count after the change, which is then set
   * rather than `delta` added. Returns the attendee after, or nil.
   *
   * Each instance keeps its own count of the attendee's connections (`i:<instance>`) and when it
   * last vouched for them (`v:<instance>`). `on` is their sum, less any instance not heard of for
   * ARGV[4] (one that died without taking its phones off: SIGKILL, a lost machine), whose fields
   * go; `seen` is the latest vouch among those left, so a dead instance's phones stop counting as
   * connected once the presence window has passed since it last vouched. A single shared counter
   * kept a dead instance's increments for good: the person counted as connected for the presence
   * window after every later disconnect.
   */
  addOnline: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local now = tonumber(ARGV[2])
local mine = ARGV[3]
local n
if ARGV[5] then
  n = tonumber(ARGV[5])
  if n > 0 then redis.call('HSET', KEYS[1], 'i:' .. mine, n) end
else n = redis.call('HINCRBY', KEYS[1], 'i:' .. mine, ARGV[1]) end
if n <= 0 then redis.call('HDEL', KEYS[1], 'i:' .. mine, 'v:' .. mine)
else redis.call('HSET', KEYS[1], 'v:' .. mine, now) end
local on, seen = 0, 0
local fields = redis.call('HGETALL', KEYS[1])
local vouched = {}
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'v:' then vouched[string.sub(fields[i], 3)] = tonumber(fields[i + 1]) end
end
for i = 1, #fields, 2 do
  local f = fields[i]
  if string.sub(f, 1, 2) == 'i:' then
    local inst = string.sub(f, 3)
    local v = vouched[inst] or 0
    if now - v > tonumber(ARGV[4]) then redis.call('HDEL', KEYS[1], f, 'v:' .. inst)
    else
      on = on + tonumber(fields[i + 1])
      if v > seen then seen = v end
    end
  end
end
redis.call('HSET', KEYS[1], 'on', on, 'seen', on > 0 and seen or now)
return redis.call('HGETALL', KEYS[1])`,
  },

  /**
   * KEYS: event. ARGV: now, this store's instance key, then attendee hashes. Vouches for those
   * that still exist: `seen`, and this instance's own vouch where it counts them (see addOnline).
   * Returns 0 when the event hash is gone (expired: its data deleted), else 1.
   */
  touchOnline: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 3, #ARGV do
  if redis.call('EXISTS', ARGV[i]) == 1 then
    redis.call('HSET', ARGV[i], 'seen', ARGV[1])
    if redis.call('HEXISTS', ARGV[i], 'i:' .. ARGV[2]) == 1 then redis.call('HSET', ARGV[i], 'v:' .. ARGV[2], ARGV[1]) end
  end
end
return 1`,
  },
} as const;
