#!/usr/bin/env bash
# Installs what the tests need (apt packages, only when missing), builds once and runs every test project.
# The last line printed is "N passed, N failed, N skipped" with the totals of the whole run.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests start for real, as "probe package" pairs. A probe is a command on the PATH or a path
# pattern: PostgreSQL's initdb and pg_ctl live in a versioned folder off the PATH, where the test fixture looks for them;
# Tomcat's catalina.sh lives in /usr/share/tomcat10, where TomcatServer looks for it; nginx in /usr/sbin.
REQUIRED_PACKAGES=("redis-server redis-server" "/usr/lib/postgresql/*/bin/initdb postgresql" "chromium chromium"
  "/usr/share/tomcat10/bin/catalina.sh tomcat10" "java default-jre-headless" "npm npm" "/usr/sbin/nginx nginx" "caddy caddy")

# axe-core, which the browser tests inject into every page they audit (PageAudit), from npm into test-tools/ (ignored
# by git). Pinned, so every run checks the pages against the same rules.
AXE_CORE_VERSION=4.10.3
AXE_CORE=test-tools/node_modules/axe-core/axe.min.js

present() {
  command -v "$1" >/dev/null 2>&1 || compgen -G "$1" >/dev/null
}

install_missing_packages() {
  local missing=()
  local pair
  for pair in "${REQUIRED_PACKAGES[@]}"; do
    present "${pair%% *}" || missing+=("${pair##* }")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} (apt)..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Installing tomcat10, nginx or caddy would start a system server (on ports 8080 and 80, where two of them collide
  # and fail the install). The tests start their own on free ports and need none of them: policy-rc.d keeps every
  # service from starting during the install, and the ones that are enabled are disabled afterwards.
  local policy=/usr/sbin/policy-rc.d own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && own_policy=yes
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  local installed=$?
  [ -n "$own_policy" ] && $sudo rm -f "$policy"
  [ $installed -eq 0 ] || { echo "Could not install ${missing[*]}: install them with apt-get and run again."; return 1; }
  if [ -d /run/systemd/system ]; then
    local service
    for service in tomcat10 nginx caddy; do
      [[ " ${missing[*]} " == *" $service "* ]] && $sudo systemctl disable --now "$service.service" >/dev/null 2>&1
    done
  fi
  return 0
}

install_axe_core() {
  if [ -f "$AXE_CORE" ] && grep -q "axe v$AXE_CORE_VERSION" "$AXE_CORE"; then
    return 0
  fi
  echo "Installing axe-core $AXE_CORE_VERSION (npm) into test-tools/..."
  npm install --prefix test-tools --no-audit --no-fund --loglevel=error "axe-core@$AXE_CORE_VERSION" >/dev/null && [ -f "$AXE_CORE" ] \
    || { echo "Could not install axe-core: run 'npm install --prefix test-tools axe-core@$AXE_CORE_VERSION' and run again."; return 1; }
}

summary() {
  echo "$1 passed, $2 failed, ${3:-0} skipped"
}

if ! install_missing_packages || ! install_axe_core; then
  summary 0 1
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "Building..."
if ! dotnet build PasskeyGateway.sln -nologo -v quiet >"$log" 2>&1; then
  cat "$log"
  echo "The build failed."
  summary 0 1
  exit 1
fi

dotnet test --solution PasskeyGateway.sln --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform's closing block: "total: N / failed: N / succeeded: N / skipped: N".
read_count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0; }
total=$(read_count total)
failed=$(read_count failed)
passed=$(read_count succeeded)
skipped=$(read_count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host crashed or nothing ran: count it as a failure rather than report a clean run.
  failed=1
fi
[ "$total" -eq 0 ] && [ "$status" -eq 0 ] && { echo "No tests ran."; failed=1; }

# STYLE.md: the formatting rules of .editorconfig hold everywhere. A violation counts as one failure.
echo "Checking formatting (dotnet format --verify-no-changes)..."
if ! dotnet format PasskeyGateway.sln --verify-no-changes --no-restore >"$log" 2>&1; then
  grep -E "(error|warning) [A-Z]+[0-9]+" "$log" | head -20
  echo "Formatting differs from .editorconfig: run 'dotnet format PasskeyGateway.sln'."
  failed=$((failed + 1))
fi

summary "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
