#!/usr/bin/env bash
# Chaos: the gateway on Redis and PostgreSQL under a steady open loop of the mix (half the measured capacity), then
# Redis paused (CLIENT PAUSE … ALL), Redis killed and restarted empty, PostgreSQL stopped and started, with recovery
# in between. Reports errors on the proxied routes during each fault, how ceremonies were answered, the time to the
# first successful sign-in after each fault's end (target ≤ 5 s), and whether any replayed sign-in finish was
# accepted (must be none); writes the report and a timeline under artifacts/soak/. See benchmarks/README-soak.md.
#
#   benchmarks/chaos.sh
#   benchmarks/chaos.sh --outage 10 --rate 800      (LoadMix options)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/install-missing.sh
source benchmarks/install-missing.sh
install_missing nginx redis-server postgresql

echo "Building the gateway and benchmarks/LoadMix (Release)..."
dotnet build src/Gateway -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/LoadMix -c Release -nologo -v quiet >/dev/null

exec dotnet benchmarks/LoadMix/bin/Release/net10.0/LoadMix.dll chaos "$@"
