#!/usr/bin/env bash
# Forward-auth decisions beside the proxy path, in one run, on loopback: the gateway answering /.auth/verify for a
# request described by Traefik-style headers with a cached ES256 JWT, and the gateway proxying the same request (same
# token, same route) to an nginx backend. Prints requests/s and p99 of each and their ratio (median of interleaved rounds).
#   benchmarks/forward-auth.sh            DURATION=20s ROUNDS=5 CONNECTIONS=64 benchmarks/forward-auth.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND_PORT=${BACKEND_PORT:-18190}
GATEWAY_PORT=${GATEWAY_PORT:-18192}

# shellcheck source=benchmarks/wrk-common.sh
source benchmarks/wrk-common.sh
require_tools wrk nginx

dotnet build src/Gateway -c Release -v quiet -nologo >/dev/null

start_nginx_backend "$BACKEND_PORT"

cat >"$work/gateway.json" <<CONF
{
  "Gateway": {
    "PublicOrigin": "http://localhost:$GATEWAY_PORT",
    "Session": { "Secure": false },
    "DataDirectory": "data",
    "TrustedProxies": [ "127.0.0.1" ]
  },
  "ReverseProxy": {
    "Routes": { "protected": { "ClusterId": "backend", "Match": { "Path": "/{**rest}" } } },
    "Clusters": { "backend": { "Destinations": { "one": { "Address": "http://127.0.0.1:$BACKEND_PORT/" } } } }
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
CONF
gateway_dll=src/Gateway/bin/Release/net10.0/gateway.dll
dotnet "$gateway_dll" --config "$work/gateway.json" --urls "http://127.0.0.1:$GATEWAY_PORT" >"$work/gateway.log" 2>&1 &
pids+=($!)

wait_for "http://127.0.0.1:$BACKEND_PORT/"
wait_for "http://127.0.0.1:$GATEWAY_PORT/healthz"

token=$(dotnet "$gateway_dll" token issue --config "$work/gateway.json" --sub bench --lifetime 02:00:00)
auth=(-H "Authorization: Bearer $token")
verify=("${auth[@]}" -H "X-Forwarded-Method: GET" -H "X-Forwarded-Proto: http" -H "X-Forwarded-Host: localhost:$GATEWAY_PORT" -H "X-Forwarded-Uri: /orders/42?view=full")
proxied_url="http://127.0.0.1:$GATEWAY_PORT/orders/42?view=full"
verify_url="http://127.0.0.1:$GATEWAY_PORT/.auth/verify"
for check in "$proxied_url" "$verify_url"; do
  args=("${auth[@]}")
  [ "$check" = "$verify_url" ] && args=("${verify[@]}")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "$check")
  [ "$status" = 200 ] || { echo "$check answered $status"; exit 1; }
done

wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$proxied_url" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${verify[@]}" "$verify_url" >/dev/null

rounds_file="$work/rounds"
for round in $(seq 1 "$ROUNDS"); do
  read -r proxied_rps proxied_p99 < <(measure "$proxied_url" "${auth[@]}")
  read -r verify_rps verify_p99 < <(measure "$verify_url" "${verify[@]}")
  echo "$round $proxied_rps $proxied_p99 $verify_rps $verify_p99 $(ratio "$verify_rps" "$proxied_rps")" >>"$rounds_file"
  echo "round $round: proxied $proxied_rps/s, forward-auth decisions $verify_rps/s" >&2
done
verify_ratio=$(awk '{print $6}' "$rounds_file" | median)
read -r _ proxied_rps proxied_p99 verify_rps verify_p99 _ < <(awk -v r="$verify_ratio" '$6 == r' "$rounds_file" | head -1)

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION per target, $ROUNDS interleaved rounds (median), $(nproc) cores, everything on this machine"
printf "%-38s %12s %10s %12s\n" "target (ES256 JWT, cached)" "requests/s" "p99" "vs proxied"
printf "%-38s %12s %10s %12s\n" "gateway proxying to nginx" "$proxied_rps" "$proxied_p99" "1.00"
printf "%-38s %12s %10s %12s\n" "gateway answering /.auth/verify" "$verify_rps" "$verify_p99" "$verify_ratio"
