-- wrk script: POST the answer QuickPoll.Client sends for a star rating on a product page: a fresh Idempotency-Key per
-- answer, the visitor's id (20 thousand visitors, so some answers replace an earlier one), the context tags and the
-- page path, spread over 100 products and all five scores.
wrk.method = "POST"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0
local segments = { "returning", "first-time", "b2b", "returning" }
local stages = { "discovery", "purchase", "use", "after-purchase" }
local touchpoints = { "product-page", "checkout", "order-email" }
local locales = { "en-GB", "pl-PL" }

request = function()
  counter = counter + 1
  local id = thread_id or 0
  local product = (counter * 7 + id) % 100
  -- 22 URL-safe characters, as VisitorIds.New() makes them.
  local visitor = string.format("visitor%015d", (counter * 7919 + id * 104729) % 20000)
  local body = string.format(
    '{"target":"product-%d","score":%d,"kind":"stars","orderToken":null,"visitorId":"%s","segment":"%s",' ..
    '"journeyStage":"%s","touchpoint":"%s","locale":"%s","pagePath":"/products/product-%d"}',
    product, counter % 5 + 1, visitor, segments[counter % 4 + 1], stages[math.floor(counter / 3) % 4 + 1],
    touchpoints[counter % 3 + 1], locales[counter % 2 + 1], product)
  -- wrk.format takes these headers instead of wrk.headers, not besides them.
  local headers = { ["Content-Type"] = "application/json; charset=utf-8", ["Idempotency-Key"] = string.format("%d-%d-%08x", id, counter, math.random(0, 0x7fffffff)) }
  return wrk.format(nil, "/api/v1/answers", headers, body)
end
