#!/bin/sh
# Captures what the real `docker buildx bake` prints for the files in input/ (run it again to refresh this folder).
# `.json` is stdout alone (what the module parses); `.txt` is stdout and stderr together, then a line `rc=N`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/input"
capture_json() { out=$1; shift; docker buildx bake --progress=quiet "$@" >"$here/$out" 2>/dev/null; }
capture_txt() { out=$1; shift; docker buildx bake --progress=quiet "$@" >"$here/$out" 2>&1; echo "rc=$?" >>"$here/$out"; }
docker buildx version >"$here/buildx-version.txt"
capture_json print-hcl-default.json -f docker-bake.hcl --print
capture_json print-hcl-api.json -f docker-bake.hcl --print api
capture_json print-own-cache.json -f owncache.hcl --print api worker
capture_json print-compose.json -f compose.yaml --print
capture_json list-targets.json -f docker-bake.hcl --list=type=targets,format=json
capture_txt print-unknown-target.txt -f docker-bake.hcl --print nope
capture_txt print-no-default.txt -f owncache.hcl --print
capture_txt print-broken.txt -f broken.hcl --print
capture_txt print-missing-file.txt -f missing.hcl --print

# The checks need a builder: BUILDER names a docker-container builder (e.g. `docker buildx create --name probe
# --driver docker-container --driver-opt network=host --bootstrap`); without it they are not captured again.
if [ -n "${BUILDER:-}" ]; then
  cd "$here/lint"
  check() { out=$1; shift; docker buildx bake --builder "$BUILDER" --progress=plain "$@" >"$here/$out" 2>/dev/null; echo "rc=$?" >>"$here/$out"; }
  check check-two-targets.txt --call=check warned clean
  check check-reporting.txt --call=check,ignorestatus=true warned clean
  check check-broken.txt --call=check,ignorestatus=true warned broken
fi
