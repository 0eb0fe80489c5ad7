import { BLOCKED_AMONG, DROP_FROM, OTHER_IN, PAIR_KEY, STARTED_OVER_FROM } from './lua';

/**
 * Lua scripts for what happens after a chat: contact exchange, feedback, blocks, reports, and
 * forgetting an attendee. Same conventions as scripts.ts.
 */
export const aftercareScripts = {
  /**
   * KEYS: event, match, contacts, blocked. ARGV: attendeeId, contact JSON. Returns the exchange
   * hash after (`~revealed` = 1 once everyone who keeps in touch in the match has shared: its
   * members, or, once it ended, as `sharersOf` in match-people.ts says), or nil if the attendee is
   * not one of them: a former member the others carried on without included, checked here in the
   * same step as the write, so an offer racing its maker's own leave is never kept. Nil too, before
   * the reveal, if one of them is gone for good ('~': forgotten or removed: they could never share
   * back). Two of them blocked (one blocked or reported the other) refuse nothing, as a refusal
   * would tell: the offer is kept, and the exchange is not revealed while they are.
   */
  shareContact: {
    numberOfKeys: 4,
    lua: `${BLOCKED_AMONG}
local exp = redis.call('HGET', KEYS[1], 'exp')
local m = redis.call('HMGET', KEYS[2], 'mem', 'st', 'arr', 'former')
if not exp or not m[1] then return nil end
local group = cjson.decode(m[1])
if m[2] == 'ended' and m[3] then
  -- As arrivedOf in match-people.ts: a '~' is taken off once for each '~' on 'arr'.
  local arr, met, noShows = {}, {}, 0
  for _, a in ipairs(cjson.decode(m[3])) do
    arr[a] = true
    if a == '~' then noShows = noShows + 1 end
  end
  for _, a in ipairs(group) do
    if a == '~' and noShows > 0 then
      noShows = noShows - 1
    elseif a == '~' or not arr[a] then
      table.insert(met, a)
    end
  end
  group = met
  if #met == 1 and m[4] then
    local former = cjson.decode(m[4])
    local last = former[#former]
    local with = last and redis.call('HGET', KEYS[2], 'fw:' .. last)
    if with then
      for _, a in ipairs(cjson.decode(with)) do if a == met[1] then group = {met[1], last} end end
    end
  end
end
local member = false
for _, a in ipairs(group) do if a == ARGV[1] then member = true end end
if not member then return nil end
-- Still on their way to a group (onTheWay in match-people.ts): not until they have found it.
if m[2] ~= 'ended' and m[3] then
  for _, a in ipairs(cjson.decode(m[3])) do if a == ARGV[1] then return nil end end
end
if redis.call('HGET', KEYS[3], '~revealed') ~= '1' then
  for _, a in ipairs(group) do if a == '~' then return nil end end
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
  local all = true
  for _, a in ipairs(group) do if redis.call('HEXISTS', KEYS[3], a) == 0 then all = false end end
  -- Taken all the same while two of them are blocked (a refusal would tell), but never revealed.
  if all and not blockedAmong(KEYS[4], group) then redis.call('HSET', KEYS[3], '~revealed', '1') end
  redis.call('PEXPIREAT', KEYS[3], exp)
end
return redis.call('HGETALL', KEYS[3])`,
  },

  /** KEYS: contacts. ARGV: attendeeId. 0 if already revealed. */
  withdrawContact: {
    numberOfKeys: 1,
    lua: `
if redis.call('HGET', KEYS[1], '~revealed') == '1' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`,
  },

  /** KEYS: event, key. ARGV: command, ...args. Runs a write and gives the key the event's expiry. */
  writeWithExpiry: {
    numberOfKeys: 2,
    lua: `
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
redis.call(ARGV[1], KEYS[2], unpack(ARGV, 2))
redis.call('PEXPIREAT', KEYS[2], exp)
return 1`,
  },

  /**
   * KEYS: event, blocked, successors. ARGV: a, b. Blocks every pair of `a` or whoever started over
   * from them with `b` or whoever started over from them (see Store.addBlock). Returns those on
   * `b`'s side, or nil if there is no event.
   */
  addBlock: {
    numberOfKeys: 3,
    lua: `${PAIR_KEY}${STARTED_OVER_FROM}
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return nil end
local theirs = startedOverFrom(KEYS[3], ARGV[2])
for _, x in ipairs(startedOverFrom(KEYS[3], ARGV[1])) do
  for _, y in ipairs(theirs) do
    if x ~= y then redis.call('SADD', KEYS[2], pairKey(x, y)) end
  end
end
redis.call('PEXPIREAT', KEYS[2], exp)
return theirs`,
  },

  /**
   * KEYS: looking, cooldown. ARGV: attendeeId, now. Returns {how many are looking, how many of
   * them, the attendee aside, are not on cooldown with them after now}. Blocks are not counted
   * out: a block is silent, and a count that dropped would tell (see Store.countLookingFor).
   */
  countLookingFor: {
    numberOfKeys: 2,
    lua: `${OTHER_IN}
local id = ARGV[1]
local looking = redis.call('SCARD', KEYS[1])
local apart = {}
for _, pair in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[2], '+inf')) do
  local other = otherIn(pair, id)
  if other then apart[other] = true end
end
local kept = redis.call('SISMEMBER', KEYS[1], id)
for other in pairs(apart) do kept = kept + redis.call('SISMEMBER', KEYS[1], other) end
return {looking, looking - kept}`,
  },

  /**
   * KEYS: event, reports. ARGV: reporterId, reportedId, report JSON, most attendees one reporter
   * may report ('' for no cap). Appends the report unless this reporter already reported this
   * attendee (a retry, even at the cap) or has reached the cap. Returns 'added', 'repeat',
   * 'over-cap' or 'no-event' (the Store's ReportOutcome).
   */
  addReport: {
    numberOfKeys: 2,
    lua: `
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 'no-event' end
local cap = tonumber(ARGV[4])
local mine = 0
for _, r in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  local rep = cjson.decode(r)
  if rep.reporterId == ARGV[1] then
    if rep.reportedId == ARGV[2] then return 'repeat' end
    mine = mine + 1
  end
end
if cap and mine >= cap then return 'over-cap' end
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('PEXPIREAT', KEYS[2], exp)
return 'added'`,
  },

  /**
   * KEYS: event, attendee, the event's removed-token set, its removed-people set. ARGV:
   * removed-token key prefix, eventId, the hash of the attendee's id (removedPersonHash).
   * Keeps the attendee's token hash, and the hash of their id, as removed, expiring with the
   * event; 1, or 0 if there is no such attendee (or event).
   */
  markRemoved: {
    numberOfKeys: 4,
    lua: `
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp then return 0 end
local tok = redis.call('HGET', KEYS[2], 'tok')
if not tok then return 0 end
redis.call('SET', ARGV[1] .. tok, ARGV[2], 'PXAT', exp)
redis.call('SADD', KEYS[3], tok)
redis.call('PEXPIREAT', KEYS[3], exp)
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('PEXPIREAT', KEYS[4], exp)
return 1`,
  },

  /**
   * KEYS: attendee, the event's removed-token set, its removed-people set. ARGV: removed-token
   * key prefix, the hash of the attendee's id. Forgets that the attendee was marked removed
   * (their removal did not go through).
   */
  unmarkRemoved: {
    numberOfKeys: 3,
    lua: `
local tok = redis.call('HGET', KEYS[1], 'tok')
if not tok then return 0 end
redis.call('DEL', ARGV[1] .. tok)
redis.call('SREM', KEYS[2], tok)
redis.call('SREM', KEYS[3], ARGV[2])
return 1`,
  },

  /**
   * KEYS: attendee, attendees, looking, matches, met, blocked, cooldown, feedback, reports, the
   * attendee's match set, successors. ARGV: attendeeId, match key prefix, contacts key prefix,
   * token key prefix. Deletes the attendee and every trace of them; returns their hash, or nil.
   * Whoever they started over from is linked straight to whoever started over from them.
   */
  forgetAttendee: {
    numberOfKeys: 11,
    lua: `${DROP_FROM}
-- Moves id's field <prefix><id> to a label no earlier forget of this match took (~0, ~1...), so no figure is lost.
local function relabel(mkey, prefix, id)
  local v = redis.call('HGET', mkey, prefix .. id)
  if not v then return end
  local n = 0
  while redis.call('HEXISTS', mkey, prefix .. '~' .. n) == 1 do n = n + 1 end
  redis.call('HSET', mkey, prefix .. '~' .. n, v)
  redis.call('HDEL', mkey, prefix .. id)
end
local id = ARGV[1]
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then return nil end
local inMatch = redis.call('HGET', KEYS[1], 'm')
if inMatch and inMatch ~= '' then return nil end
local tok = redis.call('HGET', KEYS[1], 'tok')
if tok then redis.call('DEL', ARGV[4] .. tok) end
redis.call('DEL', KEYS[1], KEYS[10])
redis.call('SREM', KEYS[2], id)
redis.call('SREM', KEYS[3], id)
for _, mid in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  local mkey = ARGV[2] .. mid
  local raw = redis.call('HGET', mkey, 'mem')
  local inMem = raw and string.find(raw, '"' .. id .. '"', 1, true)
  local wasIn = dropFrom(mkey, 'former', id)
  -- Only a member or former member can be on a former member's fw: list (see removeFromMatch); someone
  -- taken off a match before it met is neither, but its reasons and waits still name them.
  local named = redis.call('HEXISTS', mkey, 'r:' .. id) == 1 or redis.call('HEXISTS', mkey, 'w:' .. id) == 1 or redis.call('HEXISTS', mkey, 'sent:' .. id) == 1
  if inMem or wasIn or named then
    if inMem then
      local mem = cjson.decode(raw)
      for i, a in ipairs(mem) do if a == id then mem[i] = '~' end end
      redis.call('HSET', mkey, 'mem', cjson.encode(mem))
      -- Still on their way when it ended: '~' stays on 'arr' too, as never having arrived (sharersOf),
      -- and so never one of those who keep in touch in it.
      local arr = redis.call('HGET', mkey, 'arr')
      if arr then
        local list = cjson.decode(arr)
        for i, a in ipairs(list) do
          if a == id then
            list[i] = '~'
            inMem = false
          end
        end
        redis.call('HSET', mkey, 'arr', cjson.encode(list))
      end
    end
    redis.call('HDEL', mkey, 'r:' .. id, 'fw:' .. id)
    local former = redis.call('HGET', mkey, 'former')
    if former then
      for _, f in ipairs(cjson.decode(former)) do dropFrom(mkey, 'fw:' .. f, id) end
    end
    relabel(mkey, 'w:', id)
    -- A pair's deadline put off for a third stays put off (unconfirmedEndsAt in arrivals.ts).
    relabel(mkey, 'sent:', id)
    -- A member gone for good can never share: the others' offers, unrevealed, would wait for ever.
    if inMem and redis.call('HGET', ARGV[3] .. mid, '~revealed') ~= '1' then
      redis.call('DEL', ARGV[3] .. mid)
    else
      redis.call('HDEL', ARGV[3] .. mid, id)
    end
  end
end
for _, k in ipairs({KEYS[5], KEYS[6]}) do
  for _, pair in ipairs(redis.call('SMEMBERS', k)) do
    if string.find('|' .. pair .. '|', '|' .. id .. '|', 1, true) then redis.call('SREM', k, pair) end
  end
end
for _, pair in ipairs(redis.call('ZRANGE', KEYS[7], 0, -1)) do
  if string.find('|' .. pair .. '|', '|' .. id .. '|', 1, true) then redis.call('ZREM', KEYS[7], pair) end
end
for _, f in ipairs(redis.call('HKEYS', KEYS[8])) do
  if string.sub(f, -(#id + 1)) == '|' .. id then redis.call('HDEL', KEYS[8], f) end
end
for _, r in ipairs(redis.call('LRANGE', KEYS[9], 0, -1)) do
  local rep = cjson.decode(r)
  if rep.reporterId == id or rep.reportedId == id then redis.call('LREM', KEYS[9], 0, r) end
end
local theirs = redis.call('HGET', KEYS[11], id)
theirs = theirs and cjson.decode(theirs) or {}
redis.call('HDEL', KEYS[11], id)
local links = redis.call('HGETALL', KEYS[11])
for i = 1, #links, 2 do
  local previous, kept, seen, found = links[i], {}, {}, false
  for _, n in ipairs(cjson.decode(links[i + 1])) do
    if n == id then found = true elseif not seen[n] then seen[n] = true; table.insert(kept, n) end
  end
  if found then
    for _, n in ipairs(theirs) do
      if n ~= previous and not seen[n] then seen[n] = true; table.insert(kept, n) end
    end
    if #kept == 0 then redis.call('HDEL', KEYS[11], previous) else redis.call('HSET', KEYS[11], previous, cjson.encode(kept)) end
  end
end
return h`,
  },
} as const;
