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
