-- wrk script: the same POST as answer.lua (the same headers and a body of the same size), sent to the do-nothing
-- endpoint (the ceiling).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.headers["Idempotency-Key"] = "1-1-0000abcd"
local body = '{"target":"product-1","score":4,"kind":"stars","orderToken":null,"visitorId":"visitor000000000042","segment":"returning",' ..
  '"journeyStage":"purchase","touchpoint":"product-page","locale":"pl-PL","pagePath":"/products/product-1"}'
request = function()
  return wrk.format(nil, "/noop", nil, body)
end
