-- wrk script: answer.lua (the answer QuickPoll.Client sends) for one of several load generators driving endpoint
-- instances that share one database. The argument after -- numbers this generator, so that no two generators send
-- the same Idempotency-Key (a key repeated on another instance would be answered as a retry and store nothing).
--   wrk ... -s bench/answer-instance.lua URL -- 2
dofile("bench/answer.lua")

local answer_init = init
function init(args)
  local instance = tonumber(args[1] or "0")
  thread_id = (thread_id or 0) + 16 * instance
  math.randomseed(os.time() * 64 + thread_id)
  if answer_init then answer_init(args) end
end
