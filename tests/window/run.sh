#!/usr/bin/env bash
# The real app in a real window under Xvfb, driven through tauri-driver and
# WebKitWebDriver like a person would, against a real project file.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
export GWR_APP="$target/debug/gwr-review" GWR_CLI="$target/debug/gwr"
cargo build --quiet -p gwr-review -p gwr-cli

# tauri-driver 2.1 (the registry's newest is a 3.0 alpha); cached in ~/.cargo/bin.
if ! command -v tauri-driver >/dev/null 2>&1 || ! tauri-driver --help >/dev/null 2>&1; then
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"

xvfb-run -a --server-args="-screen 0 1400x900x24" node --test tests/window/window.test.mjs
