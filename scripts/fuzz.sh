#!/usr/bin/env bash
# Coverage-guided fuzzing of the gateway's input parsers: AFL++ drives fuzz/Gateway.Fuzz, whose product assemblies
# SharpFuzz instruments. docs/security.md says what each target covers and what counts as a finding.
#
#   scripts/fuzz.sh [minutes] [target...]    default: 10 minutes on each target, one target after the other
#
# Outputs go to artifacts/fuzz/ (git-ignored): the instrumented harness in harness/, one folder per target with
# AFL++'s queue, crashes and hangs (the previous run's is kept as <target>.previous), and <target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(attestation cose-key client-data device-key jwt)

# The assemblies whose code is fuzzed. The rest (the BCL, System.Formats.Cbor and System.Text.Json in the shared
# framework) runs uninstrumented: AFL++ sees only the branches of these.
INSTRUMENTED=(Fido2.dll Fido2.Models.dll Gateway.Ceremonies.dll gateway.dll Microsoft.IdentityModel.JsonWebTokens.dll Microsoft.IdentityModel.Tokens.dll)

OUT=artifacts/fuzz
HARNESS=$OUT/harness

# A .NET process starts in well under a second, but the jwt target builds the whole gateway before it answers AFL++.
EXEC_TIMEOUT_MS=5000
STARTUP_TIMEOUT_MS=60000

minutes=10
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
  minutes=$1
  shift
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")

install_afl() {
  command -v afl-fuzz >/dev/null 2>&1 && return 0
  echo "Installing afl++ (apt)..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
}

install_sharpfuzz() {
  # dotnet-tools.json pins SharpFuzz.CommandLine 2.3.0, the same version as the SharpFuzz library the harness uses.
  dotnet tool restore >/dev/null
}

build_harness() {
  echo "Building the harness (Release)..."
  # A fresh folder each time: instrumenting rewrites the assemblies in place, and SharpFuzz refuses to instrument an
  # assembly twice. The publish copies them out of the NuGet cache, which stays untouched.
  rm -rf "$HARNESS"
  dotnet publish fuzz/Gateway.Fuzz -c Release -o "$HARNESS" -nologo -v quiet
}

instrument() {
  local dll
  for dll in "${INSTRUMENTED[@]}"; do
    dotnet tool run sharpfuzz "$HARNESS/$dll" >/dev/null
    echo "Instrumented $dll"
  done
}

prepare_inputs() {
  local target=$1
  local inputs=$OUT/$target.in
  rm -rf "$inputs"
  mkdir -p "$inputs"
  cp fuzz/corpus/"$target"/* "$inputs"/
  if [ "$target" = jwt ]; then
    # Tokens signed by this build's development key (it lives in the harness folder, so none can be committed):
    # they take the fuzzer past the signature check from the start.
    dotnet "$HARNESS/Gateway.Fuzz.dll" seed jwt "$inputs" </dev/null >/dev/null
  fi
}

run_afl() {
  local target=$1
  local findings=$OUT/$target
  rm -rf "$findings.previous"
  [ -d "$findings" ] && mv "$findings" "$findings.previous"
  echo "Fuzzing $target for $minutes minute(s)..."
  # As root on a stock Debian: the core pattern pipes to a handler and the CPU governor is not "performance"; neither
  # matters for a managed target, whose crashes are exceptions reported through the fork server. Two cores are
  # shared, so no CPU binding.
  AFL_SKIP_BIN_CHECK=1 \
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_SKIP_CPUFREQ=1 \
    AFL_NO_AFFINITY=1 \
    AFL_NO_UI=1 \
    AFL_FORKSRV_INIT_TMOUT=$STARTUP_TIMEOUT_MS \
    afl-fuzz -i "$OUT/$target.in" -o "$findings" -t "$EXEC_TIMEOUT_MS" -m none -V $((minutes * 60)) \
    -- dotnet "$HARNESS/Gateway.Fuzz.dll" "$target" >"$OUT/$target.log" 2>&1 \
    || echo "afl-fuzz stopped with an error on $target: see $OUT/$target.log"
}

stat() {
  grep -E "^$2 +:" "$1" | sed -E 's/^[^:]+: *//'
}

summarize() {
  echo
  printf '%-18s %12s %9s %8s %8s %6s\n' target executions execs/s corpus crashes hangs
  local target stats
  for target in "${targets[@]}"; do
    stats=$OUT/$target/default/fuzzer_stats
    if [ ! -f "$stats" ]; then
      printf '%-18s %s\n' "$target" "no fuzzer_stats: see $OUT/$target.log"
      continue
    fi
    local execs start last seconds
    execs=$(stat "$stats" execs_done)
    start=$(stat "$stats" start_time)
    last=$(stat "$stats" last_update)
    seconds=$((last > start ? last - start : 1))
    printf '%-18s %12s %9s %8s %8s %6s\n' "$target" "$execs" "$((execs / seconds))" \
      "$(stat "$stats" corpus_count)" "$(stat "$stats" saved_crashes)" "$(stat "$stats" saved_hangs)"
  done
  echo
  for target in "${targets[@]}"; do
    find "$OUT/$target/default/crashes" "$OUT/$target/default/hangs" -type f -name 'id:*' 2>/dev/null | sort
  done
  echo "Replay one: dotnet $HARNESS/Gateway.Fuzz.dll <target> < <file>"
}

install_afl
install_sharpfuzz
build_harness
instrument
for target in "${targets[@]}"; do
  prepare_inputs "$target"
  run_afl "$target"
done
summarize
