#!/usr/bin/env bash
# Builds the UI (ui/dist) and the app binary that embeds it. Prints the binary's path last.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lectern/target}"
profile="${LECTERN_PROFILE:-debug}"

(cd "$repo/ui" && npm run --silent build >/dev/null)
flags=(-p lectern --features custom-protocol)
[ "$profile" = release ] && flags+=(--release)
(cd "$repo" && cargo build "${flags[@]}" >&2)
echo "$CARGO_TARGET_DIR/$profile/lectern"
