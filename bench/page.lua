-- wrk script: GET a product page; a page that shows a component as unavailable answered 200 but is not the page, so
-- each one is counted and reported, and bench/run.sh fails on it as on any non-2xx answer.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unavailable = 0
end

function response(status, headers, body)
  if body and string.find(body, 'data-state="unavailable"', 1, true) then
    unavailable = unavailable + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unavailable")
  end
  if total > 0 then
    io.write(string.format("Unavailable components: %d pages\n", total))
  end
end
