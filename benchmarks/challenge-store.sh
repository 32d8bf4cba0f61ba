#!/usr/bin/env bash
# Challenge issue+consume pairs per second through the Redis challenge store at 1, 16 and 64 concurrent callers,
# next to `redis-benchmark -P 16 -t set,get` against the same private redis-server in the same run (issue 4:
# target ≥ 50% of redis-benchmark's pipelined rate at 64 callers).
#
# The ratio compares like with like: a pair is two commands (SET NX + GETDEL), so redis-benchmark's rate is turned
# into SET+GET pairs per second, 1 / (1/SET + 1/GET), before dividing. "raw" rows are StackExchange.Redis alone
# (the same two commands, no challenge work): the ceiling any store on this client reaches on this machine.
#
#   ./benchmarks/challenge-store.sh            SECONDS_PER_RUN=10 ./benchmarks/challenge-store.sh
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${SECONDS_PER_RUN:-5}
for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install redis-server"; exit 1; }
done

echo "Building benchmarks/ChallengeStoreThroughput (Release)..."
dotnet build benchmarks/ChallengeStoreThroughput -c Release -nologo -v quiet >/dev/null

# A port nobody answers on, for a private server without persistence.
port=$((20000 + RANDOM % 20000))
while redis-cli -p "$port" ping >/dev/null 2>&1; do port=$((port + 1)); done
work=$(mktemp -d)
redis-server --save "" --appendonly no --port "$port" --bind 127.0.0.1 --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$port" ping >/dev/null || { cat "$work/redis.log"; exit 1; }

echo "redis-server $(redis-server --version | grep -oE 'v=[0-9.]+' | cut -c3-) on 127.0.0.1:$port, $(nproc) cores"
echo
echo "$ redis-benchmark -p $port -P 16 -t set,get -q -n 200000"
redis-benchmark -h 127.0.0.1 -p "$port" -P 16 -t set,get -q -n 200000 | tr '\r' '\n' | grep "requests per second" | tee "$work/redis-benchmark.txt"
set_rps=$(awk -F'[: ]+' '/^SET/ {print $2}' "$work/redis-benchmark.txt")
get_rps=$(awk -F'[: ]+' '/^GET/ {print $2}' "$work/redis-benchmark.txt")
redis-cli -p "$port" flushall >/dev/null

echo
echo "$ ChallengeStoreThroughput --redis 127.0.0.1:$port --seconds $seconds"
dotnet benchmarks/ChallengeStoreThroughput/bin/Release/net10.0/ChallengeStoreThroughput.dll \
  --redis "127.0.0.1:$port" --seconds "$seconds" | tee "$work/store.txt"

echo
awk -v set="$set_rps" -v get="$get_rps" '
  BEGIN {
    pair = 1 / (1 / set + 1 / get)
    printf "redis-benchmark -P 16: SET %.0f/s, GET %.0f/s = %.0f SET+GET pairs/s\n", set, get, pair
  }
  /^client=/ {
    split($1, k, "="); split($2, c, "="); split($5, r, "=")
    printf "%-5s %2d callers: %8.0f pairs/s = %5.1f%% of redis-benchmark'\''s pipelined pair rate\n", k[2], c[2], r[2], 100 * r[2] / pair
    if (k[2] == "store" && c[2] == 64) at64 = 100 * r[2] / pair
  }
  END { if (at64 != "") printf "target for the store at 64 callers, >= 50%%: %s\n", (at64 >= 50 ? "met" : "not met") }
' "$work/store.txt"
