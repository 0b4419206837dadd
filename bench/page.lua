-- wrk script: GET a product page; a page that shows a component as unavailable answered 200 but is not the page, so
-- each one is counted and reported, and bench/run.sh fails on it as on any non-2xx answer.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unavailable = 0
end

-- A browser keeps the cookies a page sets (the rating form's antiforgery cookie) and sends them with its next view;
-- each wrk thread does the same, as one returning visitor.
local cookie = nil

request = function()
  if cookie then
    return wrk.format(nil, nil, { ["Cookie"] = cookie })
  end
  return wrk.format(nil, nil, {})
end

function response(status, headers, body)
  local set = headers["Set-Cookie"]
  if set and not cookie then
    cookie = string.match(set, "^([^;]+)")
  end
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
