#!/usr/bin/env bash
# Proxy overhead in one run, all on loopback: the backend directly, plain YARP (same version, no auth), the gateway on
# an anonymous route, and the gateway on a route that needs an ES256 JWT. Prints requests/s and p99 for each, the
# ratios to plain YARP, and the gateway's peak resident memory (VmHWM).
#   benchmarks/proxy-overhead.sh            DURATION=20s ROUNDS=5 CONNECTIONS=64 benchmarks/proxy-overhead.sh
#   GATEWAY_ENV="env DOTNET_gcServer=0" benchmarks/proxy-overhead.sh   (to try runtime settings on the gateway)
#   BASELINE_GATEWAY_DLL=../before/src/Gateway/bin/Release/net10.0/gateway.dll benchmarks/proxy-overhead.sh
#       (another build of the gateway, measured in the same rounds: before vs after a change)
#   GATEWAY_DLL=PATH/gateway.dll benchmarks/proxy-overhead.sh      (a given build instead of building src/Gateway)
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND_PORT=${BACKEND_PORT:-18180}
YARP_PORT=${YARP_PORT:-18181}
GATEWAY_PORT=${GATEWAY_PORT:-18182}
BASELINE_PORT=${BASELINE_PORT:-18183}

# shellcheck source=benchmarks/wrk-common.sh
source benchmarks/wrk-common.sh
require_tools wrk nginx

gateway_dll=${GATEWAY_DLL:-src/Gateway/bin/Release/net10.0/gateway.dll}
baseline_dll=${BASELINE_GATEWAY_DLL:-}
[ -n "${GATEWAY_DLL:-}" ] || dotnet build src/Gateway -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/PlainYarp -c Release -v quiet -nologo >/dev/null
for dll in "$gateway_dll" ${baseline_dll:+"$baseline_dll"}; do
  [ -f "$dll" ] || { echo "$dll does not exist: build that gateway first (dotnet build src/Gateway -c Release)"; exit 1; }
done

start_nginx_backend "$BACKEND_PORT"

dotnet benchmarks/PlainYarp/bin/Release/net10.0/PlainYarp.dll --urls "http://127.0.0.1:$YARP_PORT" --backend "http://127.0.0.1:$BACKEND_PORT/" &
pids+=($!)

# Starts a gateway build on a port, with a configuration and data directory of its own; its pid is in $started_pid.
start_gateway() {
  local name=$1 dll=$2 port=$3
  mkdir -p "$work/$name"
  cat >"$work/$name/gateway.json" <<CONF
{
  "Gateway": {
    "PublicOrigin": "http://localhost:$port",
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
  ${GATEWAY_ENV:-} dotnet "$dll" --config "$work/$name/gateway.json" --urls "http://127.0.0.1:$port" >"$work/$name/gateway.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
}

# An access token for the JWT route from the build's own `token issue`, checked against its route.
issue_token() {
  local name=$1 dll=$2 port=$3 token status
  token=$(dotnet "$dll" token issue --config "$work/$name/gateway.json" --sub bench --lifetime 02:00:00)
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/x")
  [ "$status" = 200 ] || { echo "the JWT route of $name answered $status" >&2; exit 1; }
  echo "$token"
}

start_gateway gateway "$gateway_dll" "$GATEWAY_PORT"
gateway_pid=$started_pid
if [ -n "$baseline_dll" ]; then
  start_gateway baseline "$baseline_dll" "$BASELINE_PORT"
  baseline_pid=$started_pid
fi

wait_for "http://127.0.0.1:$BACKEND_PORT/"
wait_for "http://127.0.0.1:$YARP_PORT/"
wait_for "http://127.0.0.1:$GATEWAY_PORT/healthz"

token=$(issue_token gateway "$gateway_dll" "$GATEWAY_PORT")
auth=(-H "Authorization: Bearer $token")
if [ -n "$baseline_dll" ]; then
  wait_for "http://127.0.0.1:$BASELINE_PORT/healthz"
  token=$(issue_token baseline "$baseline_dll" "$BASELINE_PORT")
  baseline_auth=(-H "Authorization: Bearer $token")
fi

# Warm every target first, so no target is measured colder than another: tiered JIT with dynamic PGO took ~40 s of
# load here before a fresh gateway reached its steady rate (3.5k → 15k requests/s).
for url in "http://127.0.0.1:$YARP_PORT/x" "http://127.0.0.1:$GATEWAY_PORT/public/x"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "http://127.0.0.1:$GATEWAY_PORT/x" >/dev/null
if [ -n "$baseline_dll" ]; then
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$BASELINE_PORT/public/x" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${baseline_auth[@]}" "http://127.0.0.1:$BASELINE_PORT/x" >/dev/null
fi

# One gateway's two routes: requests/s and p99 of the anonymous route, then of the JWT route (with the given header).
measure_gateway() {
  local port=$1 anon jwt; shift
  anon=$(measure "http://127.0.0.1:$port/public/x")
  jwt=$(measure "http://127.0.0.1:$port/x" "$@")
  echo "$anon $jwt"
}

# Rounds interleave the targets, so a slow moment of the shared machine hits all of them; the ratios are taken per
# round and the median round is reported. With a baseline build, the two builds take turns going first.
rounds_file="$work/rounds"
for round in $(seq 1 "$ROUNDS"); do
  read -r direct_rps direct_p99 < <(measure "http://127.0.0.1:$BACKEND_PORT/x")
  read -r yarp_rps yarp_p99 < <(measure "http://127.0.0.1:$YARP_PORT/x")
  baseline=
  if [ -n "$baseline_dll" ] && [ $((round % 2)) = 0 ]; then baseline=$(measure_gateway "$BASELINE_PORT" "${baseline_auth[@]}"); fi
  current=$(measure_gateway "$GATEWAY_PORT" "${auth[@]}")
  read -r anon_rps anon_p99 jwt_rps jwt_p99 <<<"$current"
  if [ -n "$baseline_dll" ] && [ $((round % 2)) = 1 ]; then baseline=$(measure_gateway "$BASELINE_PORT" "${baseline_auth[@]}"); fi
  line="$round $direct_rps $direct_p99 $yarp_rps $yarp_p99 $anon_rps $anon_p99 $jwt_rps $jwt_p99 $(ratio "$anon_rps" "$yarp_rps") $(ratio "$jwt_rps" "$yarp_rps")"
  progress="round $round: YARP $yarp_rps/s, anonymous $anon_rps/s, JWT $jwt_rps/s"
  if [ -n "$baseline" ]; then
    read -r base_anon_rps _ base_jwt_rps _ <<<"$baseline"
    # Columns 12-19: the baseline's figures, its ratios to YARP, and the gateway's ratios to it.
    line+=" $baseline $(ratio "$base_anon_rps" "$yarp_rps") $(ratio "$base_jwt_rps" "$yarp_rps") $(ratio "$anon_rps" "$base_anon_rps") $(ratio "$jwt_rps" "$base_jwt_rps")"
    progress+="; baseline anonymous $base_anon_rps/s, JWT $base_jwt_rps/s"
  fi
  echo "$line" >>"$rounds_file"
  echo "$progress" >&2
done
rss_kib=$(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status")
anon_ratio=$(awk '{print $10}' "$rounds_file" | median)
jwt_ratio=$(awk '{print $11}' "$rounds_file" | median)
# The round whose JWT ratio is the median supplies the table's absolute figures.
read -r _ direct_rps direct_p99 yarp_rps yarp_p99 anon_rps anon_p99 jwt_rps jwt_p99 _ _ base_anon_rps base_anon_p99 base_jwt_rps base_jwt_p99 _ < <(awk -v r="$jwt_ratio" '$11 == r' "$rounds_file" | head -1)

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION per target, $ROUNDS interleaved rounds (median), $(nproc) cores, everything on this machine"
printf "%-26s %12s %10s %10s\n" "target" "requests/s" "p99" "vs YARP"
printf "%-26s %12s %10s %10s\n" "backend directly (nginx)" "$direct_rps" "$direct_p99" "-"
printf "%-26s %12s %10s %10s\n" "plain YARP" "$yarp_rps" "$yarp_p99" "1.00"
printf "%-26s %12s %10s %10s\n" "gateway, anonymous route" "$anon_rps" "$anon_p99" "$anon_ratio"
printf "%-26s %12s %10s %10s\n" "gateway, ES256 JWT route" "$jwt_rps" "$jwt_p99" "$jwt_ratio"
if [ -n "$baseline_dll" ]; then
  printf "%-26s %12s %10s %10s\n" "baseline, anonymous route" "$base_anon_rps" "$base_anon_p99" "$(awk '{print $16}' "$rounds_file" | median)"
  printf "%-26s %12s %10s %10s\n" "baseline, ES256 JWT route" "$base_jwt_rps" "$base_jwt_p99" "$(awk '{print $17}' "$rounds_file" | median)"
fi
echo "gateway peak RSS: $((rss_kib / 1024)) MiB"
if [ -n "$baseline_dll" ]; then
  echo "baseline peak RSS: $(($(awk '/VmHWM/ {print $2}' "/proc/$baseline_pid/status") / 1024)) MiB"
  echo "gateway vs baseline requests/s, median of the per-round ratios: anonymous $(awk '{print $18}' "$rounds_file" | median), JWT $(awk '{print $19}' "$rounds_file" | median)"
  echo "  per round (anonymous JWT): $(awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $18, $19}' "$rounds_file")"
  echo "  gateway: $gateway_dll; baseline: $baseline_dll"
fi
