#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests, on 127.0.0.1 and a port and socket
# directory of its own. The machine's own cluster is never touched.
#   eng/postgres.sh start DIR PORT   -> prints the connection string for QUICKPOLL_TEST_POSTGRES
#   eng/postgres.sh stop DIR
# Tests run it with fsync=off (a throwaway database need not survive a power cut). QUICKPOLL_POSTGRES_DURABLE=1 starts
# it as a production server runs, every commit flushed to disk before it returns (fsync and synchronous_commit on):
# the benchmark measures durable answers.
set -euo pipefail

command=${1:?start or stop}
dir=${2:?data directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n "$bin" ]] || { echo "eng/postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_postgres() {
    if [[ $(id -un) == postgres ]]; then "$@"
    elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"
    else "$@"; fi
}

case "$command" in
start)
    port=${3:?port}
    mkdir -p "$dir"
    durability="-c fsync=off"
    [[ ${QUICKPOLL_POSTGRES_DURABLE:-0} == 1 ]] && durability="-c fsync=on -c synchronous_commit=on"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir $durability -c max_connections=200" start >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
    ;;
stop)
    [[ -d "$dir/data" ]] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: eng/postgres.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
