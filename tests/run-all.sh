#!/usr/bin/env bash
# The README's test command: every test layer, from a clean clone.
#   0. formatting and lint gates first, as they take seconds: cargo fmt --check
#      (rustfmt.toml), oxlint on the UI and the extension (ui/.oxlintrc.json)
#   1. UI type check and unit tests (tsc, Vitest), the browser extension's lint (web-ext)
#   2. core, CLI and shell tests (cargo test --workspace: real SQLite files in temp dirs),
#      then clippy with warnings as errors
#   3. end-to-end tests on the real app under Xvfb (tauri-driver + WebKitWebDriver)
# Build outputs go to $CARGO_TARGET_DIR (default ~/.cache/lectern/target), outside the
# checkout, so later runs reuse them; a cold run works the same, only slower.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lectern/target}"
export LECTERN_TOOLS_DIR="${LECTERN_TOOLS_DIR:-$HOME/.cache/lectern/tools}"
export CARGO_TERM_COLOR=never
start=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }
# Every layer's output is also kept, to add up the tests run at the end.
output=$(mktemp -t lectern-tests-XXXXXX)
trap 'rm -f "$output"' EXIT

step "setup"
LECTERN_SETUP_E2E=1 bash "$repo/src-tauri/scripts/setup.sh"

step "gates: Rust formatting (cargo fmt --check) and the UI's lint (oxlint)"
if cargo fmt --version >/dev/null 2>&1; then
  (cd "$repo" && cargo fmt --all --check)
else
  echo "rustfmt is not installed on this machine: skipped (rustup component add rustfmt)"
fi
(cd "$repo/ui" && npm run --silent lint)

step "UI: type check and unit tests; the browser extension's lint (web-ext, Firefox's own rules)"
(cd "$repo/ui" && npx tsc --noEmit && npx vitest run 2>&1 && npx web-ext lint --source-dir extension 2>&1) | tee -a "$output"

step "build the app"
app=$(bash "$repo/src-tauri/scripts/build-app.sh")

step "Rust: core, CLI and shell tests"
# Same features as the app build, so the shell and Tauri are compiled once, not twice.
(cd "$repo" && cargo test --workspace --locked --features lectern/custom-protocol 2>&1) | tee -a "$output"

step "Rust: clippy, warnings as errors (every target, the app's features)"
if cargo clippy --version >/dev/null 2>&1; then
  (cd "$repo" && cargo clippy --workspace --all-targets --locked --features lectern/custom-protocol -- -D warnings 2>&1)
else
  echo "clippy is not installed on this machine: skipped (rustup component add clippy)"
fi

step "end-to-end tests"
# The corpus lives in the project's shared/ folder beside the checkout.
for dir in "$repo/../shared" "$repo/../../shared"; do
  [ -d "$dir/corpus/readability-test-pages" ] && export LECTERN_CORPUS_DIR="$dir/corpus/readability-test-pages" && break
done
LECTERN_CLI="$CARGO_TARGET_DIR/debug/lectern-cli" bash "$repo/tests/e2e/run.sh" "$app" 2>&1 | tee -a "$output"

step "all test layers passed"
# One closing line for all layers, from Vitest's "Tests  N passed", cargo's
# "test result: ok. N passed; M failed" and node's "ℹ pass N" / "ℹ fail N".
sed 's/\x1b\[[0-9;]*m//g' "$output" | awk '
  /^ *Tests +[0-9]+ passed/ { passed += $2 }
  /^test result:/ { passed += $4; failed += $6 }
  /^ℹ pass [0-9]+/ { passed += $3 }
  /^ℹ fail [0-9]+/ { failed += $3 }
  END { printf "all layers: %d passed, %d failed\n", passed, failed }'
