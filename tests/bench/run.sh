#!/usr/bin/env bash
# The benchmark suite, on release builds and a library of 10,000 synthetic articles with
# 100,000 highlights: lectern-cli bench (lists, search beside raw FTS5, the Highlights
# view) and the app's own figures in the real app under Xvfb (first paint, opening a
# long article, a highlight's round trip, memory). Prints tables; fails only if a step
# breaks. Extra arguments go to lectern-cli bench (--json, --runs N).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lectern/target}"
LECTERN_SETUP_E2E=1 bash "$repo/src-tauri/scripts/setup.sh"
(cd "$repo/ui" && npx vite build >/dev/null)
(cd "$repo" && cargo build --release --locked -p lectern-cli -p lectern --features lectern/custom-protocol)
cli="$CARGO_TARGET_DIR/release/lectern-cli"
work=$(mktemp -d -t lectern-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "=== lectern-cli bench"
"$cli" --library "$work/bench.sqlite3" generate --articles 10000 --highlights-per-article 10
"$cli" --library "$work/bench.sqlite3" bench "$@"
echo "=== the app"
LECTERN_CLI="$cli" bash "$repo/tests/e2e/run.sh" "$CARGO_TARGET_DIR/release/lectern" "$repo/tests/e2e/bench/app.bench.js"
