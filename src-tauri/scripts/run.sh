#!/usr/bin/env bash
# The README's run command: install what is missing, build, and open Lectern.
set -euo pipefail
here=$(dirname "$0")
bash "$here/setup.sh"
# The debug profile (dependencies optimised, see Cargo.toml) is what the test suite
# exercises and builds fastest; LECTERN_PROFILE=release gives an optimised build.
app=$(LECTERN_PROFILE="${LECTERN_PROFILE:-debug}" bash "$here/build-app.sh")
echo "Starting $app"
exec "$app" "$@"
