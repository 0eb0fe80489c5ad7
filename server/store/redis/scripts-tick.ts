/**
 * Lua scripts for the matching ticker: which events to tick (and their leases), and one event's
 * inputs in one read. Same conventions as scripts.ts.
 */
export const tickScripts = {
  /**
   * KEYS: busy. ARGV: key prefix, holder, lease ttl ms. Drops events with nothing to do from busy
   * (an ended one has nothing to do once no match of it waits to meet, nor anyone to arrive, see
   * Store), takes or renews the matcher lease of the others where free (for ttl ms, or until the
   * event's keys expire if that is sooner), and returns those it holds.
   */
  leaseBusyEvents: {
    numberOfKeys: 1,
    lua: `
local function settled(base)
  if redis.call('HGET', base .. 'ev', 'status') ~= 'ended' then return false end
  for _, m in ipairs(redis.call('SMEMBERS', base .. 'act')) do
    local key = base .. 'm:' .. m
    if redis.call('HGET', key, 'st') == 'matched' or redis.call('HEXISTS', key, 'arr') == 1 then return false end
  end
  return true
end
local held = {}
for _, e in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local base = ARGV[1] .. '{' .. e .. '}:'
  if (redis.call('SCARD', base .. 'look') == 0 and redis.call('SCARD', base .. 'act') == 0) or settled(base) then
    redis.call('SREM', KEYS[1], e)
  else
    local holder = redis.call('GET', base .. 'lease')
    if holder == false or holder == ARGV[2] then
      -- Never outliving the event's own keys, which expire at its end plus the retention period.
      local ttl = tonumber(ARGV[3])
      local left = redis.call('PTTL', base .. 'ev')
      if left > 0 and left < ttl then ttl = left end
      redis.call('SET', base .. 'lease', ARGV[2], 'PX', ttl)
      table.insert(held, e)
    end
  end
end
return held`,
  },

  /**
   * KEYS: event, looking, active, met, blocked, cooldown. ARGV: attendee key prefix, match key
   * prefix, now. Returns {event, looking[], active[], members[], met, blocked, cooldown}: hashes
   * as flat field/value lists, and the cooldowns still running as pair key, until, pair key, ...;
   * forgets lapsed cooldowns on the way.
   */
  loadTick: {
    numberOfKeys: 6,
    lua: `
local ev = redis.call('HGETALL', KEYS[1])
if #ev == 0 then return nil end
local looking, active, members = {}, {}, {}
for _, a in ipairs(redis.call('SMEMBERS', KEYS[2])) do table.insert(looking, redis.call('HGETALL', ARGV[1] .. a)) end
for _, m in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local h = redis.call('HGETALL', ARGV[2] .. m)
  if #h > 0 then
    table.insert(active, h)
    for _, a in ipairs(cjson.decode(redis.call('HGET', ARGV[2] .. m, 'mem'))) do
      table.insert(members, redis.call('HGETALL', ARGV[1] .. a))
    end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[3])
return {ev, looking, active, members, redis.call('SMEMBERS', KEYS[4]), redis.call('SMEMBERS', KEYS[5]), redis.call('ZRANGE', KEYS[6], 0, -1, 'WITHSCORES')}`,
  },
} as const;
