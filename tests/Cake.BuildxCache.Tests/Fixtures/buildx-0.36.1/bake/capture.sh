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
