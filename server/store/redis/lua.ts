/** Lua helpers the scripts splice in ahead of their own code. */

/** Lua: the key of a pair in the met and blocked sets, as `pairKey` (server/matching/pairs.ts) writes it. */
export const PAIR_KEY = `
local function pairKey(a, b)
  if b < a then a, b = b, a end
  return a .. '|' .. b
end`;

/**
 * Lua: whether any two of `ids` are a pair in the blocked set `blockedKey` (one blocked or
 * reported the other). Brings PAIR_KEY with it: splice it instead of PAIR_KEY, not with it.
 */
export const BLOCKED_AMONG = `${PAIR_KEY}
local function blockedAmong(blockedKey, ids)
  for i = 1, #ids do
    for j = i + 1, #ids do
      if redis.call('SISMEMBER', blockedKey, pairKey(ids[i], ids[j])) == 1 then return true end
    end
  end
  return false
end`;

/**
 * Lua: takes `id` off the JSON list in `field` of hash `key`, deleting the field rather than
 * leaving it empty (cjson would write an empty list as `{}`). True if it was there.
 */
export const DROP_FROM = `
local function dropFrom(key, field, id)
  local raw = redis.call('HGET', key, field)
  if not raw then return false end
  local rest, found = {}, false
  for _, a in ipairs(cjson.decode(raw)) do
    if a == id then found = true else table.insert(rest, a) end
  end
  if not found then return false end
  if #rest == 0 then redis.call('HDEL', key, field) else redis.call('HSET', key, field, cjson.encode(rest)) end
  return true
end`;

/**
 * Lua: a former member comes back to match `key` (call after taking them off `former`): their
 * `fw:` list goes, and each of those on it who has left since gets them on theirs, as they met
 * (see rejoinFormer in the memory store). Needs nothing else spliced in.
 */
export const REJOIN_FORMER = `
local function rejoinFormer(key, id)
  local was = redis.call('HGET', key, 'fw:' .. id)
  redis.call('HDEL', key, 'fw:' .. id)
  local former = redis.call('HGET', key, 'former')
  if not was or not former then return end
  local left = {}
  for _, f in ipairs(cjson.decode(former)) do left[f] = true end
  for _, f in ipairs(cjson.decode(was)) do
    if left[f] then
      local raw = redis.call('HGET', key, 'fw:' .. f)
      local list = raw and cjson.decode(raw) or {}
      local has = false
      for _, a in ipairs(list) do if a == id then has = true end end
      if not has then
        table.insert(list, id)
        redis.call('HSET', key, 'fw:' .. f, cjson.encode(list))
      end
    end
  end
end`;

/**
 * Lua: whether the match hash `key` still lists `id` as on their way to it (`arr`); true when
 * `id` is '' (the caller set no such condition).
 */
export const STILL_ARRIVING = `
local function stillArriving(key, id)
  if id == '' then return true end
  for _, a in ipairs(cjson.decode(redis.call('HGET', key, 'arr') or '[]')) do
    if a == id then return true end
  end
  return false
end`;

/**
 * Lua: keeps on attendee hash `key` that the server took them off match `id` because time ran
 * out: `why` is 'match' (kept as `mto`, `State.matchTimedOut`) or 'arrival' (`ato`,
 * `State.arrivalTimedOut`); '' keeps nothing.
 */
export const KEEP_TIMED_OUT = `
local function keepTimedOut(key, why, id)
  if why == 'match' then redis.call('HSET', key, 'mto', id)
  elseif why == 'arrival' then redis.call('HSET', key, 'ato', id) end
end`;

/** Lua: the other side of pair key `pair` if `id` is on one side of it, else nil (see othersIn). */
export const OTHER_IN = `
local function otherIn(pair, id)
  local bar = string.find(pair, '|', 1, true)
  if not bar then return nil end
  local a, b = string.sub(pair, 1, bar - 1), string.sub(pair, bar + 1)
  if a == id then return b elseif b == id then return a end
  return nil
end`;

/**
 * Lua: `id` and everyone who started over from them, or from one of those, each once, from the
 * event's successors hash `key` (id -> JSON list; see startedOverFrom in the memory store).
 */
export const STARTED_OVER_FROM = `
local function startedOverFrom(key, id)
  local out, seen, i = {id}, {[id] = true}, 1
  while i <= #out do
    local raw = redis.call('HGET', key, out[i])
    if raw then
      for _, n in ipairs(cjson.decode(raw)) do
        if not seen[n] then seen[n] = true; table.insert(out, n) end
      end
    end
    i = i + 1
  end
  return out
end`;

/**
 * How many keys a script that re-expires a whole event takes: the event, attendees, matches,
 * looking, active, met, blocked, cooldown, feedback, reports, removed tokens, successors and
 * removed people keys, in that order (see `RedisStore.eventKeys`).
 */
export const EVENT_KEYS = 13;

/**
 * Lua: `reexpireEvent(exp, first)` moves every key of the event to expire at `exp` (ms since
 * epoch, a string): its own keys (KEYS, laid out as EVENT_KEYS says), its people, matches and
 * contacts, its tokens, removed tokens and join code, and saves `exp` on the event, which later
 * writes read. ARGV[first..first+6] are the key prefixes of attendees, matches, contacts, tokens,
 * codes, per-attendee match sets and removed tokens (see `RedisStore.eventPrefixes`). Returns the
 * event hash, read before the event's own keys are re-expired: an `exp` already past deletes at once.
 */
export const REEXPIRE_EVENT = `
local function reexpireEvent(exp, first)
  local attendee, match, contacts, token = ARGV[first], ARGV[first + 1], ARGV[first + 2], ARGV[first + 3]
  local code, matchesOf, removedToken = ARGV[first + 4], ARGV[first + 5], ARGV[first + 6]
  redis.call('HSET', KEYS[1], 'exp', exp)
  redis.call('PEXPIREAT', code .. redis.call('HGET', KEYS[1], 'code'), exp)
  local otok = redis.call('HGET', KEYS[1], 'otok')
  if otok then redis.call('PEXPIREAT', token .. otok, exp) end
  for _, a in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    redis.call('PEXPIREAT', attendee .. a, exp)
    redis.call('PEXPIREAT', matchesOf .. a, exp)
    local tok = redis.call('HGET', attendee .. a, 'tok')
    if tok then redis.call('PEXPIREAT', token .. tok, exp) end
  end
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    redis.call('PEXPIREAT', match .. m, exp)
    redis.call('PEXPIREAT', contacts .. m, exp)
  end
  for _, tok in ipairs(redis.call('SMEMBERS', KEYS[11])) do redis.call('PEXPIREAT', removedToken .. tok, exp) end
  -- The event hash last: the sets above are read first, and an expiry already past deletes at once.
  local ev = redis.call('HGETALL', KEYS[1])
  for i = 1, #KEYS do redis.call('PEXPIREAT', KEYS[i], exp) end
  return ev
end`;
