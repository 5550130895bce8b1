#!/usr/bin/env bash
# A real DNS-over-HTTPS server on loopback for tests: unbound holds the test zones
# (tests/doh/zones.conf, nothing else resolves) and dnsdist serves RFC 8484 DoH over plain HTTP
# in front of it, with a CORS header so a browser page can use it too.
#
#   scripts/doh-server.sh start [--owner PID]   start on free loopback ports; prints
#                                                DOH_URL=http://127.0.0.1:<port>/dns-query and
#                                                DOH_DIR=<state dir>. With --owner, the servers
#                                                stop by themselves when process PID ends.
#   scripts/doh-server.sh stop DIR              stop the servers started with state dir DIR.
#   scripts/doh-server.sh run CMD [ARG...]      start, run CMD with BOUNCE_DOH_URL set, stop;
#                                                exits with CMD's status.
#
# Returns only once the server gives a real DNS answer (dnsdist says 403 until its backend is up).
# Needs unbound, dnsdist and curl (scripts/setup.sh installs them). Never touches port 53 or 5353.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
zones="$here/tests/doh/zones.conf"
liars="$here/tests/doh/liars.lua"

die() { echo "doh-server: $*" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 50); do
    # Below Linux's ephemeral range (32768-60999), where outgoing connections take their
    # source ports and could take ours between this check and the bind.
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))
    if port_free "$p"; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

stop_dir() {
  local dir="$1" pid f watcher=""
  [ -d "$dir" ] || return 0
  [ -s "$dir/watch.pid" ] && watcher=$(cat "$dir/watch.pid")
  for f in dnsdist.pid unbound.pid; do
    if [ -s "$dir/$f" ]; then
      pid=$(cat "$dir/$f")
      kill "$pid" 2>/dev/null || true
    fi
  done
  for f in dnsdist.pid unbound.pid; do
    if [ -s "$dir/$f" ]; then
      pid=$(cat "$dir/$f")
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$dir"
  # The watcher may be this very process (it runs "stop" when its owner ends).
  if [ -n "$watcher" ] && [ "$watcher" != "$$" ]; then
    kill "$watcher" 2>/dev/null || true
  fi
}

start() {
  local owner=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner) owner="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  for c in unbound dnsdist curl; do
    command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || die "$c is not installed (run scripts/setup.sh test)"
  done
  local unbound_bin; unbound_bin=$(command -v unbound || echo /usr/sbin/unbound)
  [ -f "$zones" ] || die "missing $zones"
  [ -f "$liars" ] || die "missing $liars"
  local dir; dir=$(mktemp -d "${TMPDIR:-/tmp}/bounce-doh.XXXXXX")
  # Whatever goes wrong before the end, leave nothing running.
  trap 'stop_dir "$dir"' EXIT
  local uport dport hport
  uport=$(free_port); dport=$(free_port); hport=$(free_port)
  while [ "$dport" = "$uport" ]; do dport=$(free_port); done
  while [ "$hport" = "$uport" ] || [ "$hport" = "$dport" ]; do hport=$(free_port); done

  cat >"$dir/unbound.conf" <<CONF
server:
  interface: 127.0.0.1
  port: $uport
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  pidfile: ""
  directory: "$dir"
  use-syslog: no
  logfile: ""
  verbosity: 0
  module-config: "iterator"
  access-control: 127.0.0.0/8 allow
  local-zone: "." static
  include: "$zones"
remote-control:
  control-enable: no
CONF
  cat >"$dir/dnsdist.conf" <<CONF
setSecurityPollSuffix('')
setLocal('127.0.0.1:$dport')
newServer({address='127.0.0.1:$uport', name='unbound'})
-- Always up: the only backend is the local unbound, and dnsdist's health checks (a root-server query
-- unbound cannot resolve offline, with a 1 s timeout) could mark it down on a loaded machine, after
-- which every query got HTTP 403.
getServer(0):setUp()
addDOHLocal('127.0.0.1:$hport', nil, nil, '/dns-query', { customResponseHeaders = { ['access-control-allow-origin'] = '*' } })
-- Fixed failure answers for the "untrusted answers" tests.
addAction(QNameRule('servfail.test.'), RCodeAction(DNSRCode.SERVFAIL))
addAction(QNameRule('refused.test.'), RCodeAction(DNSRCode.REFUSED))
-- Answers that lie (no question section, another question, another id...): tests/doh/liars.lua.
dofile('$here/tests/doh/liars.lua')
CONF
  "$unbound_bin" -d -c "$dir/unbound.conf" >"$dir/unbound.log" 2>&1 &
  echo $! >"$dir/unbound.pid"
  dnsdist --supervised --disable-syslog -C "$dir/dnsdist.conf" >"$dir/dnsdist.log" 2>&1 &
  echo $! >"$dir/dnsdist.pid"

  local url="http://127.0.0.1:$hport/dns-query"
  # The query "ready.doh.test A", id 0, RD, as base64url.
  local probe="AAABAAABAAAAAAAABXJlYWR5A2RvaAR0ZXN0AAABAAE"
  local ok=""
  for _ in $(seq 1 200); do
    if curl -s -m 2 -o "$dir/probe" -H 'accept: application/dns-message' "$url?dns=$probe" 2>/dev/null \
      && [ "$(stat -c %s "$dir/probe" 2>/dev/null || echo 0)" -ge 12 ]; then
      # Header bytes: flags at 2-3 (rcode = low 4 bits of byte 3), ANCOUNT at 6-7.
      read -r -a h < <(od -An -tu1 -N12 "$dir/probe" | tr -s ' \n' ' ') || true
      if [ "$(( h[3] & 15 ))" -eq 0 ] && [ "$(( h[6] * 256 + h[7] ))" -gt 0 ]; then ok=1; break; fi
    fi
    for f in unbound dnsdist; do
      kill -0 "$(cat "$dir/$f.pid")" 2>/dev/null || { cat "$dir/$f.log" >&2; stop_dir "$dir"; die "$f exited at start-up"; }
    done
    sleep 0.05
  done
  if [ -z "$ok" ]; then
    cat "$dir/unbound.log" "$dir/dnsdist.log" >&2 || true
    stop_dir "$dir"
    die "no DNS answer from $url within 10 s"
  fi
  if [ -n "$owner" ]; then
    # Stop by ourselves when the owner (e.g. the test process) ends, even if it crashed.
    ( trap '' HUP; while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done; "$0" stop "$dir" ) \
      </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watch.pid"
  fi
  trap - EXIT
  echo "DOH_URL=$url"
  echo "DOH_DIR=$dir"
}

run() {
  [ $# -gt 0 ] || die "usage: $0 run CMD [ARG...]"
  local out url dir status=0
  out=$(start_retrying --owner $$) || exit 1
  url=$(printf '%s\n' "$out" | sed -n 's/^DOH_URL=//p')
  dir=$(printf '%s\n' "$out" | sed -n 's/^DOH_DIR=//p')
  trap 'stop_dir "$dir"' EXIT
  BOUNCE_DOH_URL="$url" "$@" || status=$?
  exit "$status"
}

# Ports are checked before the daemons bind them, so another process can take one in between:
# try again with new ports.
start_retrying() {
  local out attempt
  for attempt in 1 2 3; do
    if out=$(start "$@"); then
      printf '%s\n' "$out"
      return 0
    fi
    echo "doh-server: attempt $attempt failed, trying new ports" >&2
  done
  die "could not start after 3 attempts"
}

case "${1:-}" in
  start) shift; start_retrying "$@" ;;
  run) shift; run "$@" ;;
  stop) [ -n "${2:-}" ] || die "usage: $0 stop DIR"; stop_dir "$2" ;;
  *) die "usage: $0 start [--owner PID] | stop DIR | run CMD [ARG...]" ;;
esac
