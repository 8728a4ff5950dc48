#!/usr/bin/env bash
# The benchmark suite, on release builds and a library of 10,000 synthetic articles with
# 100,000 highlights: lectern-cli bench (lists, search beside raw FTS5, the Highlights
# view; importing 1,000 pages when the corpora are there) and the app's own figures in
# the real app under Xvfb (first paint, opening a long article, a highlight's round
# trip, memory). Prints tables; fails only if a step breaks. Extra arguments go to
# lectern-cli bench (--json, --runs N).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lectern/target}"
LECTERN_SETUP_E2E=1 bash "$repo/src-tauri/scripts/setup.sh"
(cd "$repo/ui" && npx vite build >/dev/null)
(cd "$repo" && cargo build --release --locked -p lectern-cli -p lectern --features lectern/custom-protocol)
cli="$CARGO_TARGET_DIR/release/lectern-cli"
work=$(mktemp -d -t lectern-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
# 1,000 real pages for the import figure: the extraction corpora beside the repository
# (../shared/corpus, or LECTERN_CORPUS), 612 pages, and copies of them to make 1,000,
# each copy's first paragraph marked so that most are new articles, not duplicates.
corpus="${LECTERN_CORPUS:-$repo/../shared/corpus}"
import_args=()
if [ -d "$corpus/trafilatura-eval-dev/html" ] && [ -d "$corpus/readability-test-pages" ]; then
    pages="$work/pages"
    mkdir -p "$pages"
    for page in "$corpus"/trafilatura-eval-dev/html/*.html.gz; do gunzip -c "$page" >"$pages/t-$(basename "$page" .gz)"; done
    for dir in "$corpus"/readability-test-pages/*/; do cp "$dir/source.html" "$pages/r-$(basename "$dir").html"; done
    count=$(ls "$pages" | wc -l)
    copy=0
    while [ "$count" -lt 1000 ]; do
        for page in "$pages"/[tr]-*; do
            [ "$count" -ge 1000 ] && break
            copy=$((copy + 1))
            count=$((count + 1))
            sed "0,/<\/p>/s//(copy $copy)<\/p>/" "$page" >"$pages/copy$copy-$(basename "$page")"
        done
    done
    import_args=(--import "$pages")
else
    echo "(no corpus at $corpus: the import figure is left out; set LECTERN_CORPUS)"
fi
echo "=== lectern-cli bench"
"$cli" --library "$work/bench.sqlite3" generate --articles 10000 --highlights-per-article 10
"$cli" --library "$work/bench.sqlite3" bench "${import_args[@]}" "$@"
echo "=== the app"
LECTERN_CLI="$cli" bash "$repo/tests/e2e/run.sh" "$CARGO_TARGET_DIR/release/lectern" "$repo/tests/e2e/bench/app.bench.js"
