-- Saving report entries: each request saves one (trust, requirement) of the
-- open period with the version last seen for it. OP_TARGETS lists
-- "trust_id/requirement_id/version" (version 0: no entry yet); OP_PERIOD is
-- the period id. wrk's threads take disjoint shares of the targets and cycle
-- through them, skipping those with a save in flight, so two saves never meet
-- on one entry (which would answer 412, as it should).
local thread_no = 0
function setup(thread)
  thread:set("thread_index", thread_no)
  thread_no = thread_no + 1
end

local targets = {}
local versions = {}
local in_flight = {}
local counter = 0
local period, cookie, csrf

function init(args)
  local threads = tonumber(os.getenv("OP_THREADS") or "1")
  local i = 0
  for pair in string.gmatch(os.getenv("OP_TARGETS") or "", "[^,]+") do
    if i % threads == (thread_index or 0) then
      local trust, requirement, version = string.match(pair, "(%d+)/(%d+)/(%d+)")
      local key = trust .. "/" .. requirement
      table.insert(targets, key)
      if version ~= "0" then versions[key] = version end
    end
    i = i + 1
  end
  period = os.getenv("OP_PERIOD")
  cookie = os.getenv("OP_COOKIE")
  csrf = os.getenv("OP_CSRF")
end

function request()
  local pair
  for _ = 1, #targets do
    counter = counter + 1
    pair = targets[(counter % #targets) + 1]
    if not in_flight[pair] then break end
  end
  in_flight[pair] = true
  local trust, requirement = string.match(pair, "(%d+)/(%d+)")
  local body = '{"achievement":"partly","text":"Lastkjøring ' .. counter .. ': arbeidet går etter planen."'
  local version = versions[pair]
  if version then body = body .. ',"version":' .. version end
  body = body .. '}'
  return wrk.format("PUT", "/api/orgs/" .. trust .. "/reports/" .. period .. "/" .. requirement,
    { ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  local requirement = string.match(body or "", '"requirement_id":(%d+)')
  local trust = string.match(body or "", '"org_id":(%d+)')
  local version = string.match(body or "", '"version":(%d+)')
  if requirement and trust then
    local key = trust .. "/" .. requirement
    in_flight[key] = nil
    if version then versions[key] = version end
  end
end
