#!/usr/bin/env bash
# Proxy overhead in one run, all on loopback: the backend directly, plain YARP (same version, no auth), the gateway on
# an anonymous route, and the gateway on a route that needs an ES256 JWT. Prints requests/s and p99 for each, the
# ratios to plain YARP, and the gateway's peak resident memory (VmHWM).
#   benchmarks/proxy-overhead.sh            DURATION=20s ROUNDS=5 CONNECTIONS=64 benchmarks/proxy-overhead.sh
#   GATEWAY_ENV="env DOTNET_gcServer=0" benchmarks/proxy-overhead.sh   (to try runtime settings on the gateway)
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND_PORT=${BACKEND_PORT:-18180}
YARP_PORT=${YARP_PORT:-18181}
GATEWAY_PORT=${GATEWAY_PORT:-18182}

# shellcheck source=benchmarks/wrk-common.sh
source benchmarks/wrk-common.sh
require_tools wrk nginx

dotnet build src/Gateway -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/PlainYarp -c Release -v quiet -nologo >/dev/null

start_nginx_backend "$BACKEND_PORT"

dotnet benchmarks/PlainYarp/bin/Release/net10.0/PlainYarp.dll --urls "http://127.0.0.1:$YARP_PORT" --backend "http://127.0.0.1:$BACKEND_PORT/" &
pids+=($!)

cat >"$work/gateway.json" <<CONF
{
  "Gateway": {
    "PublicOrigin": "http://localhost:$GATEWAY_PORT",
    "Session": { "Secure": false },
    "DataDirectory": "data"
  },
  "ReverseProxy": {
    "Routes": {
      "anonymous": { "ClusterId": "backend", "AuthorizationPolicy": "anonymous", "Match": { "Path": "/public/{**rest}" } },
      "protected": { "ClusterId": "backend", "Match": { "Path": "/{**rest}" } }
    },
    "Clusters": { "backend": { "Destinations": { "one": { "Address": "http://127.0.0.1:$BACKEND_PORT/" } } } }
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
CONF
gateway_dll=src/Gateway/bin/Release/net10.0/gateway.dll
${GATEWAY_ENV:-} dotnet "$gateway_dll" --config "$work/gateway.json" --urls "http://127.0.0.1:$GATEWAY_PORT" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)

wait_for "http://127.0.0.1:$BACKEND_PORT/"
wait_for "http://127.0.0.1:$YARP_PORT/"
wait_for "http://127.0.0.1:$GATEWAY_PORT/healthz"

token=$(dotnet "$gateway_dll" token issue --config "$work/gateway.json" --sub bench --lifetime 02:00:00)
auth=(-H "Authorization: Bearer $token")
status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "http://127.0.0.1:$GATEWAY_PORT/x")
[ "$status" = 200 ] || { echo "the JWT route answered $status"; exit 1; }

# Warm every target first, so no target is measured colder than another: tiered JIT with dynamic PGO took ~40 s of
# load here before a fresh gateway reached its steady rate (3.5k → 15k requests/s).
for url in "http://127.0.0.1:$YARP_PORT/x" "http://127.0.0.1:$GATEWAY_PORT/public/x"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "http://127.0.0.1:$GATEWAY_PORT/x" >/dev/null

# Rounds interleave the targets, so a slow moment of the shared machine hits all of them; the ratios are taken per
# round and the median round is reported.
rounds_file="$work/rounds"
for round in $(seq 1 "$ROUNDS"); do
  read -r direct_rps direct_p99 < <(measure "http://127.0.0.1:$BACKEND_PORT/x")
  read -r yarp_rps yarp_p99 < <(measure "http://127.0.0.1:$YARP_PORT/x")
  read -r anon_rps anon_p99 < <(measure "http://127.0.0.1:$GATEWAY_PORT/public/x")
  read -r jwt_rps jwt_p99 < <(measure "http://127.0.0.1:$GATEWAY_PORT/x" "${auth[@]}")
  echo "$round $direct_rps $direct_p99 $yarp_rps $yarp_p99 $anon_rps $anon_p99 $jwt_rps $jwt_p99 $(ratio "$anon_rps" "$yarp_rps") $(ratio "$jwt_rps" "$yarp_rps")" >>"$rounds_file"
  echo "round $round: YARP $yarp_rps/s, anonymous $anon_rps/s, JWT $jwt_rps/s" >&2
done
rss_kib=$(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status")
anon_ratio=$(awk '{print $10}' "$rounds_file" | median)
jwt_ratio=$(awk '{print $11}' "$rounds_file" | median)
# The round whose JWT ratio is the median supplies the table's absolute figures.
read -r _ direct_rps direct_p99 yarp_rps yarp_p99 anon_rps anon_p99 jwt_rps jwt_p99 _ _ < <(awk -v r="$jwt_ratio" '$11 == r' "$rounds_file" | head -1)

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION per target, $ROUNDS interleaved rounds (median), $(nproc) cores, everything on this machine"
printf "%-26s %12s %10s %10s\n" "target" "requests/s" "p99" "vs YARP"
printf "%-26s %12s %10s %10s\n" "backend directly (nginx)" "$direct_rps" "$direct_p99" "-"
printf "%-26s %12s %10s %10s\n" "plain YARP" "$yarp_rps" "$yarp_p99" "1.00"
printf "%-26s %12s %10s %10s\n" "gateway, anonymous route" "$anon_rps" "$anon_p99" "$anon_ratio"
printf "%-26s %12s %10s %10s\n" "gateway, ES256 JWT route" "$jwt_rps" "$jwt_p99" "$jwt_ratio"
echo "gateway peak RSS: $((rss_kib / 1024)) MiB"
