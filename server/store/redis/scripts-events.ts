/**
 * Lua scripts for an event's life: creating it, changing its details, and its status (ending it
 * re-expires every key of it). Same conventions as scripts.ts.
 */
export const eventScripts = {
  /**
   * KEYS: code, event, token. ARGV: eventId, exp, grant, organiser token hash, ...event fields.
   * The hash is kept on the event (`otok`) so an early end can re-expire the token with it.
   */
  createEvent: {
    numberOfKeys: 3,
    lua: `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PXAT', ARGV[2]) then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DEL', KEYS[1]) return 0 end
redis.call('HSET', KEYS[2], 'otok', ARGV[4], unpack(ARGV, 5))
redis.call('PEXPIREAT', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3], 'PXAT', ARGV[2])
return 1`,
  },

  /**
   * KEYS: event. ARGV: ...fields. Returns the updated event, 'ended' (changing nothing) if the
   * event has ended and the patch changes its details (any field but the announcement, 'ann'),
   * or nil if it does not exist.
   */
  updateEvent: {
    numberOfKeys: 1,
    lua: `
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return nil end
if st == 'ended' then
  for i = 1, #ARGV, 2 do if ARGV[i] ~= 'ann' then return 'ended' end end
end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return redis.call('HGETALL', KEYS[1])`,
  },

  /**
   * KEYS: event, attendees, matches, looking, active, met, blocked, cooldown, feedback, reports,
   * removed tokens, successors. ARGV: status, now, default event length ms, retention ms, attendee key prefix,
   * match key prefix, contacts key prefix, token key prefix, code key prefix, per-attendee match
   * set prefix, removed-token key prefix.
   * Returns {1 if changed else 0, event hash},
   * or nil if there is no event. An ended event stays ended. Ending brings `endsAt` forward to
   * now and re-expires every key of the event (its people, tokens, matches and contacts
   * included) at that plus the retention period; later writes read the new `exp`.
   */
  setEventStatus: {
    numberOfKeys: 12,
    lua: `
local cur = redis.call('HGET', KEYS[1], 'status')
if not cur then return nil end
if cur == ARGV[1] or cur == 'ended' then return {0, redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
if ARGV[1] == 'ended' then
  local planned = tonumber(redis.call('HGET', KEYS[1], 'endsAt'))
  if not planned then planned = tonumber(redis.call('HGET', KEYS[1], 'createdAt')) + tonumber(ARGV[3]) end
  local endsAt = math.min(planned, tonumber(ARGV[2]))
  local exp = string.format('%.0f', endsAt + tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'endsAt', string.format('%.0f', endsAt), 'exp', exp)
  redis.call('PEXPIREAT', ARGV[9] .. redis.call('HGET', KEYS[1], 'code'), exp)
  local otok = redis.call('HGET', KEYS[1], 'otok')
  if otok then redis.call('PEXPIREAT', ARGV[8] .. otok, exp) end
  for _, a in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    redis.call('PEXPIREAT', ARGV[5] .. a, exp)
    redis.call('PEXPIREAT', ARGV[10] .. a, exp)
    local tok = redis.call('HGET', ARGV[5] .. a, 'tok')
    if tok then redis.call('PEXPIREAT', ARGV[8] .. tok, exp) end
  end
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    redis.call('PEXPIREAT', ARGV[6] .. m, exp)
    redis.call('PEXPIREAT', ARGV[7] .. m, exp)
  end
  for _, tok in ipairs(redis.call('SMEMBERS', KEYS[11])) do redis.call('PEXPIREAT', ARGV[11] .. tok, exp) end
  -- The event hash last: the sets above are read first, and an expiry already past deletes at once.
  local ev = redis.call('HGETALL', KEYS[1])
  for i = 1, #KEYS do redis.call('PEXPIREAT', KEYS[i], exp) end
  return {1, ev}
end
return {1, redis.call('HGETALL', KEYS[1])}`,
  },
} as const;
