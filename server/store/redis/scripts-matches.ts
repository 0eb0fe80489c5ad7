import { BLOCKED_AMONG, DROP_FROM, KEEP_TIMED_OUT, PAIR_KEY, REJOIN_FORMER, STILL_ARRIVING } from './lua';

/**
 * Lua scripts for a match's life, from claim to end: each checks its guards and then changes the
 * match and its people together, or changes nothing. Same conventions as scripts.ts.
 */
export const matchScripts = {
  /**
   * KEYS: event, match, active, met, looking, busy, matches, blocked, cooldown. ARGV: eventId,
   * matchId, attendee key prefix, createdAt, per-attendee match set prefix, member count n, ...n
   * member ids, ...match fields.
   * Returns 1 if claimed; 0, changing nothing, if the event is not open (an organiser may pause
   * or end it mid-tick), anyone is no longer looking, or two of them are blocked or on cooldown
   * at createdAt (a cooldown's score is its until, and it counts while until > createdAt).
   */
  claimMatch: {
    numberOfKeys: 9,
    lua: `${PAIR_KEY}
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp or redis.call('HGET', KEYS[1], 'status') ~= 'open' then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local now = tonumber(ARGV[4])
local n = tonumber(ARGV[6])
local ids = {}
for i = 1, n do
  ids[i] = ARGV[6 + i]
  if redis.call('HGET', ARGV[3] .. ids[i], 'st') ~= 'looking' then return 0 end
end
for i = 1, n do
  for j = i + 1, n do
    local pair = pairKey(ids[i], ids[j])
    if redis.call('SISMEMBER', KEYS[8], pair) == 1 then return 0 end
    local untilMs = redis.call('ZSCORE', KEYS[9], pair)
    if untilMs and tonumber(untilMs) > now then return 0 end
  end
end
for i = 1, n do
  redis.call('HSET', ARGV[3] .. ids[i], 'st', 'matched', 'm', ARGV[2])
  redis.call('SREM', KEYS[5], ids[i])
  redis.call('SADD', ARGV[5] .. ids[i], ARGV[2])
  redis.call('PEXPIREAT', ARGV[5] .. ids[i], exp)
  for j = i + 1, n do redis.call('SADD', KEYS[4], pairKey(ids[i], ids[j])) end
end
redis.call('HSET', KEYS[2], unpack(ARGV, 7 + n))
redis.call('PEXPIREAT', KEYS[2], exp)
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('PEXPIREAT', KEYS[3], exp)
redis.call('PEXPIREAT', KEYS[4], exp)
redis.call('SADD', KEYS[6], ARGV[1])
redis.call('SADD', KEYS[7], ARGV[2])
redis.call('PEXPIREAT', KEYS[7], exp)
return 1`,
  },

  /**
   * KEYS: event, match, attendee, met, looking, blocked, contacts, cooldown, the attendee's
   * match set. ARGV: attendeeId, maxSize, reasons JSON, wait ms, now ('' for none: then every
   * cooldown still kept counts), '1' to join as to a circle (only while chatting, open, and with
   * nobody on their way to it) or ''.
   * Adds a looking attendee to an active match of an open event, unless they are blocked or on
   * cooldown with a member, and drops the offers there not yet revealed; a former member of it
   * becomes a member again. Closes the match to more (`open`), and records when the newcomer was
   * sent (`sent:<id>`, when `now` is given). Returns the match after, or nil. The met set may have to be created
   * anew (a forget that took its last pair deleted it), so it gets the event's expiry like every
   * other key.
   */
  joinMatch: {
    numberOfKeys: 9,
    lua: `${PAIR_KEY}${DROP_FROM}${REJOIN_FORMER}
local exp = redis.call('HGET', KEYS[1], 'exp')
if not exp or redis.call('HGET', KEYS[1], 'status') ~= 'open' then return nil end
local st = redis.call('HGET', KEYS[2], 'st')
if st ~= 'matched' and st ~= 'chatting' then return nil end
if ARGV[6] == '1' then
  if st ~= 'chatting' or redis.call('HGET', KEYS[2], 'open') ~= '1' then return nil end
  if #cjson.decode(redis.call('HGET', KEYS[2], 'arr') or '[]') > 0 then return nil end
end
if redis.call('HGET', KEYS[3], 'st') ~= 'looking' then return nil end
local mem = cjson.decode(redis.call('HGET', KEYS[2], 'mem'))
if #mem >= tonumber(ARGV[2]) then return nil end
local now = tonumber(ARGV[5])
for _, other in ipairs(mem) do
  local pair = pairKey(other, ARGV[1])
  if redis.call('SISMEMBER', KEYS[6], pair) == 1 then return nil end
  local untilMs = redis.call('ZSCORE', KEYS[8], pair)
  if untilMs and (not now or tonumber(untilMs) > now) then return nil end
end
for _, other in ipairs(mem) do redis.call('SADD', KEYS[4], pairKey(other, ARGV[1])) end
redis.call('PEXPIREAT', KEYS[4], exp)
table.insert(mem, ARGV[1])
if redis.call('HGET', KEYS[7], '~revealed') ~= '1' then redis.call('DEL', KEYS[7]) end
if dropFrom(KEYS[2], 'former', ARGV[1]) then rejoinFormer(KEYS[2], ARGV[1]) end
redis.call('HSET', KEYS[2], 'mem', cjson.encode(mem), 'r:' .. ARGV[1], ARGV[3], 'w:' .. ARGV[1], ARGV[4])
if st == 'chatting' then
  local arr = cjson.decode(redis.call('HGET', KEYS[2], 'arr') or '[]')
  table.insert(arr, ARGV[1])
  redis.call('HSET', KEYS[2], 'arr', cjson.encode(arr))
end
if now then redis.call('HSET', KEYS[2], 'sent:' .. ARGV[1], ARGV[5]) end
-- "Open to one more" means one: whoever joins closes it, until its people open it again.
redis.call('HSET', KEYS[2], 'open', '0')
redis.call('HSET', KEYS[3], 'st', st, 'm', redis.call('HGET', KEYS[2], 'id'))
redis.call('SREM', KEYS[5], ARGV[1])
redis.call('SADD', KEYS[9], redis.call('HGET', KEYS[2], 'id'))
redis.call('PEXPIREAT', KEYS[9], exp)
return redis.call('HGETALL', KEYS[2])`,
  },

  /**
   * KEYS: an attendee's match set. ARGV: match key prefix. Returns the hashes of the matches in
   * it, as flat field/value lists (one empty for a match that is gone), in one round trip.
   */
  listMatchesOf: {
    numberOfKeys: 1,
    lua: `
local out = {}
for _, m in ipairs(redis.call('SMEMBERS', KEYS[1])) do table.insert(out, redis.call('HGETALL', ARGV[1] .. m)) end
return out`,
  },

  /**
   * KEYS: match. ARGV: the members it must have (JSON, in order), ...fields. Nil, changing
   * nothing, unless it is active with exactly those members.
   */
  rewriteMatchText: {
    numberOfKeys: 1,
    lua: `
local st = redis.call('HGET', KEYS[1], 'st')
if not st or st == 'ended' then return nil end
local mem = cjson.decode(redis.call('HGET', KEYS[1], 'mem'))
local want = cjson.decode(ARGV[1])
if #mem ~= #want then return nil end
for i = 1, #mem do if mem[i] ~= want[i] then return nil end end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return redis.call('HGETALL', KEYS[1])`,
  },

  /**
   * KEYS: match. ARGV: allowed statuses (",a,b,"), attendee key prefix, ...fields.
   * A new status is copied onto the members still in the match.
   */
  updateMatch: {
    numberOfKeys: 1,
    lua: `
local st = redis.call('HGET', KEYS[1], 'st')
if not st or st == 'ended' or not string.find(ARGV[1], ',' .. st .. ',', 1, true) then return nil end
if #ARGV > 2 then redis.call('HSET', KEYS[1], unpack(ARGV, 3)) end
local now = redis.call('HGET', KEYS[1], 'st')
if now ~= st then
  local id = redis.call('HGET', KEYS[1], 'id')
  for _, a in ipairs(cjson.decode(redis.call('HGET', KEYS[1], 'mem'))) do
    if redis.call('HGET', ARGV[2] .. a, 'm') == id then redis.call('HSET', ARGV[2] .. a, 'st', now) end
  end
end
return redis.call('HGETALL', KEYS[1])`,
  },

  /**
   * KEYS: event, match. ARGV: '1' to open, '0' to close; the most members a match may have.
   * Returns the match after; 'ended' or 'full' (changing nothing) when opening an ended event's
   * match or one with no room for one more; nil when the match is not chatting.
   */
  setMatchOpen: {
    numberOfKeys: 2,
    lua: `
if redis.call('HGET', KEYS[2], 'st') ~= 'chatting' then return nil end
if ARGV[1] == '1' then
  if redis.call('HGET', KEYS[1], 'status') == 'ended' then return 'ended' end
  if #cjson.decode(redis.call('HGET', KEYS[2], 'mem')) >= tonumber(ARGV[2]) then return 'full' end
end
redis.call('HSET', KEYS[2], 'open', ARGV[1])
return redis.call('HGETALL', KEYS[2])`,
  },

  /**
   * KEYS: event, match, active, looking, busy, contacts. ARGV: eventId, reason, endedAt, attendee key
   * prefix, allowed statuses (",a,b,"), the members the caller decided on (a JSON list, or ''
   * for any), the attendee who must still be on their way to it ('' for no such condition),
   * ...(attendeeId, status, lookingSince, timedOut) fours, timedOut being 'match' or 'arrival'
   * to keep this match's id on them as `mto` or `ato` (else ''). Members still on the match that
   * no four names go to idle. Ending with someone still on their way (`arr`) changes who keeps in touch
   * in it (`sharersOf`), so offers not yet revealed are dropped, as when someone joins. Returns
   * the match after, 'members_changed' (and changes nothing) if its members are not exactly those
   * named, or nil.
   */
  endMatch: {
    numberOfKeys: 6,
    lua: `${STILL_ARRIVING}${KEEP_TIMED_OUT}
local st = redis.call('HGET', KEYS[2], 'st')
if not st or st == 'ended' or not string.find(ARGV[5], ',' .. st .. ',', 1, true) then return nil end
if not stillArriving(KEYS[2], ARGV[7]) then return nil end
local mem = cjson.decode(redis.call('HGET', KEYS[2], 'mem'))
if ARGV[6] ~= '' then
  local want = cjson.decode(ARGV[6])
  if #want ~= #mem then return 'members_changed' end
  for i, a in ipairs(mem) do if want[i] ~= a then return 'members_changed' end end
end
local id = redis.call('HGET', KEYS[2], 'id')
redis.call('HSET', KEYS[2], 'st', 'ended', 'why', ARGV[2], 'end', ARGV[3])
if #cjson.decode(redis.call('HGET', KEYS[2], 'arr') or '[]') > 0 and redis.call('HGET', KEYS[6], '~revealed') ~= '1' then
  redis.call('DEL', KEYS[6])
end
redis.call('SREM', KEYS[3], id)
local exp = redis.call('HGET', KEYS[1], 'exp')
local next = {}
for i = 8, #ARGV, 4 do next[ARGV[i]] = { ARGV[i + 1], ARGV[i + 2], ARGV[i + 3] } end
for _, a in ipairs(mem) do
  local key = ARGV[4] .. a
  if redis.call('HGET', key, 'm') == id then
    local to = next[a] or { 'idle', '', '' }
    redis.call('HSET', key, 'st', to[1], 'ls', to[2], 'm', '')
    keepTimedOut(key, to[3], id)
    if to[1] == 'looking' then
      redis.call('SADD', KEYS[4], a)
      if exp then redis.call('PEXPIREAT', KEYS[4], exp) end
      redis.call('SADD', KEYS[5], ARGV[1])
    end
  end
end
return redis.call('HGETALL', KEYS[2])`,
  },

  /**
   * KEYS: event, match, attendee, looking, busy, contacts, blocked. ARGV: eventId, attendeeId, status,
   * lookingSince, allowed statuses (",a,b,"), '1' if they must still be on their way to it (else
   * ''), 'match' or 'arrival' to keep this match's id on them as `mto` or `ato` (else ''). Returns {1 if this revealed the exchange else 0,
   * match after}, or nil. An unrevealed contact offer goes too; if everyone left has offered,
   * and no two of them are blocked, the exchange is revealed. A leaver from a match that met is kept as a former member
   * (`former`), with the members they leave behind as the people they were with (`fw:<id>`),
   * unless they were still on their way to it (`arr`).
   */
  removeFromMatch: {
    numberOfKeys: 7,
    lua: `${BLOCKED_AMONG}${DROP_FROM}${STILL_ARRIVING}${KEEP_TIMED_OUT}
local st = redis.call('HGET', KEYS[2], 'st')
if st ~= 'matched' and st ~= 'chatting' then return nil end
if not string.find(ARGV[5], ',' .. st .. ',', 1, true) then return nil end
if ARGV[6] == '1' and not stillArriving(KEYS[2], ARGV[2]) then return nil end
local id = redis.call('HGET', KEYS[2], 'id')
if redis.call('HGET', KEYS[3], 'm') ~= id then return nil end
local mem = cjson.decode(redis.call('HGET', KEYS[2], 'mem'))
if #mem <= 2 then return nil end
local rest = {}
for _, a in ipairs(mem) do if a ~= ARGV[2] then table.insert(rest, a) end end
redis.call('HSET', KEYS[2], 'mem', cjson.encode(rest))
if st == 'chatting' and not dropFrom(KEYS[2], 'arr', ARGV[2]) then
  local raw = redis.call('HGET', KEYS[2], 'former')
  local former = raw and cjson.decode(raw) or {}
  table.insert(former, ARGV[2])
  -- Who they were with: those left, but not anyone still on their way (they never met).
  local arr = cjson.decode(redis.call('HGET', KEYS[2], 'arr') or '[]')
  local met = {}
  for _, a in ipairs(rest) do
    local coming = false
    for _, b in ipairs(arr) do if a == b then coming = true end end
    if not coming then table.insert(met, a) end
  end
  redis.call('HSET', KEYS[2], 'former', cjson.encode(former))
  -- cjson would write an empty list as {}: none is no field, as decodeFormer reads it.
  if #met > 0 then redis.call('HSET', KEYS[2], 'fw:' .. ARGV[2], cjson.encode(met)) end
end
local revealed = 0
if redis.call('EXISTS', KEYS[6]) == 1 and redis.call('HGET', KEYS[6], '~revealed') ~= '1' then
  redis.call('HDEL', KEYS[6], ARGV[2])
  revealed = 1
  for _, a in ipairs(rest) do if redis.call('HEXISTS', KEYS[6], a) == 0 then revealed = 0 end end
  -- Never while two of those left are blocked (see shareContact).
  if revealed == 1 and blockedAmong(KEYS[7], rest) then revealed = 0 end
  if revealed == 1 then redis.call('HSET', KEYS[6], '~revealed', '1') end
end
redis.call('HSET', KEYS[3], 'st', ARGV[3], 'ls', ARGV[4], 'm', '')
keepTimedOut(KEYS[3], ARGV[7], id)
if ARGV[3] == 'looking' then
  redis.call('SADD', KEYS[4], ARGV[2])
  local exp = redis.call('HGET', KEYS[1], 'exp')
  if exp then redis.call('PEXPIREAT', KEYS[4], exp) end
  redis.call('SADD', KEYS[5], ARGV[1])
end
return {revealed, redis.call('HGETALL', KEYS[2])}`,
  },
} as const;
