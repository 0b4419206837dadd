-- wrk script: the same POST shape as answer.lua, sent to the do-nothing endpoint (the ceiling).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, "/noop", nil, '{"target":"product-1","score":4}')
end
