#!/usr/bin/env bash
# What acknowledged revocations cost a revoking call: with 1, 2 and 4 replicas (gateway processes sharing one
# redis-server and one PostgreSQL database, as docs/replicas.md runs them), the answer time of POST /.auth/logout on
# replica 1, which waits until every other live replica acknowledged the revocation. p50/p90/p99/max per replica
# count, one caller at a time and with concurrent callers, with the core count and load average; and a correctness
# count: every logout 204, and every 50th token refused by the other replicas right after.
#
#   benchmarks/revocation-latency.sh            REPLICAS=1,2,4 LOGOUTS=500 CALLERS=4 benchmarks/revocation-latency.sh
#   benchmarks/revocation-latency.sh --gateway PATH/gateway.dll      (RevocationLatency options, e.g. another build)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/install-missing.sh
source benchmarks/install-missing.sh
install_missing redis-server postgresql

echo "Building the gateway and benchmarks/RevocationLatency (Release)..."
dotnet build src/Gateway -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/RevocationLatency -c Release -nologo -v quiet >/dev/null

# The program stops every process it started (replicas, redis-server, PostgreSQL) on its way out, signals included.
exec dotnet benchmarks/RevocationLatency/bin/Release/net10.0/RevocationLatency.dll \
  --replicas "${REPLICAS:-1,2,4}" --logouts "${LOGOUTS:-500}" --callers "${CALLERS:-4}" "$@"
