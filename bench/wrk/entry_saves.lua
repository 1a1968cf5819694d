-- Saving report entries, shared by save_entry.lua and mix.lua: each save is of
-- one (trust, requirement) of the open period, with the version last seen for
-- it. OP_TARGETS lists "trust_id/requirement_id/version" (version 0: no entry
-- yet); OP_PERIOD is the period id. wrk's threads take disjoint shares of the
-- targets and cycle through them, skipping those with a save in flight, so two
-- saves never meet on one entry (which would answer 412, as it should).
local M = {}
M.__index = M

function M.new(thread_index, threads)
  local s = setmetatable({ targets = {}, versions = {}, in_flight = {}, counter = 0 }, M)
  local i = 0
  for pair in string.gmatch(os.getenv("OP_TARGETS") or "", "[^,]+") do
    if i % threads == thread_index then
      local trust, requirement, version = string.match(pair, "(%d+)/(%d+)/(%d+)")
      local key = trust .. "/" .. requirement
      table.insert(s.targets, key)
      if version ~= "0" then s.versions[key] = version end
    end
    i = i + 1
  end
  s.period = os.getenv("OP_PERIOD")
  s.cookie = os.getenv("OP_COOKIE")
  s.csrf = os.getenv("OP_CSRF")
  return s
end

function M:request()
  local pair
  for _ = 1, #self.targets do
    self.counter = self.counter + 1
    pair = self.targets[(self.counter % #self.targets) + 1]
    if not self.in_flight[pair] then break end
  end
  self.in_flight[pair] = true
  local trust, requirement = string.match(pair, "(%d+)/(%d+)")
  local body = '{"achievement":"partly","text":"Lastkjøring ' .. self.counter .. ': arbeidet går etter planen."'
  local version = self.versions[pair]
  if version then body = body .. ',"version":' .. version end
  body = body .. '}'
  return wrk.format("PUT", "/api/orgs/" .. trust .. "/reports/" .. self.period .. "/" .. requirement,
    { ["Cookie"] = self.cookie, ["X-CSRF-Token"] = self.csrf, ["Content-Type"] = "application/json" }, body)
end

function M:response(body)
  local requirement = string.match(body or "", '"requirement_id":(%d+)')
  local trust = string.match(body or "", '"org_id":(%d+)')
  local version = string.match(body or "", '"version":(%d+)')
  if requirement and trust then
    local key = trust .. "/" .. requirement
    self.in_flight[key] = nil
    if version then self.versions[key] = version end
  end
end

return M
