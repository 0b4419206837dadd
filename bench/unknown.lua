-- wrk script: reads of targets nobody answered or reviewed, each one new, as a bot making up product ids would send
-- them: GET /api/v1/summaries?target=unknown-<n> (or /api/v1/comments with "comments" as the first argument after
-- --). The second argument is this run's first n, so that successive runs never repeat a target.
--   wrk ... -s bench/unknown.lua URL -- summaries 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local path = "/api/v1/summaries?target=unknown-"
local first = 0
function init(args)
  if args[1] == "comments" then path = "/api/v1/comments?target=unknown-review-" end
  first = tonumber(args[2] or "0")
end

-- n = first + counter * 16 + thread: distinct across threads (at most 16) and across runs that start past the last n.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", path .. (first + counter * 16 + (thread_id or 0)))
end
