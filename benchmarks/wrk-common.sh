# Helpers shared by the wrk benchmarks (sourced): the load's settings, waiting for a server, one measurement, ratios and
# medians, the tools, a scratch folder and the nginx backend.

# Each measurement's length, the interleaved rounds, the warm-up per target, and wrk's connections and threads.
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}

# Waits until $1 answers (any status), for up to 20 s.
wait_for() {
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "$1 did not answer" >&2
  exit 1
}

# One measurement: requests/s and p99 latency from wrk's --latency output, after a 3 s warm-up run. Any non-2xx answer
# fails the benchmark: a figure for refused requests would measure the wrong thing.
measure() {
  local url=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" >/dev/null
  local out
  out=$(wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" "$url")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local non2xx
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  [ -z "$non2xx" ] || { echo "non-2xx answers from $url: $non2xx" >&2; exit 1; }
  echo "$rps $p99"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Installs each named tool with apt when it is missing.
require_tools() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "Installing $tool (apt)..."
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    fi
  done
}

# A scratch folder ($work) and the background processes started in it ($pids), both gone when the script exits.
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The backend: nginx answering "ok" on 127.0.0.1:$1, as fast as a backend gets.
start_nginx_backend() {
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:$1; location / { return 200 "ok\n"; } }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work" &
  pids+=($!)
}
