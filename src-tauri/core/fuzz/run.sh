#!/usr/bin/env bash
# Coverage-guided fuzzing of Lectern's parsers with libFuzzer on the stable toolchain.
#   bash src-tauri/core/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]
# Targets: html markdown text epub query anchoring interop (all when none are named); 60 s each by
# default. Each target's corpus grows in ~/.cache/lectern/fuzz-corpus/<target>, starting
# from seeds/<target> and the regression inputs in tests/fixtures/hostile. A crashing input
# is written to artifacts/<target>/; once fixed, copy it to tests/fixtures/hostile/ with the
# target's extension so the test suite replays it. The last line sums the executions.
set -euo pipefail
fuzz=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$fuzz/../../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html markdown text epub query anchoring interop)

# libFuzzer's coverage instrumentation through rustc's stable codegen flags (what
# cargo-fuzz passes, minus the sanitizer, which needs nightly). --target keeps these
# flags off build scripts and proc macros.
triple=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="${LECTERN_FUZZ_TARGET_DIR:-$HOME/.cache/lectern/fuzz-target}"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
(cd "$fuzz" && cargo build --release --target "$triple" --bins)

declare -A extension=([html]=html [markdown]=md [text]=txt [epub]=epub [query]=query [anchoring]=anchoring [interop]=export)
# Documents get room for structure; a query or a quote needs little. Bigger inputs (bombs,
# deep nesting) have their own tests, so the fuzzer spends its time on variety instead.
declare -A max_len=([html]=16384 [markdown]=16384 [text]=8192 [epub]=16384 [query]=1024 [anchoring]=2048 [interop]=16384)
hostile="$repo/tests/fixtures/hostile"
total=0
for target in "${targets[@]}"; do
  corpus="$HOME/.cache/lectern/fuzz-corpus/$target"
  regressions=$(mktemp -d)
  mkdir -p "$corpus" "$fuzz/artifacts/$target"
  find "$hostile" -maxdepth 1 -name "*.${extension[$target]}" -exec cp {} "$regressions/" \;
  dict=()
  [ -f "$fuzz/dict/$target.dict" ] && dict=(-dict="$fuzz/dict/$target.dict")
  log="$fuzz/artifacts/$target/last-run.log"
  set +e
  "$CARGO_TARGET_DIR/$triple/release/$target" "$corpus" "$fuzz/seeds/$target" "$regressions" \
    "${dict[@]}" -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$fuzz/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  rm -rf "$regressions"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  printf 'fuzz %-10s %12s executions in %ss, %s, corpus %s inputs, exit %s\n' \
    "$target" "${runs:-?}" "$seconds" "${coverage:-cov: ?}" "$(ls "$corpus" | wc -l)" "$status"
  [ "$status" -eq 0 ] || { echo "  crash: see $log"; tail -30 "$log" | sed 's/^/  /'; }
  total=$(( total + ${runs:-0} ))
done
echo "fuzz total: $total executions"
