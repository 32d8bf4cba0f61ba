# Sourced by the benchmarks that start servers of their own: install_missing NAME… installs (apt) each of nginx,
# redis-server and postgresql that is not there yet, in one apt-get run.
install_missing() {
  local missing=() name
  for name in "$@"; do
    case $name in
      nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
      redis-server) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
      postgresql) compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql) ;;
      *) echo "install_missing: unknown $name" >&2; return 1 ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (apt)..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
