/** Lua helpers the scripts splice in ahead of their own code. */

/** Lua: the key of a pair in the met and blocked sets, as `pairKey` (server/matching/pairs.ts) writes it. */
export const PAIR_KEY = `
local function pairKey(a, b)
  if b < a then a, b = b, a end
  return a .. '|' .. b
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
