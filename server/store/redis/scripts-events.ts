import { EVENT_KEYS, REEXPIRE_EVENT } from './lua';

/**
 * Lua scripts for an event's life: creating it, changing its details, and its status (ending it,
 * or moving its planned end, re-expires every key of it). Same conventions as scripts.ts.
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
   * KEYS: the event's keys, as setEventStatus takes them. ARGV: default event length ms,
   * retention ms, the seven key prefixes setEventStatus takes (ARGV[3..9]), ...fields. Returns the
   * updated event, 'ended' (changing nothing) if the event has ended and the patch changes its
   * details (any field but the announcement, 'ann'), or nil if it does not exist. A planned end
   * in the patch (`endsAt`, '' for none) re-expires every key of the event at it (or at the
   * default end, from `createdAt`) plus the retention period, sooner or later; one equal to the
   * stored one re-expires nothing.
   */
  updateEvent: {
    numberOfKeys: EVENT_KEYS,
    lua: `${REEXPIRE_EVENT}
local FIELDS = 10
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return nil end
if st == 'ended' then
  for i = FIELDS, #ARGV, 2 do if ARGV[i] ~= 'ann' then return 'ended' end end
end
-- A planned end that moves, read before the write: the same one again re-expires nothing, since
-- re-expiring is a call per attendee and match.
local moved = nil
local was = redis.call('HGET', KEYS[1], 'endsAt') or ''
for i = FIELDS, #ARGV, 2 do
  if ARGV[i] == 'endsAt' and ARGV[i + 1] ~= was then moved = ARGV[i + 1] end
end
if #ARGV >= FIELDS then redis.call('HSET', KEYS[1], unpack(ARGV, FIELDS)) end
if moved then
  local planned = tonumber(moved) or tonumber(redis.call('HGET', KEYS[1], 'createdAt')) + tonumber(ARGV[1])
  return reexpireEvent(string.format('%.0f', planned + tonumber(ARGV[2])), 3)
end
return redis.call('HGETALL', KEYS[1])`,
  },

  /**
   * KEYS: the event's keys (see EVENT_KEYS). ARGV: status, now, default event length ms,
   * retention ms, the seven key prefixes of REEXPIRE_EVENT (ARGV[5..11]).
   * Pausing keeps now as 'pausedAt'; resuming drops it and moves every attendee's 'ls' (looking,
   * or kept in a match) on by the pause, to at most now. Returns {1 if changed else 0, event hash},
   * or nil if there is no event. An ended event stays ended. Ending takes the announcement down
   * ('ann', as the codec writes null), brings `endsAt` forward to now and re-expires every key of the event (its people, tokens, matches and contacts
   * included) at that plus the retention period; later writes read the new `exp`.
   */
  setEventStatus: {
    numberOfKeys: EVENT_KEYS,
    lua: `${REEXPIRE_EVENT}
local cur = redis.call('HGET', KEYS[1], 'status')
if not cur then return nil end
if cur == ARGV[1] or cur == 'ended' then return {0, redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'status', ARGV[1])
local now = tonumber(ARGV[2])
local pausedAt = tonumber(redis.call('HGET', KEYS[1], 'pausedAt'))
redis.call('HSET', KEYS[1], 'pausedAt', ARGV[1] == 'paused' and ARGV[2] or '')
if ARGV[1] == 'open' and pausedAt and now > pausedAt then
  for _, a in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    local since = tonumber(redis.call('HGET', ARGV[5] .. a, 'ls'))
    if since then redis.call('HSET', ARGV[5] .. a, 'ls', string.format('%.0f', math.min(now, since + now - pausedAt))) end
  end
end
if ARGV[1] == 'ended' then
  local planned = tonumber(redis.call('HGET', KEYS[1], 'endsAt'))
  if not planned then planned = tonumber(redis.call('HGET', KEYS[1], 'createdAt')) + tonumber(ARGV[3]) end
  local endsAt = math.min(planned, tonumber(ARGV[2]))
  redis.call('HSET', KEYS[1], 'endsAt', string.format('%.0f', endsAt), 'ann', 'null')
  return {1, reexpireEvent(string.format('%.0f', endsAt + tonumber(ARGV[4])), 5)}
end
return {1, redis.call('HGETALL', KEYS[1])}`,
  },
} as const;
