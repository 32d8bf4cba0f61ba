#!/usr/bin/env bash
# Soak: the capacity of the mix (60 % JWT route, 30 % anonymous route, 10 % passkey sign-ins) measured closed-loop,
# then an open loop at 80 % of it for the given minutes, against real processes on this machine (nginx backend, the
# gateway's Release build; in-memory challenges and SQLite by default). Reports errors, p50/p99/max per class, the
# rate achieved and the gateway's RSS at the start, every minute and at the end; writes the report under
# artifacts/soak/. See benchmarks/README-soak.md.
#
#   benchmarks/soak.sh              (10 minutes)
#   benchmarks/soak.sh 1            (a short validation run)
#   benchmarks/soak.sh 10 --redis --postgres     (other LoadMix options follow the minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-10}
shift || true

# shellcheck source=benchmarks/install-missing.sh
source benchmarks/install-missing.sh
case " $* " in
  *" --redis "* | *" --postgres "*) install_missing nginx redis-server postgresql ;;
  *) install_missing nginx ;;
esac

echo "Building the gateway and benchmarks/LoadMix (Release)..."
dotnet build src/Gateway -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/LoadMix -c Release -nologo -v quiet >/dev/null

exec dotnet benchmarks/LoadMix/bin/Release/net10.0/LoadMix.dll soak --minutes "$minutes" "$@"
