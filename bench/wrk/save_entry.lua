-- Saving report entries, repeated (see entry_saves.lua for how they are chosen).
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or ".")
package.path = dir .. "/?.lua;" .. package.path
local entry_saves = require("entry_saves")

local thread_no = 0
function setup(thread)
  thread:set("thread_index", thread_no)
  thread_no = thread_no + 1
end

local saves
function init(args)
  saves = entry_saves.new(thread_index or 0, tonumber(os.getenv("OP_THREADS") or "1"))
end

function request() return saves:request() end
function response(status, headers, body) saves:response(body) end
