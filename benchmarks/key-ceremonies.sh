#!/usr/bin/env bash
# Device verifications and biometric sign-ins per second (RS256 and ES256) through the ceremony core: options +
# verification on the in-memory challenge store and a SQLite repository (issue 6 item 6). The client's signing is
# not counted. "verify_only" rows are the signature check alone, for scale.
#
#   ./benchmarks/key-ceremonies.sh            SECONDS_PER_RUN=10 CALLERS=1,2,4 ./benchmarks/key-ceremonies.sh
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Building benchmarks/KeyCeremonyThroughput (Release)..."
dotnet build benchmarks/KeyCeremonyThroughput -c Release -nologo -v quiet >/dev/null
dotnet benchmarks/KeyCeremonyThroughput/bin/Release/net10.0/KeyCeremonyThroughput.dll \
  --seconds "${SECONDS_PER_RUN:-5}" --warmup 2 --callers "${CALLERS:-1,4}" --batch 256
