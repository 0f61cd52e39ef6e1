#!/usr/bin/env bash
# The relay load benchmark of issue 3 (bench/README.md, "Relay load benchmark"): builds in Release,
# then for each round starts fresh targets on loopback (the echo server, nginx forwarding to it, and
# the relay), runs the load generator against each in turn (the order rotates every round), stops
# them, and finally prints the table of medians with relay / nginx and the verdicts.
#
# Usage: bench/relay-bench.sh [--quick] [--rounds N] [--no-build] [--no-relay]
#   --quick     one round with small counts (seconds): proves the harness works, figures not for quoting
#   --rounds N  rounds to take medians over (default 3)
#   --no-relay  echo and nginx only
# Environment: RELAY_CMD runs another relay build instead of `dotnet src/Tether.Cli/.../tether.dll relay`; it is
# given `--urls http://127.0.0.1:PORT` and then RELAY_ARGS (default: the limits set below).
# Every process it starts is stopped on exit, failure or Ctrl-C. Results: .artifacts/relay-bench/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { printf 'relay-bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

rounds=3 quick="" build=1 relay=1
while (($#)); do
  case "$1" in
    --quick) quick="--quick"; rounds=1 ;;
    --rounds) [[ ${2:-} =~ ^[1-9][0-9]?$ ]] || die "--rounds takes 1..99"; rounds=$2; shift ;;
    --no-build) build=0 ;;
    --no-relay) relay=0 ;;
    *) die "unknown option $1 (see the top of $0)" ;;
  esac
  shift
done

command -v nginx >/dev/null || die "nginx is missing: apt-get install nginx (scripts/setup.sh does)"
out="$root/.artifacts/relay-bench"
mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/relay-bench.XXXXXX")"
results="$out/results.jsonl"
: > "$results"

# Every target we start is recorded here and stopped on any exit: SIGTERM, then SIGKILL after 5 s.
pids=()
stop_targets() {
  local pid i
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
# The load generator runs in the background while the script waits for it: bash runs a trap only
# between foreground commands, but at once during `wait`, so Ctrl-C or SIGTERM stops a run promptly.
child=""
run_child() {
  local rc=0
  "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n $child ]] && kill -TERM "$child" 2>/dev/null
  stop_targets
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 10,000 idle connections need 10,000 sockets in the load generator and 20,000 in nginx; raise the
# descriptor limit as far as this user may.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
nofile=$(ulimit -n)

cli_project="src/Tether.Cli/Tether.Cli.csproj"
build_cli=0
if ((relay)) && [[ -z ${RELAY_CMD:-} ]]; then
  if [[ -f $cli_project ]]; then
    build_cli=1
  else
    log "no $cli_project yet and no RELAY_CMD: measuring echo and nginx only"
    relay=0
  fi
fi
if ((build)); then
  log "building (Release)"
  projects=(bench/Tether.EchoServer/Tether.EchoServer.csproj bench/Tether.LoadGen/Tether.LoadGen.csproj)
  ((build_cli)) && projects+=("$cli_project")
  for p in "${projects[@]}"; do
    dotnet build "$p" -c Release --nologo --verbosity quiet > "$work/build.log" 2>&1 \
      || { tail -n 30 "$work/build.log" >&2; die "build of $p failed"; }
  done
fi
bin=net10.0
echo_dll="bench/Tether.EchoServer/bin/Release/$bin/Tether.EchoServer.dll"
loadgen_dll="bench/Tether.LoadGen/bin/Release/$bin/Tether.LoadGen.dll"
relay_cmd=${RELAY_CMD:-dotnet src/Tether.Cli/bin/Release/$bin/tether.dll relay}
# The relay's per-address limits (docs/protocol.md §7.6) would refuse a benchmark whose thousands of
# connections all come from 127.0.0.1: raise them, and nothing else. Logging at Warning, as nginx
# runs with access_log off; no grace at shutdown, there is nobody to tell.
relay_args=${RELAY_ARGS-"--limit connections-per-address=100000 --limit connects-per-second=1000000 --limit connect-burst=1000000 --log-level Warning --shutdown-grace 0"}
loadgen() { dotnet "$loadgen_dll" "$@"; }

# Waits until something accepts on the port, or fails if the process died or 20 s passed.
wait_port() {
  local name=$1 port=$2 pid=$3 i
  for ((i = 0; i < 200; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/$name.log" >&2; die "$name exited during start"; }
    sleep 0.1
  done
  die "$name did not listen on $port within 20 s"
}

render_nginx() {
  local dir="$work/nginx" user=""
  mkdir -p "$dir/temp"
  # As root, nginx would hand its workers to "nobody", who cannot use our temporary directory.
  [[ $(id -u) -eq 0 ]] && user="user $(id -un) $(id -gn);"
  sed -e "s|@PREFIX@|$dir|g" -e "s|@PORT@|$nginx_port|g" -e "s|@ECHO_PORT@|$upstream_port|g" \
      -e "s|@NOFILE@|$nofile|g" -e "s|@WORKER_CONNECTIONS@|$((nofile - 256))|g" -e "s|@USER@|$user|g" \
      bench/nginx/nginx.conf.template > "$dir/nginx.conf"
}

# nginx forwards to an echo server of its own, so that its traffic (10,000 idle connections among
# it) never grows the heap of the echo server that is measured directly.
start_targets() {
  read -r echo_port upstream_port nginx_port relay_port < <(loadgen free-ports 4)
  dotnet "$echo_dll" "$echo_port" > "$work/echo.log" 2>&1 &
  echo_pid=$!
  pids+=("$echo_pid")
  dotnet "$echo_dll" "$upstream_port" > "$work/upstream.log" 2>&1 &
  upstream_pid=$!
  pids+=("$upstream_pid")
  render_nginx
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" > "$work/nginx.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  wait_port echo "$echo_port" "$echo_pid"
  wait_port upstream "$upstream_port" "$upstream_pid"
  wait_port nginx "$nginx_port" "$nginx_pid"
  if ((relay)); then
    # shellcheck disable=SC2086 # both are lists of words
    $relay_cmd --urls "http://127.0.0.1:$relay_port" $relay_args > "$work/relay.log" 2>&1 &
    relay_pid=$!
    pids+=("$relay_pid")
    wait_port relay "$relay_port" "$relay_pid"
  fi
}

# One target, one round: idle memory and throughput first, then latency in a second load generator
# whose socket completions run inline. Without that, every round trip would also pay the load
# generator's own hop through the thread pool (about 18 µs here), the same for every target, which
# would hide part of the difference between them. Throughput keeps the thread pool: 64 pairs need
# both cores on the generator's side too.
measure() {
  local target=$1 round=$2 adapter=echo url pid
  case $target in
    echo) url="ws://127.0.0.1:$echo_port/" pid=$echo_pid ;;
    nginx) url="ws://127.0.0.1:$nginx_port/" pid=$nginx_pid ;;
    relay) url="ws://127.0.0.1:$relay_port/" pid=$relay_pid adapter=relay ;;
  esac
  log "round $round/$rounds: $target"
  local args=(run --adapter "$adapter" --name "$target" --url "$url" --pid "$pid" --round "$round" $quick)
  { run_child dotnet "$loadgen_dll" "${args[@]}" --scenarios idle,throughput \
      && DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 run_child dotnet "$loadgen_dll" "${args[@]}" --scenarios latency; } >> "$results" \
    || { tail -n 20 "$work/$target.log" >&2; die "measuring $target failed"; }
}

# CPU used by others (builds, tests) over one second, in percent of the machine: on two cores any
# of it shows in the figures, so the table says how busy the machine was before each round.
background_cpu() {
  local a b
  read -r -a a < <(head -n1 /proc/stat)
  sleep 1
  read -r -a b < <(head -n1 /proc/stat)
  local total=0 idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) i
  for ((i = 1; i < ${#a[@]}; i++)); do total=$((total + b[i] - a[i])); done
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

targets=(echo nginx)
((relay)) && targets+=(relay)
started=$SECONDS
busy=()
for ((round = 1; round <= rounds; round++)); do
  busy+=("$(background_cpu)%")
  # Fresh processes each round, so that idle memory is always read on a heap that has not yet held
  # thousands of connections; the order rotates so no target always runs first.
  start_targets
  for ((i = 0; i < ${#targets[@]}; i++)); do
    measure "${targets[(i + round - 1) % ${#targets[@]}]}" "$round"
  done
  stop_targets
done

{
  echo "Relay load benchmark, $(date -u +%Y-%m-%d), .NET $(dotnet --list-runtimes | awk '/NETCore/ {v=$2} END {print v}'), $(nginx -v 2>&1 | sed 's/.*: //'), $(nproc) cores, $((SECONDS - started)) s${quick:+, QUICK (not for quoting)}"
  echo "Background CPU before each round (should be near 0%): ${busy[*]}"
  echo "Command: bench/relay-bench.sh${quick:+ --quick}$([[ $rounds -ne 3 && -z $quick ]] && echo " --rounds $rounds")"
  echo
  loadgen report "$results"
} | tee "$out/table.md"
