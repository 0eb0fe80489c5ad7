/**
 * Lua for the organiser's figures (see Store.loadStats and stats.ts beside this file). Same
 * conventions as scripts.ts.
 */
export const statsScripts = {
  /**
   * KEYS: a set of ids (an event's attendees or matches). ARGV: SSCAN cursor, count, the prefix
   * a script appends an id to for its hash, a pattern of further fields to keep ('' for none),
   * then the field names to keep. One SSCAN step: the next cursor, then the hashes it reached as
   * one JSON array of rows, each the kept fields' values in ARGV's order (false for a missing
   * one) followed by field/value pairs of the fields matching the pattern. A hash that is gone
   * is left out. A step at a time, so a big event never holds Redis for long; only the fields
   * asked for cross the wire, and as one string, which costs Node far less to read than a reply
   * of many small ones. HMGET and HSCAN's MATCH pick the fields in Redis's own code, which costs
   * Redis less than a Lua loop over every field.
   */
  scanProjected: {
    numberOfKeys: 1,
    lua: `
local step = redis.call('SSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local fields = { unpack(ARGV, 5) }
local rows = {}
for _, id in ipairs(step[2]) do
  local key = ARGV[3] .. id
  local row = redis.call('HMGET', key, unpack(fields))
  if row[1] then
    if ARGV[4] ~= '' then
      local cursor = '0'
      repeat
        local found = redis.call('HSCAN', key, cursor, 'MATCH', ARGV[4], 'COUNT', 1000)
        cursor = found[1]
        for _, x in ipairs(found[2]) do row[#row + 1] = x end
      until cursor == '0'
    end
    rows[#rows + 1] = row
  end
end
return { step[1], cjson.encode(rows) }`,
  },
} as const;
