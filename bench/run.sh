#!/usr/bin/env bash
# The QuickPoll benchmark, one command: bash bench/run.sh
# Drives the real collection endpoint over loopback with wrk and, in the same run on the same machine, a
# do-nothing minimal-API endpoint (the ceiling), and a static server-rendered product page with QuickPoll's components
# against the same page without them; reports each figure as a ratio to its ceiling.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
port=${BENCH_PORT:-5099}
url="http://127.0.0.1:$port"

if ! command -v wrk >/dev/null; then
    sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null
fi

dotnet build bench/QuickPoll.Bench -c Release --nologo -v quiet >/dev/null
work="$(mktemp -d)"
server_pid=""
stop_server() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=""; }
# The PostgreSQL scenario's two endpoint instances and its throwaway database server.
instance_pids=()
postgres_dir=""
stop_instances() {
    local pid
    for pid in "${instance_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    instance_pids=()
    [[ -z "$postgres_dir" ]] || bash eng/postgres.sh stop "$postgres_dir"
    postgres_dir=""
}
trap 'stop_server; stop_instances; rm -rf "$work"' EXIT

start_server() {
    dotnet bench/QuickPoll.Bench/bin/Release/net10.0/QuickPoll.Bench.dll --urls "$url" --database "$work/bench.db" "$@" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        curl -fs "$url/noop" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    cat "$work/server.log" >&2; exit 1
}

# The page scenario's product: 10 published reviews and 10 ratings, through the API as visitors send them.
product=bench-product
seed_product() {
    local i token
    for i in $(seq 1 10); do
        token="$(curl -sS --fail-with-body "$url/api/v1/comments/form?target=$product" | sed -n 's/.*"formToken":"\([^"]*\)".*/\1/p')"
        curl -sS --fail-with-body -o /dev/null -H 'Content-Type: application/json' \
            -d "{\"target\":\"$product\",\"text\":\"Review $i: a sturdy mug that keeps coffee warm.\",\"rating\":$(( i % 5 + 1 )),\"displayName\":\"Customer $i\",\"formToken\":\"$token\"}" \
            "$url/api/v1/comments"
        curl -sS --fail-with-body -o /dev/null -H 'Content-Type: application/json' \
            -d "{\"target\":\"$product\",\"score\":$(( i % 5 + 1 ))}" "$url/api/v1/answers"
    done
}

# A 200 page that shows "unavailable" would be measured as a success: the page must show every component loaded.
check_product_page() {
    local html loaded reviews
    html="$(curl -sS --fail-with-body "$url/product")"
    loaded="$(grep -o 'data-state="loaded"' <<<"$html" | wc -l)"
    reviews="$(grep -o '<li class="qp-review"' <<<"$html" | wc -l)"
    if (( loaded != 3 || reviews != 10 )); then
        echo "The product page shows $loaded of 3 components loaded and $reviews of 10 reviews ($1):" >&2
        echo "$html" >&2
        exit 1
    fi
}

# wrk's figures for one run: requests/s, p50 and p99 latency in ms.
measure() {
    local out
    # A short unmeasured run first: what is measured is the steady state, not the JIT compiling the scenario's code.
    wrk -t"$threads" -c"$connections" -d2s "$@" >/dev/null
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@")"
    local rps p50 p99
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    if grep -qE "Non-2xx|Unavailable components" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
    echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a/b }'; }

echo "Seeding 1 thousand and 1 million stored answers..." >&2
start_server --seed small=1000,big=1000000
curl -fs "$url/api/v1/summaries?target=small" >/dev/null

read -r get_rps get_p50 get_p99 < <(measure "$url/noop")
read -r small_rps small_p50 small_p99 < <(measure "$url/api/v1/summaries?target=small")
read -r big_rps big_p50 big_p99 < <(measure "$url/api/v1/summaries?target=big")
read -r post_rps post_p50 post_p99 < <(measure -s bench/noop-post.lua "$url")
read -r answer_rps answer_p50 answer_p99 < <(measure -s bench/answer.lua "$url")

seed_product
check_product_page "before the run"
read -r plain_rps plain_p50 plain_p99 < <(measure -s bench/page.lua "$url/product/plain")
read -r page_rps page_p50 page_p99 < <(measure -s bench/page.lua "$url/product")
check_product_page "after the run"
stop_server

# --- Memory: the server's working set after 1 million stored answers and 1 million reads of unknown targets. ---
# "After start-up" is a fresh process on the bench database (the 1,001,000 seeded answers and those the answer scenario
# stored), warmed with one summary read, before any load; a fresh process on an empty database is shown beside it, so a
# start-up that loaded stored data would show. VmRSS and its peak VmHWM come from /proc/<pid>/status.
unknown_summaries=${BENCH_UNKNOWN_READS:-1000000}
unknown_comments=${BENCH_UNKNOWN_COMMENTS:-250000}
rss_kib() { awk -v f="$1:" '$1==f {print $2}' "/proc/$server_pid/status"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k/1024 }'; }

# Reads of targets nobody answered, each n new, in 5 s runs of wrk until $2 have been answered: "count requests/s p99".
read_unknown() {
    local kind=$1 total=$2 count=0 run=0 out started p99=0 elapsed
    started=$(date +%s.%N)
    while (( count < total )); do
        out="$(wrk -t"$threads" -c"$connections" -d5s --latency -s bench/unknown.lua "$url" -- "$kind" $(( run * 100000000 )))"
        if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "wrk saw error responses or failed requests:" >&2; echo "$out" >&2; exit 1; fi
        count=$(( count + $(awk '/ requests in / {print $1}' <<<"$out") ))
        p99="$(awk -v a="$p99" -v b="$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")" 'BEGIN { printf "%.2f", (b > a ? b : a) }')"
        run=$(( run + 1 ))
    done
    elapsed="$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')"
    echo "$count $(awk -v n="$count" -v t="$elapsed" 'BEGIN { printf "%.2f", n/t }') $p99"
}

echo "Memory: start-up, answers, then 1 million reads of unknown targets..." >&2
start_server --database "$work/empty.db"
curl -fsS "$url/api/v1/summaries?target=big" >/dev/null
empty_kib="$(rss_kib VmRSS)"
stop_server
start_server
curl -fsS "$url/api/v1/summaries?target=big" >/dev/null
startup_kib="$(rss_kib VmRSS)"
read -r mem_answer_rps _ mem_answer_p99 < <(measure -s bench/answer.lua "$url")
answers_kib="$(rss_kib VmRSS)"
read -r unknown_count unknown_rps unknown_p99 < <(read_unknown summaries "$unknown_summaries")
summaries_kib="$(rss_kib VmRSS)"
read -r review_count review_rps review_p99 < <(read_unknown comments "$unknown_comments")
reviews_kib="$(rss_kib VmRSS)"
peak_kib="$(rss_kib VmHWM)"
stop_server
memory_ratio="$(ratio "$peak_kib" "$startup_kib")"
memory_verdict="$(awk -v r="$memory_ratio" 'BEGIN { print (r <= 2 ? "met" : "NOT met") }')"

# --- PostgreSQL: the realistic answer on two endpoint instances sharing one durable database. ---
# A throwaway PostgreSQL server of its own (fsync and synchronous_commit on: an answer is acknowledged only once its
# commit is on disk), two bench hosts on it, each driven by its own wrk with half the threads and connections; the
# ceiling is the do-nothing POST driven the same way in the same run.
postgres_port=${BENCH_POSTGRES_PORT:-$(( port + 50000 ))}
second_port=${BENCH_SECOND_PORT:-$(( port + 1 ))}
half_threads=$(( threads > 1 ? threads / 2 : 1 ))
half_connections=$(( connections > 1 ? connections / 2 : 1 ))
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
fi
psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"

start_instance() {
    dotnet bench/QuickPoll.Bench/bin/Release/net10.0/QuickPoll.Bench.dll --urls "http://127.0.0.1:$1" \
        --provider PostgreSql --connection-string "$postgres" >"$work/instance-$1.log" 2>&1 &
    instance_pids+=($!)
    for _ in $(seq 1 600); do
        curl -fs "http://127.0.0.1:$1/noop" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    cat "$work/instance-$1.log" >&2; exit 1
}

# Both instances at once, each by its own wrk: "requests/s p99-first p99-second" (the requests/s summed).
measure_pair() {
    local script=$1 first second
    wrk -t"$half_threads" -c"$half_connections" -d"$duration" --latency -s "$script" "http://127.0.0.1:$port" -- 1 >"$work/wrk-1.txt" &
    first=$!
    wrk -t"$half_threads" -c"$half_connections" -d"$duration" --latency -s "$script" "http://127.0.0.1:$second_port" -- 2 >"$work/wrk-2.txt" &
    second=$!
    wait "$first" "$second"
    if grep -qE "Non-2xx|Socket errors" "$work/wrk-1.txt" "$work/wrk-2.txt"; then
        echo "wrk saw error responses or failed requests:" >&2; cat "$work/wrk-1.txt" "$work/wrk-2.txt" >&2; exit 1
    fi
    echo "$(awk '/^Requests\/sec:/ {n += $2} END { printf "%.2f", n }' "$work/wrk-1.txt" "$work/wrk-2.txt")" \
        "$(to_ms "$(awk '$1=="99%" {print $2}' "$work/wrk-1.txt")")" "$(to_ms "$(awk '$1=="99%" {print $2}' "$work/wrk-2.txt")")"
}
pg_scalar() { "$psql_bin" -X -At -h 127.0.0.1 -p "$postgres_port" -U postgres -c "$1"; }

echo "PostgreSQL: two endpoint instances on one durable database..." >&2
postgres_dir="$(mktemp -d /tmp/quickpoll-bench-postgres.XXXXXX)"
postgres="$(QUICKPOLL_POSTGRES_DURABLE=1 bash eng/postgres.sh start "$postgres_dir" "$postgres_port" 2>"$work/postgres.log")" \
    || { cat "$work/postgres.log" >&2; exit 1; }
postgres_settings="fsync=$(pg_scalar "SHOW fsync"), synchronous_commit=$(pg_scalar "SHOW synchronous_commit"), PostgreSQL $(pg_scalar "SHOW server_version" | cut -d' ' -f1)"
start_instance "$port"
start_instance "$second_port"
# Warm-up: each instance's first answers (JIT, the writer's connection).
wrk -t1 -c4 -d2s -s bench/answer-instance.lua "http://127.0.0.1:$port" -- 3 >/dev/null
wrk -t1 -c4 -d2s -s bench/answer-instance.lua "http://127.0.0.1:$second_port" -- 4 >/dev/null
read -r pair_post_rps pair_post_p99a pair_post_p99b < <(measure_pair bench/noop-post.lua)
receipts_before="$(pg_scalar "SELECT count(*) FROM idempotency_receipts")"
commits_before="$(pg_scalar "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")"
read -r pair_answer_rps pair_answer_p99a pair_answer_p99b < <(measure_pair bench/answer-instance.lua)
answers_per_commit="$(awk -v r="$(( $(pg_scalar "SELECT count(*) FROM idempotency_receipts") - receipts_before ))" \
    -v c="$(( $(pg_scalar "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()") - commits_before ))" \
    'BEGIN { printf "%.1f", r / c }')"
stop_instances

cat <<TABLE
| what (wrk, $threads threads, $connections connections, $duration) | requests/s | p50 ms | p99 ms | ratio to ceiling |
|---|---:|---:|---:|---:|
| ceiling: GET do-nothing endpoint | $get_rps | $get_p50 | $get_p99 | 1.00 |
| GET summary, 1 thousand stored answers | $small_rps | $small_p50 | $small_p99 | $(ratio "$small_rps" "$get_rps") |
| GET summary, 1 million stored answers | $big_rps | $big_p50 | $big_p99 | $(ratio "$big_rps" "$get_rps") |
| ceiling: POST do-nothing endpoint | $post_rps | $post_p50 | $post_p99 | 1.00 |
| POST answer as QuickPoll.Client sends it (key, visitor, context; durable) | $answer_rps | $answer_p50 | $answer_p99 | $(ratio "$answer_rps" "$post_rps") |
| ceiling: GET product page without QuickPoll (static SSR) | $plain_rps | $plain_p50 | $plain_p99 | 1.00 |
| GET product page with RatingSummary, StarRating, ReviewList (10 reviews), ReviewPolicy | $page_rps | $page_p50 | $page_p99 | $(ratio "$page_rps" "$plain_rps") |

Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), .NET $(dotnet --version), $(date -u +%Y-%m-%d).
TABLE

cat <<TABLE

| memory: working set of the server process (VmRSS) | MiB | ratio to start-up |
|---|---:|---:|
| start-up on an empty database, warmed with one summary read | $(mib "$empty_kib") | |
| start-up on the bench database (1,001,000 seeded answers and the answer scenario's), warmed with one summary read | $(mib "$startup_kib") | 1.00 |
| after $duration of answers as QuickPoll.Client sends them ($mem_answer_rps/s, p99 $mem_answer_p99 ms) | $(mib "$answers_kib") | $(ratio "$answers_kib" "$startup_kib") |
| after $unknown_count GET summaries of distinct unknown targets ($unknown_rps/s, p99 up to $unknown_p99 ms) | $(mib "$summaries_kib") | $(ratio "$summaries_kib" "$startup_kib") |
| after $review_count GET comments of distinct unknown targets ($review_rps/s, p99 up to $review_p99 ms) | $(mib "$reviews_kib") | $(ratio "$reviews_kib" "$startup_kib") |
| peak over the whole run (VmHWM) | $(mib "$peak_kib") | $memory_ratio |

Memory target (peak within twice the start-up): $memory_verdict.

| PostgreSQL, two endpoint instances on one database ($postgres_settings; 2 wrk, each $half_threads threads, $half_connections connections, $duration) | requests/s (both) | p99 ms (first, second) | ratio to ceiling |
|---|---:|---:|---:|
| ceiling: POST do-nothing endpoint, both instances | $pair_post_rps | $pair_post_p99a, $pair_post_p99b | 1.00 |
| POST answer as QuickPoll.Client sends it (durable; $answers_per_commit answers per commit) | $pair_answer_rps | $pair_answer_p99a, $pair_answer_p99b | $(ratio "$pair_answer_rps" "$pair_post_rps") |
TABLE
