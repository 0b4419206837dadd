-- wrk script: POST one star rating per request, spread over 100 products and all five scores.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"target":"product-%d","score":%d}', counter % 100, counter % 5 + 1)
  return wrk.format(nil, "/api/v1/answers", nil, body)
end
