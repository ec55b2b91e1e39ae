#!/usr/bin/env bash
# Release build time from clean, in a separate target folder (the registry stays warm:
# downloads are not counted). Usage: bench/build-time.sh   (prints one JSON object: schema 1)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-clean-build
rm -rf "$dir"
cargo fetch -q
start=$(date +%s%N)
CARGO_TARGET_DIR=$dir cargo build --release -q -p marsad
end=$(date +%s%N)
rm -rf "$dir"
echo "{\"schema\":1,\"seconds\":$(( (end - start) / 1000000000 )),\"cores\":$(nproc)}"
