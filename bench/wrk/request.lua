-- One operation of the load run, repeated: the method, path, session cookie,
-- CSRF token and body come from the environment (bench/run.mjs sets them).
wrk.method = os.getenv("OP_METHOD") or "GET"
wrk.path = os.getenv("OP_PATH") or "/"
wrk.headers["Cookie"] = os.getenv("OP_COOKIE")
local csrf = os.getenv("OP_CSRF")
if csrf and csrf ~= "" then wrk.headers["X-CSRF-Token"] = csrf end
local body = os.getenv("OP_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
