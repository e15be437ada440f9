#!/usr/bin/env bash
# Terminal smoke test: runs the real binary in tmux on the demo feeds, sends keys and checks
# what the screen shows. Needs tmux and a built binary (set DATELINE_BIN, default
# target/debug/dateline). Exit 0 when every check passed.
set -euo pipefail

BIN="${DATELINE_BIN:-target/debug/dateline}"
SESSION="dateline-smoke-$$"
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build first)" >&2; exit 1; }

# A server of its own (-L): another tmux server on the machine, starting or shutting down,
# cannot take the test's session with it ("server exited unexpectedly" once in CI).
tm() { tmux -L "$SESSION" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; }
trap cleanup EXIT

capture() { tm capture-pane -p -t "$SESSION"; }

# Waits up to 10 s for the screen to contain $1.
wait_for() {
    for _ in $(seq 1 100); do
        if capture | grep -qF -- "$1"; then return 0; fi
        sleep 0.1
    done
    echo "FAIL: screen never showed: $1" >&2
    capture >&2
    exit 1
}

tm new-session -d -s "$SESSION" -x 100 -y 30 "sh -c '$BIN --demo; echo EXITED-\$?; sleep 30'"
wait_for "Feeds"
wait_for "Articles"
# The demo's titles all start "Dateline Demo: ": that start names the feeds pane, and the
# rows show the rest whole.
wait_for "Dateline Demo"
wait_for "World Desk"
wait_for "unread"
# The demo refreshes on start; the list fills from the bundled feeds.
sleep 2
tm send-keys -t "$SESSION" Enter
wait_for "Article "
# The article's people and places; Enter on one opens its page, h comes back to the pane.
tm send-keys -t "$SESSION" e
wait_for "People ("
tm send-keys -t "$SESSION" Enter
wait_for "Mentions per day"
wait_for "In the same articles"
wait_for "Articles, newest first"
tm send-keys -t "$SESSION" h
wait_for "People and places"
tm send-keys -t "$SESSION" h
tm send-keys -t "$SESSION" '?'
wait_for "Keys:"
tm send-keys -t "$SESSION" Escape
tm send-keys -t "$SESSION" h
tm send-keys -t "$SESSION" q
wait_for "EXITED-0"
# The alternate screen is gone: no pane borders left on the shell's screen.
if capture | grep -qF "┌"; then
    echo "FAIL: the terminal was not restored" >&2
    capture >&2
    exit 1
fi
# Stopped from outside (kill, SIGTERM), the reader quits as for q: terminal restored, exit 0.
# On a server of its own again: the first one may still be shutting down after kill-server,
# and a client that reaches a dying server fails with "server exited unexpectedly".
cleanup
SESSION="$SESSION-sigterm"
tm new-session -d -s "$SESSION" -x 100 -y 30 "sh -c '$BIN --demo; echo EXITED-\$?; sleep 30'"
wait_for "Articles"
# The newest process with that command line is the reader (its shell started first).
pid=$(pgrep -n -f -- "$BIN --demo")
kill -TERM "$pid"
wait_for "EXITED-0"
if capture | grep -qF "┌"; then
    echo "FAIL: the terminal was not restored after SIGTERM" >&2
    capture >&2
    exit 1
fi
echo "tmux smoke test passed"
