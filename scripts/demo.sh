#!/usr/bin/env bash
# The embedded default in front of the demo app: no Redis, no database server, a development signing key.
# The demo app (samples/LegacyApp) listens on 127.0.0.1:5000; open http://localhost:8080 in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build samples/LegacyApp -c Release -v quiet -nologo
dotnet build src/Gateway -c Release -v quiet -nologo

dotnet samples/LegacyApp/bin/Release/net10.0/LegacyApp.dll --urls http://127.0.0.1:5000 &
legacy=$!
trap 'kill $legacy 2>/dev/null' EXIT

echo
echo "  Open http://localhost:8080/ : a protected page of the demo app (you are sent to the sign-in page)."
echo "  http://localhost:8080/public/ is anonymous; http://localhost:8080/payments/ asks for your passkey again"
echo "  when you signed in more than 2 minutes ago (step-up). Ctrl+C stops both."
echo
dotnet src/Gateway/bin/Release/net10.0/gateway.dll --config config/gateway.json --urls http://localhost:8080
