#!/usr/bin/env bash
# Build the oha load tool into target/tools/bin/oha (from crates.io; nothing outside target/),
# for `marsad bench web --load-tool target/tools/bin/oha`. Prints the binary's path.
# Usage: bench/install-oha.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.16.0
bin=target/tools/bin/oha
if ! [ -x "$bin" ] || ! "$bin" --version | grep -q "$version"; then
  cargo install oha --version "$version" --locked --root target/tools >&2
fi
echo "$bin"
