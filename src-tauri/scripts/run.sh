#!/usr/bin/env bash
# The README's run command: install what is missing, build, and open Lectern.
set -euo pipefail
here=$(dirname "$0")
bash "$here/setup.sh"
app=$(LECTERN_PROFILE="${LECTERN_PROFILE:-release}" bash "$here/build-app.sh")
echo "Starting $app"
exec "$app" "$@"
