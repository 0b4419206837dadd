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
trap 'stop_server; rm -rf "$work"' EXIT

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
