#!/usr/bin/env bash
# End-to-end tests: the real app binary in a real WebKitGTK webview, under Xvfb,
# driven through tauri-driver + WebKitWebDriver. Usage: run.sh PATH_TO_APP [SPEC_FILE ...]
# Extra arguments are spec files to run instead of all (while working on one).
# Every process it starts is in a process group it kills on exit; all app data
# lives in a temporary HOME that is deleted afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$(readlink -f "$1")
tools="${LECTERN_TOOLS_DIR:-$HOME/.cache/lectern/tools}"
artifacts="$here/../.artifacts"
mkdir -p "$artifacts"

work=$(mktemp -d -t lectern-e2e-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A display nobody else uses.
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
setsid Xvfb ":$display" -screen 0 1280x860x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
native_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config" \
  XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime" DISPLAY=":$display"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# The system's opener, as the app sees it: it records what it is handed (the specs
# check that only web and mail links get out) and the drawing settings it was started
# with (Lectern's own must not reach a browser), instead of starting a browser, and
# passes lectern:// links to the app, as a desktop with Lectern installed does.
mkdir -p "$work/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >> "%s"\nenv | grep -E "^(GDK_GL|WEBKIT_DISABLE_DMABUF_RENDERER|WEBKIT_WEB_RENDER_DEVICE_FILE)=" >> "%s"\ncase "$1" in lectern:*) exec "%s" "$1" ;; esac\n' \
  "$work/opened-links.log" "$work/opener-env.log" "$app" > "$work/bin/xdg-open"
chmod +x "$work/bin/xdg-open"
export PATH="$work/bin:$PATH" LECTERN_OPENED_LINKS="$work/opened-links.log" LECTERN_OPENER_ENV="$work/opener-env.log"

# One session bus for the app and the specs: a second Lectern started by a spec (with a
# lectern:// link) finds the running one through it, as on a desktop.
setsid dbus-daemon --session --nofork --address="unix:path=$work/bus" >"$work/dbus.log" 2>&1 &
pids+=($!)
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
for _ in $(seq 50); do [ -S "$work/bus" ] && break; sleep 0.1; done

setsid "$tools/bin/tauri-driver" --port "$port" --native-port "$native_port" >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

status=0
specs=("$here/specs/")
[ $# -gt 1 ] && specs=()
LECTERN_APP="$app" LECTERN_DRIVER_PORT="$port" LECTERN_DATA_DIR="$XDG_DATA_HOME/app.lectern.reader" \
  LECTERN_ARTIFACTS="$artifacts" LECTERN_CLI="${LECTERN_CLI:-}" LECTERN_CORPUS_DIR="${LECTERN_CORPUS_DIR:-}" \
  node --test --test-concurrency=1 --test-reporter=spec "${specs[@]}" "${@:2}" || status=$?
if [ $status -ne 0 ]; then
  echo "--- tauri-driver log (tail) ---"; tail -n 40 "$work/driver.log" || true
  log="$XDG_DATA_HOME/app.lectern.reader/logs/lectern.log"
  [ -f "$log" ] && { echo "--- app log (tail) ---"; tail -n 40 "$log"; }
fi
exit $status
