#!/usr/bin/env bash
# make demo: run frontlined on a temporary inbox with the project's Config/, drop the seed
# articles in one at a time, print each alert as it arrives and the final claims table, stop.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${FRONTLINE_BIN:-$(swift build --show-bin-path)}
WORK=$(mktemp -d /tmp/frontline-demo.XXXXXX)
SOCKET="$WORK/frontline.sock"
mkdir -p "$WORK/inbox"
DAEMON_PID=""
FOLLOW_PID=""

cleanup() {
    [ -n "$FOLLOW_PID" ] && kill "$FOLLOW_PID" 2>/dev/null || true
    if [ -n "$DAEMON_PID" ]; then kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# wait_for DESCRIPTION COMMAND...: polls COMMAND until it succeeds, for at most 30 seconds.
wait_for() {
    local what=$1; shift
    local deadline=$((SECONDS + 30))
    until "$@" >/dev/null 2>&1; do
        if [ $SECONDS -ge $deadline ]; then echo "demo: timed out waiting for $what" >&2; exit 1; fi
        sleep 0.05
    done
}

counter() { "$BIN/frontlinectl" status --json --socket "$SOCKET" | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
outcomes() { echo $(( $(counter articles_accepted) + $(counter articles_duplicate) + $(counter articles_rejected) )); }
subscribed() { [ "$(counter subscribers)" -ge 1 ]; }
outcomes_above() { [ "$(outcomes)" -gt "$1" ]; }
alerts_printed() { [ "$(grep -c '^\[' "$WORK/alerts.txt")" -ge "$1" ]; }

echo "==> starting frontlined (inbox $WORK/inbox)"
"$BIN/frontlined" --config Config/frontline.toml --inbox "$WORK/inbox" --state-dir "$WORK/state" \
    --socket "$SOCKET" --log-level warning &
DAEMON_PID=$!
wait_for "the daemon's socket" "$BIN/frontlinectl" status --socket "$SOCKET"

echo "==> following alerts"
# $! is frontlinectl's own pid (not tee's), so it can be stopped: it would otherwise wait for the
# daemon to come back, as `alerts --follow` resumes across restarts.
"$BIN/frontlinectl" alerts --follow --socket "$SOCKET" > >(tee "$WORK/alerts.txt") &
FOLLOW_PID=$!
wait_for "the alert stream" subscribed

for file in seeds/*.txt; do
    name=$(basename "$file")
    before=$(outcomes)
    echo "==> dropping $name"
    cp "$file" "$WORK/inbox/.$name.tmp" && mv "$WORK/inbox/.$name.tmp" "$WORK/inbox/$name"
    wait_for "$name to be processed" outcomes_above "$before"
done
total=$(counter alerts)
wait_for "all $total alerts to print" alerts_printed "$total"

echo
echo "==> claims"
"$BIN/frontlinectl" claims --socket "$SOCKET"
echo
"$BIN/frontlinectl" status --socket "$SOCKET"

echo
echo "==> stopping frontlined"
kill "$FOLLOW_PID" 2>/dev/null && wait "$FOLLOW_PID" 2>/dev/null || true
FOLLOW_PID=""
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" && echo "frontlined stopped cleanly" || { echo "frontlined exited with $?" >&2; exit 1; }
DAEMON_PID=""
